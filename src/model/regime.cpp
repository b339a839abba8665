#include <cbec/model/regime.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <Eigen/Eigenvalues>

#include <cmath>
#include <limits>
#include <vector>

namespace cbec {

std::string RegimeReport::name() const {
  switch (regime) {
    case Regime::Exists: return "exists";
    case Regime::Unbounded: return "unbounded";
    default: return "undetermined";
  }
}

namespace {

std::string speciesLabel(const Mixture& m, int s) {
  return fmt::format("species[{}] ({})", s, m.species(s).name);
}

/// The subset trial (see regime.hpp): attractive mass Σ_T c_s ã_s + Σ_{s≠t∈T} c_s c_t a_st against a_* Σ_T c_s.
/// Returns the worst subset, if any is supercritical.
std::optional<std::string> supercriticalSubset(const Mixture& m, double aStar) {
  const int S = m.speciesCount();
  for (unsigned mask = 1; mask < (1u << S); ++mask) {
    double attract = 0, mass = 0;
    std::vector<int> members;
    for (int s = 0; s < S; ++s) {
      if (!(mask & (1u << s))) continue;
      members.push_back(s);
      mass += m.fraction(s);
      attract += m.fraction(s) * m.effectiveIntra(s);
      for (int t = 0; t < S; ++t)
        if (t != s && (mask & (1u << t))) attract += m.fraction(s) * m.fraction(t) * m.coupling(s, t);
    }
    if (attract > aStar * mass * (1 + 1e-14)) {
      if (members.size() == 1)
        return fmt::format("{}: a = {} > a_* = {:.10g} (M Theorem 6)", speciesLabel(m, members[0]),
                           m.effectiveIntra(members[0]), aStar);
      if (S == 2) {
        const double c1 = m.fraction(0), c2 = m.fraction(1);
        const double bound = (aStar - c1 * m.effectiveIntra(0) - c2 * m.effectiveIntra(1)) / (2 * c1 * c2);
        return fmt::format("a12 = {} > (a_* - c1 a1 - c2 a2)/(2 c1 c2) = {:.10g} (M Theorem 6)",
                           m.coupling(0, 1), bound);
      }
      return fmt::format("species {{{}}} collapse together: Σ c_s a_s + Σ c_s c_t a_st = {:.10g} > a_* Σ c_s = {:.10g}",
                         fmt::join(members, ","), attract, aStar * mass);
    }
  }
  return std::nullopt;
}

RegimeReport twoDimensionalContact(const Mixture& m, double aStar) {
  if (auto why = supercriticalSubset(m, aStar)) return {Regime::Unbounded, *why};
  const int S = m.speciesCount();
  Eigen::MatrixXd B(S, S);
  for (int s = 0; s < S; ++s)
    for (int t = 0; t < S; ++t)
      B(s, t) = s == t ? m.fraction(s) * (aStar - std::max(m.effectiveIntra(s), 0.0))
                       : -m.fraction(s) * m.fraction(t) * std::max(m.coupling(s, t), 0.0);
  const double lmin = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(B).eigenvalues().minCoeff();
  if (lmin > 1e-12 * aStar) {
    if (S == 1) return {Regime::Exists, fmt::format("a = {} < a_* = {:.10g} (M Theorem 6)", m.effectiveIntra(0), aStar)};
    if (S == 2) {
      const double c1 = m.fraction(0), c2 = m.fraction(1), a12 = m.coupling(0, 1);
      if (a12 <= 0) return {Regime::Exists, "a1, a2 < a_* with repulsive a12 ≤ 0 (M §2.2)"};
      const double bound = std::sqrt((aStar - std::max(m.effectiveIntra(0), 0.0)) *
                                     (aStar - std::max(m.effectiveIntra(1), 0.0)) / (c1 * c2));
      return {Regime::Exists, fmt::format("a1, a2 < a_* and a12 = {} < sqrt((a_*-a1)(a_*-a2)/(c1c2)) = {:.10g} (M Theorem 6)",
                                          a12, bound)};
    }
    return {Regime::Exists, "the matrix c_s(a_* - a_s⁺)δ_st - c_s c_t a_st⁺ is positive definite (Gagliardo–Nirenberg)"};
  }
  for (int s = 0; s < S; ++s)
    if (std::abs(m.effectiveIntra(s) - aStar) <= 1e-12 * aStar)
      return {Regime::Undetermined, fmt::format("{}: a = a_* exactly: the energy is bounded but the infimum is not attained (Guo–Seiringer)",
                                                speciesLabel(m, s))};
  if (S == 2) {
    const double c1 = m.fraction(0), c2 = m.fraction(1);
    return {Regime::Undetermined,
            fmt::format("sqrt((a_*-a1)(a_*-a2)/(c1c2)) = {:.10g} ≤ a12 = {} ≤ (a_* - c1a1 - c2a2)/(2c1c2) = {:.10g}: existence depends (M Theorem 6)",
                        std::sqrt((aStar - std::max(m.effectiveIntra(0), 0.0)) * (aStar - std::max(m.effectiveIntra(1), 0.0)) / (c1 * c2)),
                        m.coupling(0, 1),
                        (aStar - c1 * m.effectiveIntra(0) - c2 * m.effectiveIntra(1)) / (2 * c1 * c2))};
  }
  return {Regime::Undetermined, "between the sufficient condition for existence and the collapse condition (M Theorem 6)"};
}

/// max over the simplex {c ≥ 0, Σ c_s = 1} of c·A c: at the vertices, or at a point of a face T where
/// A_T c = λ1 (the restricted gradient is normal to the face), c = A_T⁻¹1 / 1·A_T⁻¹1 > 0. A face whose A_T is
/// singular attains its maximum on a smaller face (regime.hpp), so these candidates suffice. `at` ← the maximiser.
double simplexMaximum(const Eigen::MatrixXd& A, Eigen::VectorXd& at) {
  const int S = static_cast<int>(A.rows());
  double best = -std::numeric_limits<double>::infinity();
  for (unsigned mask = 1; mask < (1u << S); ++mask) {
    std::vector<int> T;
    for (int s = 0; s < S; ++s)
      if (mask & (1u << s)) T.push_back(s);
    const int k = static_cast<int>(T.size());
    Eigen::MatrixXd AT(k, k);
    for (int i = 0; i < k; ++i)
      for (int j = 0; j < k; ++j) AT(i, j) = A(T[i], T[j]);
    Eigen::VectorXd x;
    if (k == 1) {
      x = Eigen::VectorXd::Ones(1);
    } else {
      Eigen::FullPivLU<Eigen::MatrixXd> lu(AT);
      if (!lu.isInvertible()) continue;
      x = lu.solve(Eigen::VectorXd::Ones(k));
      const double sum = x.sum();
      if (!(std::abs(sum) > 0)) continue;
      x /= sum;
      if (!(x.minCoeff() > 0)) continue;
    }
    const double value = x.dot(AT * x);
    if (value > best) {
      best = value;
      at = Eigen::VectorXd::Zero(S);
      for (int i = 0; i < k; ++i) at(T[i]) = x(i);
    }
  }
  return best;
}

/// Total-mass constraint Σ_s‖v_s‖² = 1 (docs/total-mass.md): with A_ss = a_s, A_st = a_st,
///   E ≥ K (1 − q(A⁺)/a_*) + Σ∫V_s|v_s|²   (K = Σ‖∇v_s‖², GN and Cauchy–Schwarz), and
///   E(same-profile trial √c_s ℓQ(ℓx)/‖Q‖) = ℓ²(1 − c·Ac/a_*) + O(1),
/// with q(A) = max over the simplex of c·Ac. For S = 2 and a_s ≥ 0 both are
/// max(a1, a2) if a12 ≤ max(a1, a2), else (a12² − a1a2)/(2a12 − a1 − a2) (at c1 = (a12 − a2)/(2a12 − a1 − a2)),
/// i.e. existence iff a1, a2 < a_* and a12 < a_* + √((a_* − a1)(a_* − a2)).
RegimeReport twoDimensionalTotalMass(const Mixture& m, double aStar) {
  const int S = m.speciesCount();
  Eigen::MatrixXd A(S, S), Aplus(S, S);
  for (int s = 0; s < S; ++s)
    for (int t = 0; t < S; ++t) {
      A(s, t) = s == t ? m.effectiveIntra(s) : m.coupling(s, t);
      Aplus(s, t) = std::max(A(s, t), 0.0);
    }
  Eigen::VectorXd c, cplus;
  const double q = simplexMaximum(A, c), qplus = simplexMaximum(Aplus, cplus);
  const std::string where = S == 2 ? fmt::format("c1 = {:.6g}", c(0)) : fmt::format("c = [{:.6g}]", fmt::join(c, ", "));
  if (q > aStar * (1 + 1e-14))
    return {Regime::Unbounded,
            fmt::format("total mass: max over c of Σ a_st c_s c_t = {:.10g} > a_* = {:.10g} (at {}; a common collapsing "
                        "profile, docs/total-mass.md){}", q, aStar, where,
                        S == 2 && m.coupling(0, 1) > std::max(m.effectiveIntra(0), m.effectiveIntra(1))
                            ? fmt::format(": a12 = {} ≥ a_* + sqrt((a_*-a1)(a_*-a2))", m.coupling(0, 1)) : "")};
  if (qplus < aStar * (1 - 1e-12))
    return {Regime::Exists,
            fmt::format("total mass: max over c of Σ a_st⁺ c_s c_t = {:.10g} < a_* = {:.10g} (Gagliardo–Nirenberg; for two "
                        "species a1, a2 < a_*, a12 < a_* + sqrt((a_*-a1)(a_*-a2)), docs/total-mass.md)", qplus, aStar)};
  return {Regime::Undetermined,
          fmt::format("total mass: max over c of Σ a_st c_s c_t = {:.10g} ≤ a_* = {:.10g} ≤ {:.10g} (the same with a⁺): at "
                      "the threshold the infimum is not attained for a harmonic trap (as Guo–Seiringer), and with "
                      "repulsive a_s the bounds differ", q, aStar, qplus)};
}

RegimeReport threeDimensionalContact(const Mixture& m) {
  const int S = m.speciesCount();
  bool allRepulsive = true;
  for (int s = 0; s < S; ++s) {
    if (m.effectiveIntra(s) > 0)
      return {Regime::Unbounded, fmt::format("{}: attractive a = {} > 0 with contact interaction in 3D (supercritical)",
                                             speciesLabel(m, s), m.effectiveIntra(s))};
    for (int t = 0; t < S; ++t)
      if (t != s && m.coupling(s, t) > 0) allRepulsive = false;
  }
  if (allRepulsive) return {Regime::Exists, "all contact couplings repulsive (a ≤ 0) in 3D"};
  // a_s ≤ 0 for all s; some a_st > 0: the pair (s,t) form is non-attractive for y ≥ 0 iff
  // c_s c_t a_st ≤ sqrt(c_s|a_s| c_t|a_t|) (2x2 copositivity).
  for (int s = 0; s < S; ++s)
    for (int t = s + 1; t < S; ++t) {
      const double lhs = m.fraction(s) * m.fraction(t) * m.coupling(s, t);
      const double rhs = std::sqrt(m.fraction(s) * -m.effectiveIntra(s) * m.fraction(t) * -m.effectiveIntra(t));
      if (lhs > rhs)
        return {Regime::Unbounded, fmt::format("3D contact: c_s c_t a_st = {:.10g} > sqrt(c_s|a_s| c_t|a_t|) = {:.10g} for species {} and {} (attractive direction, supercritical)",
                                               lhs, rhs, s, t)};
    }
  if (S == 2) return {Regime::Exists, "3D contact: the interaction is pointwise non-attractive (c1c2 a12 ≤ sqrt(c1|a1| c2|a2|))"};
  return {Regime::Undetermined, "3D contact with mixed-sign couplings among more than two species"};
}

}  // namespace

RegimeReport classifyRegime(const Mixture& m, double aStar) {
  if (!m.pair().isContact())
    return {Regime::Exists, fmt::format("Hartree interaction with bounded profile at finite N = {}: E ≥ -C and confining traps", m.pair().N())};
  switch (m.dimension()) {
    case 1: return {Regime::Exists, "1D contact interaction is subcritical (Gagliardo–Nirenberg) and the traps confine"};
    case 2: return m.totalMass() ? twoDimensionalTotalMass(m, aStar) : twoDimensionalContact(m, aStar);
    default: return threeDimensionalContact(m);
  }
}

}  // namespace cbec
