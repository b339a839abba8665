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

bool isotropicMixture(const Mixture& m) {
  if (m.dimension() != 2 || commonParityAxes(m) != 3u) return false;
  for (const auto& sp : m.allSpecies())
    if (!OscillatorModes::isotropic2D(sp.trap)) return false;
  return true;
}

namespace {

/// The modes of species s at a rung (circular in an L_z sector).
OscillatorModes rungModes(const Mixture& m, int s, int shells, bool circular, double scale = 1.0) {
  return OscillatorModes::forTrap(m.species(s).trap, shells, fmt::format("species[{}].trap", s), scale, circular);
}

/// f[n][Q][ℓ][M]: number of n-boson states of one species with Σ quanta = Q, parity label ℓ and Σ L_z = M
/// (exact count, mode by mode: f'[n][Q][ℓ][M] = Σ_k f[n-k][Q-kq][ℓ ⊕ (k odd ? label : 0)][M − k m]).
struct StateCount {
  int N, Qmax, L, Mmax;
  std::vector<double> f;
  StateCount(int N_, int Q_, int L_, int M_)
      : N(N_), Qmax(Q_), L(L_), Mmax(M_), f(std::size_t(N + 1) * (Q_ + 1) * L_ * (2 * M_ + 1), 0.0) {}
  double& at(int n, int Q, int l, int M) {
    return f[((std::size_t(n) * (Qmax + 1) + Q) * L + l) * (2 * Mmax + 1) + (M + Mmax)];
  }
  double get(int n, int Q, int l, int M) const {
    if (M < -Mmax || M > Mmax) return 0.0;
    return f[((std::size_t(n) * (Qmax + 1) + Q) * L + l) * (2 * Mmax + 1) + (M + Mmax)];
  }
};

StateCount speciesStateCount(const OscillatorModes& b, unsigned axes, int N, int Qmax, int L, bool quanta, int Mmax) {
  StateCount f(N, Qmax, L, Mmax);
  f.at(0, 0, 0, 0) = 1;
  for (int mode = 0; mode < b.count(); ++mode) {
    const int q = quanta ? b.shell(mode) : 0;   // without a truncation the quanta are not tracked
    const int lz = b.circular() ? b.angularMomentum(mode) : 0;
    const unsigned lab = b.parityMask(mode) & axes;
    StateCount g = f;
    for (int n = 1; n <= N; ++n)
      for (int Q = 0; Q <= Qmax; ++Q)
        for (int l = 0; l < L; ++l)
          for (int M = -Mmax; M <= Mmax; ++M) {
            double sum = 0;
            for (int k = 1; k <= n && k * q <= Q; ++k) sum += f.get(n - k, Q - k * q, l ^ ((k & 1) ? lab : 0u), M - k * lz);
            g.at(n, Q, l, M) += sum;
          }
    f = std::move(g);
  }
  return f;
}

/// The exact dimension of the sector at a rung (what FockSector will hold).
double sectorStates(const Mixture& m, const std::vector<int>& particles, int shells, std::optional<int> maxQuanta,
                    std::optional<int> angular) {
  const unsigned axes = angular ? 0u : commonParityAxes(m);
  const int L = angular ? 1 : 1 << m.dimension();
  const int Qmax = maxQuanta ? *maxQuanta : 0;
  std::vector<StateCount> f;
  for (int s = 0; s < m.speciesCount(); ++s) {
    const int Mmax = !angular ? 0 : maxQuanta ? *maxQuanta : particles[s] * shells;
    f.push_back(speciesStateCount(rungModes(m, s, shells, angular.has_value()), axes, particles[s], Qmax, L,
                                  maxQuanta.has_value(), Mmax));
  }
  const int Mt = angular ? *angular : 0;
  if (f.size() == 1) {
    double d = 0;
    for (int Q = 0; Q <= Qmax; ++Q) d += f[0].get(particles[0], Q, 0, Mt);
    return d;
  }
  double d = 0;
  for (int QA = 0; QA <= Qmax; ++QA)
    for (int QB = 0; QA + QB <= Qmax; ++QB)
      for (int l = 0; l < L; ++l)
        for (int MA = -f[0].Mmax; MA <= f[0].Mmax; ++MA)
          d += f[0].get(particles[0], QA, l, MA) * f[1].get(particles[1], QB, l, Mt - MA);
  return d;
}

/// The per-mode data of species s at a rung (labels, quanta, L_z), as mixtureModeHamiltonian sets them.
ModeSpecies rungSpecies(const OscillatorModes& b, unsigned axes) {
  ModeSpecies x;
  for (int k = 0; k < b.count(); ++k) {
    x.labels.push_back(b.parityMask(k) & axes);
    x.quanta.push_back(b.shell(k));
    if (b.circular()) x.angular.push_back(b.angularMomentum(k));
  }
  return x;
}

/// Stored two-body entries at a rung (intra tensors of species with pairs, and the inter tensor).
double tensorEntries(const Mixture& m, const std::vector<int>& particles, int shells, std::optional<int> maxQuanta,
                     std::optional<int> angular) {
  const unsigned axes = commonParityAxes(m);
  int N = 0;
  for (int n : particles) N += n;
  std::vector<ModeSpecies> sp;
  std::vector<int> M;
  for (int s = 0; s < m.speciesCount(); ++s) {
    const OscillatorModes b = rungModes(m, s, shells, angular.has_value());
    M.push_back(b.count());
    sp.push_back(rungSpecies(b, axes));
  }
  double e = 0;
  for (int s = 0; s < m.speciesCount(); ++s)
    if (particles[s] >= 2 && m.species(s).a != 0.0)
      e += TwoBodyTensor::entryEstimate(M[s], M[s], pairSelection(sp[s], sp[s], maxQuanta, angular, N - 2));
  if (m.speciesCount() == 2 && particles[0] > 0 && particles[1] > 0 && m.coupling(0, 1) != 0.0)
    e += TwoBodyTensor::entryEstimate(M[0], M[1], pairSelection(sp[0], sp[1], maxQuanta, angular, N - 2));
  return e;
}

void requireIsotropic(const Mixture& m, std::optional<int> angular) {
  if (angular && !isotropicMixture(m))
    throw InputError("basis.symmetry: L_z sectors need a 2D model with isotropic harmonic traps and one common centre");
}

}  // namespace

ModeFootprint mixtureModeFootprint(const Mixture& m, const std::vector<int>& particles, int shells,
                                   std::optional<int> maxQuanta, std::optional<int> angular) {
  requireIsotropic(m, angular);
  return ModeFootprint{sectorStates(m, particles, shells, maxQuanta, angular),
                       tensorEntries(m, particles, shells, maxQuanta, angular)};
}

PairSelection pairSelection(const ModeSpecies& a, const ModeSpecies& b, std::optional<int> maxQuanta,
                            std::optional<int> angularMomentum, int otherParticles) {
  PairSelection s{a.labels, b.labels, a.quanta, b.quanta, maxQuanta ? *maxQuanta : -1};
  if (angularMomentum) {
    s.angular_a = a.angular, s.angular_b = b.angular;
    s.angular_total = *angularMomentum;
    s.other_particles = otherParticles;
  }
  return s;
}

MixtureModes mixtureModeHamiltonian(const Mixture& mixture, const std::vector<int>& particles, int shells,
                                    std::optional<int> maxQuanta, double scale, std::optional<int> angular) {
  requireIsotropic(mixture, angular);
  const int S = mixture.speciesCount();
  if (S > 2) throw InputError("manybody: at most two species");
  if (static_cast<int>(particles.size()) != S) throw InputError("manybody: one particle number per species");
  int N = 0;
  for (int n : particles) N += n;
  if (N < 1) throw InputError("manybody: need at least one particle");
  MixtureModes out;
  for (int s = 0; s < S; ++s)
    out.modes.push_back(rungModes(mixture, s, shells, angular.has_value(), scale));
  const unsigned axes = commonParityAxes(mixture);
  const PairInteraction& w = mixture.pair();
  for (int s = 0; s < S; ++s) {
    const OscillatorModes& b = out.modes[s];
    ModeSpecies sp;
    sp.particles = particles[s];
    sp.h = b.oneBodyMatrix();
    ModeSpecies labels = rungSpecies(b, axes);
    sp.labels = std::move(labels.labels), sp.quanta = std::move(labels.quanta), sp.angular = std::move(labels.angular);
    sp.pair_factor = intraPairFactor(mixture.pairScaling(), particles[s], N);
    if (sp.particles >= 2 && mixture.species(s).a != 0.0)
      sp.V = gaussianPairTensor(b, b, w, -mixture.species(s).a, pairSelection(sp, sp, maxQuanta, angular, N - 2));
    else sp.pair_factor = 0.0;
    out.model.species.push_back(std::move(sp));
  }
  if (S == 2 && particles[0] > 0 && particles[1] > 0 && mixture.coupling(0, 1) != 0.0) {
    const auto& [A, B] = std::tie(out.model.species[0], out.model.species[1]);
    out.model.V12 = gaussianPairTensor(out.modes[0], out.modes[1], w, -mixture.coupling(0, 1), pairSelection(A, B, maxQuanta, angular, N - 2));
    out.model.inter_factor = interPairFactor(N);
  }
  out.model.max_quanta = maxQuanta;
  out.model.angular_momentum = angular;
  return out;
}

}  // namespace cbec
