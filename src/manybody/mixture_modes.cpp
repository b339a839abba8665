// Galerkin model of a mixture in oscillator modes (mixture_modes.hpp).
#include <cbec/manybody/mixture_modes.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <tuple>

namespace cbec {

unsigned commonParityAxes(const Mixture& m) {
  unsigned axes = 0;
  for (int d = 0; d < m.dimension(); ++d) {
    bool same = true;
    for (const auto& sp : m.allSpecies()) same = same && sp.trap.centre()[d] == m.species(0).trap.centre()[d];
    if (same) axes |= 1u << d;
  }
  return axes;
}

namespace {

/// f[n][Q][ℓ]: number of n-boson states of one species with Σ quanta = Q and parity label ℓ (exact count,
/// mode by mode: f'[n][Q][ℓ] = Σ_m f[n-m][Q-mq][ℓ ⊕ (m odd ? label : 0)]).
using StateCount = std::vector<std::vector<std::vector<double>>>;
StateCount speciesStateCount(const OscillatorModes& b, unsigned axes, int N, int Qmax, int L, bool quanta) {
  StateCount f(N + 1, std::vector<std::vector<double>>(Qmax + 1, std::vector<double>(L, 0.0)));
  f[0][0][0] = 1;
  for (int mode = 0; mode < b.count(); ++mode) {
    const int q = quanta ? b.shell(mode) : 0;   // without a truncation the quanta are not tracked
    const unsigned lab = b.parityMask(mode) & axes;
    StateCount g = f;
    for (int n = 1; n <= N; ++n)
      for (int Q = 0; Q <= Qmax; ++Q)
        for (int l = 0; l < L; ++l) {
          double sum = 0;
          for (int m = 1; m <= n && m * q <= Q; ++m) sum += f[n - m][Q - m * q][l ^ ((m & 1) ? lab : 0u)];
          g[n][Q][l] += sum;
        }
    f = std::move(g);
  }
  return f;
}

/// The exact dimension of the even sector at a rung (what FockSector will hold).
double sectorStates(const Mixture& m, const std::vector<int>& particles, int shells, std::optional<int> maxQuanta) {
  const unsigned axes = commonParityAxes(m);
  const int L = 1 << m.dimension();
  const int Qmax = maxQuanta ? *maxQuanta : 0;
  std::vector<StateCount> f;
  for (int s = 0; s < m.speciesCount(); ++s)
    f.push_back(speciesStateCount(OscillatorModes::forTrap(m.species(s).trap, shells, "species.trap"), axes, particles[s], Qmax, L,
                                    maxQuanta.has_value()));
  if (f.size() == 1) {
    double d = 0;
    for (int Q = 0; Q <= Qmax; ++Q) d += f[0][particles[0]][Q][0];
    return d;
  }
  double d = 0;
  for (int QA = 0; QA <= Qmax; ++QA)
    for (int QB = 0; QA + QB <= Qmax; ++QB)
      for (int l = 0; l < L; ++l) d += f[0][particles[0]][QA][l] * f[1][particles[1]][QB][l];
  return d;
}

/// Stored two-body entries at a rung (intra tensors of species with pairs, and the inter tensor).
double tensorEntries(const Mixture& m, const std::vector<int>& particles, int shells, std::optional<int> maxQuanta) {
  const unsigned axes = commonParityAxes(m);
  std::vector<ModeSpecies> sp;
  std::vector<int> M;
  for (int s = 0; s < m.speciesCount(); ++s) {
    const OscillatorModes b = OscillatorModes::forTrap(m.species(s).trap, shells, "species.trap");
    ModeSpecies x;
    for (int k = 0; k < b.count(); ++k) x.labels.push_back(b.parityMask(k) & axes), x.quanta.push_back(b.shell(k));
    M.push_back(b.count());
    sp.push_back(std::move(x));
  }
  double e = 0;
  for (int s = 0; s < m.speciesCount(); ++s)
    if (particles[s] >= 2 && m.species(s).a != 0.0)
      e += TwoBodyTensor::entryEstimate(M[s], M[s], pairSelection(sp[s], sp[s], maxQuanta));
  if (m.speciesCount() == 2 && particles[0] > 0 && particles[1] > 0 && m.coupling(0, 1) != 0.0)
    e += TwoBodyTensor::entryEstimate(M[0], M[1], pairSelection(sp[0], sp[1], maxQuanta));
  return e;
}

}  // namespace

ModeFootprint mixtureModeFootprint(const Mixture& m, const std::vector<int>& particles, int shells,
                                   std::optional<int> maxQuanta) {
  return ModeFootprint{sectorStates(m, particles, shells, maxQuanta), tensorEntries(m, particles, shells, maxQuanta)};
}

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
  const unsigned axes = commonParityAxes(mixture);
  const PairInteraction& w = mixture.pair();
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
    out.model.inter_factor = interPairFactor(N);
  }
  out.model.max_quanta = maxQuanta;
  return out;
}

}  // namespace cbec
