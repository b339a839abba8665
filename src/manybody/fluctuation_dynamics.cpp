// Fluctuation dynamics 𝓛, 𝓛₂ of F §5 in a few-mode space (fluctuation_dynamics.hpp).
#include <cbec/manybody/fluctuation_dynamics.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/numerics/dormand_prince.hpp>
#include <cbec/numerics/power_law_fit.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {
namespace {

using cd = std::complex<double>;

/// Largest truncated-space dimension accepted (the sparse monomials hold ~M³ entries per state).
constexpr double kMaxStates = 2e6;

void checkTimes(const std::vector<double>& times) {
  double prev = 0;
  for (double t : times)
    if (!std::isfinite(t) || t < prev) throw InputError("times: must be finite, non-negative and ascending");
    else prev = t;
}

}  // namespace

FluctuationGenerator::FluctuationGenerator(const FewModeModel& H, int cutoff) : H_(H), M_(H.modes()), cutoff_(cutoff) {
  if (M_ < 1) throw InputError("fluctuation dynamics: needs at least one mode");
  if (cutoff < 0) throw InputError(fmt::format("fluctuation dynamics: cutoff must be >= 0, got {}", cutoff));
  const double states = std::exp(std::lgamma(cutoff + 3.0 + M_) - std::lgamma(cutoff + 3.0) - std::lgamma(M_ + 1.0));
  if (states > kMaxStates)
    throw InputError(fmt::format("fluctuation dynamics: {} modes with cutoff {} give {:.3g} Fock states (at most {:g})",
                                 M_, cutoff, states, kMaxStates));
  offset_.push_back(0);
  for (int n = 0; n <= cutoff + 2; ++n) {
    shells_.emplace_back(M_, n);
    offset_.push_back(offset_.back() + shells_.back().dimension());
  }
  for (int i = 0; i < M_; ++i)
    for (int k = 0; k < M_; ++k) oneBody_.push_back(monomial({i}, {k}));
  for (int i = 0; i < M_; ++i)
    for (int j = i; j < M_; ++j) {
      pairs_.emplace_back(i, j);
      pairCreate_.push_back(monomial({i, j}, {}));
      pairAnnihilate_.push_back(monomial({}, {i, j}));
      for (int k = 0; k < M_; ++k) {
        cubicCreate_.push_back(monomial({i, j}, {k}));
        cubicAnnihilate_.push_back(monomial({k}, {i, j}));
      }
    }
  // 𝓛₄'s operator Σ V_ijkl a_i† a_j† a_l a_k, gathered into one matrix (duplicates summed)
  std::vector<Eigen::Triplet<double>> entries;
  for (int i = 0; i < M_; ++i)
    for (int j = 0; j < M_; ++j)
      for (int k = 0; k < M_; ++k)
        for (int l = 0; l < M_; ++l) {
          const double v = H.V(i, j, k, l);
          if (v == 0.0) continue;
          const Sparse m = monomial({i, j}, {l, k});
          for (int r = 0; r < m.outerSize(); ++r)
            for (Sparse::InnerIterator it(m, r); it; ++it) entries.emplace_back(r, it.col(), v * it.value());
        }
  quartic_.resize(static_cast<Eigen::Index>(offset_.back()), static_cast<Eigen::Index>(dimension()));
  quartic_.setFromTriplets(entries.begin(), entries.end());
}

std::size_t FluctuationGenerator::index(const Occupations& m) const {
  int n = 0;
  for (int x : m) n += x;
  if (static_cast<int>(m.size()) != M_ || n > cutoff_ + 2)
    throw InputError("fluctuation dynamics: occupation vector outside the space");
  return offset_[n] + shells_[n].index(m);
}

int FluctuationGenerator::shell(std::size_t index) const {
  int n = 0;
  while (offset_[n + 1] <= index) ++n;
  return n;
}

FluctuationGenerator::Sparse FluctuationGenerator::monomial(const std::vector<int>& create,
                                                            const std::vector<int>& annihilate) const {
  std::vector<Eigen::Triplet<double>> entries;
  for (int n = 0; n <= cutoff_; ++n) {
    Occupations m = shells_[n].first();
    do {
      Occupations t = m;
      double amp = 1;
      for (int k : annihilate) {   // a_k: sqrt(m_k)
        if (t[k] == 0) { amp = 0; break; }
        amp *= std::sqrt(double(t[k]));
        --t[k];
      }
      if (amp == 0) continue;
      for (int i : create) amp *= std::sqrt(double(++t[i]));   // a_i†: sqrt(m_i + 1)
      entries.emplace_back(static_cast<int>(index(t)), static_cast<int>(offset_[n] + shells_[n].index(m)), amp);
    } while (shells_[n].next(m));
  }
  Sparse s(static_cast<Eigen::Index>(offset_.back()), static_cast<Eigen::Index>(dimension()));
  s.setFromTriplets(entries.begin(), entries.end());
  return s;
}

Eigen::VectorXcd FluctuationGenerator::apply(const Eigen::VectorXcd& c, double N, const Eigen::VectorXcd& x,
                                             double* leak) const {
  const Eigen::Index D = static_cast<Eigen::Index>(dimension());
  if (x.size() != D || c.size() != M_) throw InputError("fluctuation dynamics: vector of the wrong size");
  Eigen::VectorXcd y = Eigen::VectorXcd::Zero(static_cast<Eigen::Index>(offset_.back()));
  const Eigen::MatrixXcd A = H_.oneBody().cast<cd>() + H_.hartreeMatrix(c) + H_.exchangeKernel(c);
  const Eigen::MatrixXcd K2 = H_.pairingKernel(c);
  for (int i = 0; i < M_; ++i)
    for (int k = 0; k < M_; ++k)
      if (A(i, k) != cd(0)) y.noalias() += A(i, k) * (oneBody_[i * M_ + k] * x);
  // ½ Σ_ij K2_ij a_i†a_j† over ordered pairs = Σ_{i≤j} w_ij a_i†a_j†, w = K2_ij (i < j), K2_ii / 2
  for (std::size_t p = 0; p < pairs_.size(); ++p) {
    const auto [i, j] = pairs_[p];
    const cd w = i == j ? 0.5 * K2(i, i) : K2(i, j);
    if (w == cd(0)) continue;
    y.noalias() += w * (pairCreate_[p] * x);
    y.noalias() += std::conj(w) * (pairAnnihilate_[p] * x);
  }
  if (std::isfinite(N)) {
    const double s = 1 / std::sqrt(N);
    for (std::size_t p = 0; p < pairs_.size(); ++p) {
      const auto [i, j] = pairs_[p];
      for (int k = 0; k < M_; ++k) {
        cd C = 0;   // Σ over the orderings (i, j), (j, i) of C_ijk = Σ_l V_ijkl c_l
        for (int l = 0; l < M_; ++l) C += (H_.V(i, j, k, l) + (i != j ? H_.V(j, i, k, l) : 0.0)) * c[l];
        if (C == cd(0)) continue;
        y.noalias() += (s * C) * (cubicCreate_[p * M_ + k] * x);
        y.noalias() += (s * std::conj(C)) * (cubicAnnihilate_[p * M_ + k] * x);
      }
    }
    y.noalias() += (0.5 / N) * (quartic_ * x);
  }
  if (leak) *leak = y.tail(y.size() - D).norm();
  return y.head(D);
}

Eigen::MatrixXcd FluctuationGenerator::density(const Eigen::VectorXcd& x) const {
  Eigen::MatrixXcd rho(M_, M_);
  for (int i = 0; i < M_; ++i)
    for (int j = 0; j < M_; ++j) rho(i, j) = x.dot((oneBody_[j * M_ + i] * x).head(x.size()));   // ⟨a_j† a_i⟩
  return rho;
}

Eigen::VectorXcd FluctuationGenerator::field(const Eigen::VectorXcd& x) const {
  Eigen::VectorXcd alpha(M_);
  for (int i = 0; i < M_; ++i) alpha[i] = x.dot((monomial({}, {i}) * x).head(x.size()));
  return alpha;
}

Eigen::VectorXcd FluctuationGenerator::numberPower(const Eigen::VectorXcd& x, int j) const {
  Eigen::VectorXcd y = x;
  for (int n = 0; n <= cutoff_; ++n)
    y.segment(static_cast<Eigen::Index>(offset_[n]), static_cast<Eigen::Index>(offset_[n + 1] - offset_[n])) *=
        std::pow(n + 1.0, j);
  return y;
}

FluctuationRun evolveFluctuations(const FluctuationGenerator& G, const Eigen::VectorXcd& c0, double N,
                                  const std::vector<double>& times, double tol) {
  checkTimes(times);
  const int M = G.modes();
  const Eigen::Index D = static_cast<Eigen::Index>(G.dimension());
  if (c0.size() != M) throw InputError("fluctuation dynamics: initial orbital has the wrong number of modes");
  if (!(N > 0)) throw InputError("fluctuation dynamics: N must be positive (infinite: the quadratic generator)");
  const FewModeModel& H = G.model();
  // state (c, ψ, ∫‖(1−P)𝓛ψ‖): i ċ = hc + H[c]c, i ψ̇ = P𝓛ψ, ė = ‖(1−P)𝓛ψ‖
  auto f = [&](double, const Eigen::VectorXcd& y) {
    const Eigen::VectorXcd c = y.head(M);
    Eigen::VectorXcd dy(y.size());
    double leak = 0;
    dy.head(M) = H.hartreeVelocity(c);
    dy.segment(M, D) = cd(0, -1) * G.apply(c, N, y.segment(M, D), &leak);
    dy[M + D] = leak;
    return dy;
  };
  Eigen::VectorXcd y = Eigen::VectorXcd::Zero(M + D + 1);
  y.head(M) = c0;
  y[M] = 1;   // Ω
  FluctuationRun run;
  double t = 0;
  for (double tt : times) {
    const OdeStats st = integrateDopri5(f, y, t, tt, tol);
    if (!st.failure.empty()) throw NumericalError(fmt::format("fluctuation dynamics (N = {}): {}", N, st.failure));
    run.steps += st.accepted;
    t = tt;
    run.times.push_back(tt);
    run.orbitals.push_back(y.head(M));
    run.states.push_back(y.segment(M, D));
    run.truncationBound.push_back(y[M + D].real());
  }
  return run;
}

std::vector<Eigen::MatrixXcd> quadraticFluctuationDensity(const FewModeModel& H, const Eigen::VectorXcd& c0,
                                                          const std::vector<double>& times, double tol) {
  checkTimes(times);
  const int M = H.modes();
  if (c0.size() != M) throw InputError("fluctuation dynamics: initial orbital has the wrong number of modes");
  // (c, U, V): i U̇ = A U + B V̄, i V̇ = A V + B Ū, A = h + H[c] + K1[c], B = K2[c] (no projections)
  auto f = [&](double, const Eigen::VectorXcd& y) {
    const Eigen::VectorXcd c = y.head(M);
    const Eigen::Map<const Eigen::MatrixXcd> U(y.data() + M, M, M), V(y.data() + M + M * M, M, M);
    const Eigen::MatrixXcd A = H.oneBody().cast<cd>() + H.hartreeMatrix(c) + H.exchangeKernel(c);
    const Eigen::MatrixXcd B = H.pairingKernel(c);
    Eigen::VectorXcd dy(y.size());
    dy.head(M) = H.hartreeVelocity(c);
    Eigen::Map<Eigen::MatrixXcd>(dy.data() + M, M, M) = cd(0, -1) * (A * U + B * V.conjugate());
    Eigen::Map<Eigen::MatrixXcd>(dy.data() + M + M * M, M, M) = cd(0, -1) * (A * V + B * U.conjugate());
    return dy;
  };
  Eigen::VectorXcd y = Eigen::VectorXcd::Zero(M + 2 * M * M);
  y.head(M) = c0;
  Eigen::Map<Eigen::MatrixXcd>(y.data() + M, M, M).setIdentity();
  std::vector<Eigen::MatrixXcd> out;
  double t = 0;
  for (double tt : times) {
    const OdeStats st = integrateDopri5(f, y, t, tt, tol);
    if (!st.failure.empty()) throw NumericalError(fmt::format("Bogoliubov map: {}", st.failure));
    t = tt;
    const Eigen::Map<const Eigen::MatrixXcd> V(y.data() + M + M * M, M, M);
    out.push_back(V * V.adjoint());   // ⟨a_j† a_i⟩ = Σ_k V_ik V̄_jk = (V V†)_ij
  }
  return out;
}

FluctuationComparison compareFluctuationDynamics(const FewModeModel& H, const Eigen::VectorXcd& c0,
                                                 const std::vector<double>& Ns, const std::vector<double>& times,
                                                 int cutoff, double tol) {
  const FluctuationGenerator G(H, cutoff);
  FluctuationComparison r;
  r.N = Ns, r.times = times, r.cutoff = cutoff;
  const FluctuationRun quad = evolveFluctuations(G, c0, std::numeric_limits<double>::infinity(), times, tol);
  r.steps += quad.steps;
  for (const auto& psi : quad.states) r.quadraticExcitations.push_back(G.density(psi).trace().real());
  for (double N : Ns) {
    const FluctuationRun full = evolveFluctuations(G, c0, N, times, tol);
    r.steps += full.steps;
    std::vector<double> d, dn, tb, ex;
    for (std::size_t q = 0; q < times.size(); ++q) {
      const Eigen::VectorXcd diff = full.states[q] - quad.states[q];
      d.push_back(diff.norm());
      dn.push_back(G.numberPower(diff, 1).norm());
      tb.push_back(full.truncationBound[q] + quad.truncationBound[q]);
      ex.push_back(G.density(full.states[q]).trace().real());
    }
    r.difference.push_back(d);
    r.numberDifference.push_back(dn);
    r.truncationBound.push_back(tb);
    r.excitations.push_back(ex);
  }
  for (std::size_t q = 0; q < times.size(); ++q) {
    std::vector<double> y;
    for (const auto& row : r.difference) y.push_back(row[q] > 1e-14 ? row[q] : 0.0);
    r.fittedExponent.push_back(fitPowerLaw(Ns, y).exponent);
  }
  return r;
}

}  // namespace cbec
