// Galerkin model of a mixture in oscillator modes (mixture_modes.hpp).
#include <cbec/manybody/mixture_modes.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <tuple>

namespace cbec {

double intraPairFactor(PairScaling scaling, int Ns, int N) {
  if (scaling == PairScaling::N) return 1.0 / N;
  return Ns >= 2 ? 1.0 / (Ns - 1) : 0.0;
}

namespace {
unsigned commonParityAxes(const std::vector<OscillatorModes>& modes) {
  unsigned axes = 0;
  for (int d = 0; d < modes[0].dimension(); ++d) {
    bool same = true;
    for (const auto& m : modes) same = same && m.centre()[d] == modes[0].centre()[d];
    if (same) axes |= 1u << d;
  }
  return axes;
}
}  // namespace

PairSelection pairSelection(const ModeSpecies& a, const ModeSpecies& b, std::optional<int> maxQuanta) {
  return PairSelection{a.labels, b.labels, a.quanta, b.quanta, maxQuanta ? *maxQuanta : -1};
}

MixtureModes mixtureModeHamiltonian(const Mixture& mixture, const std::vector<int>& particles, int shells,
                                    std::optional<int> maxQuanta, double scale) {
  const int S = mixture.speciesCount();
  if (S > 2) throw InputError("manybody: at most two species");
  if (static_cast<int>(particles.size()) != S) throw InputError("manybody: one particle number per species");
  int N = 0;
  for (int n : particles) N += n;
  if (N < 1) throw InputError("manybody: need at least one particle");
  MixtureModes out;
  for (int s = 0; s < S; ++s)
    out.modes.push_back(OscillatorModes::forTrap(mixture.species(s).trap, shells, fmt::format("species[{}].trap", s), scale));
  const unsigned axes = commonParityAxes(out.modes);
  const PairPotential& w = mixture.pair();
  for (int s = 0; s < S; ++s) {
    const OscillatorModes& b = out.modes[s];
    ModeSpecies sp;
    sp.particles = particles[s];
    sp.h = b.oneBodyMatrix();
    sp.pair_factor = intraPairFactor(mixture.pairScaling(), particles[s], N);
    for (int m = 0; m < b.count(); ++m) {
      sp.labels.push_back(b.parityMask(m) & axes);
      sp.quanta.push_back(b.shell(m));
    }
    if (sp.particles >= 2 && mixture.species(s).a != 0.0)
      sp.V = gaussianPairTensor(b, b, w, -mixture.species(s).a, pairSelection(sp, sp, maxQuanta));
    else sp.pair_factor = 0.0;
    out.model.species.push_back(std::move(sp));
  }
  if (S == 2 && particles[0] > 0 && particles[1] > 0 && mixture.coupling(0, 1) != 0.0) {
    const auto& [A, B] = std::tie(out.model.species[0], out.model.species[1]);
    out.model.V12 = gaussianPairTensor(out.modes[0], out.modes[1], w, -mixture.coupling(0, 1), pairSelection(A, B, maxQuanta));
    out.model.inter_factor = 1.0 / N;
  }
  out.model.max_quanta = maxQuanta;
  return out;
}

}  // namespace cbec
