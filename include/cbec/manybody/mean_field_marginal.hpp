#pragma once
/// @file mean_field_marginal.hpp
/// The mean-field limit of the k-marginals of an ℓ-level fragmented state (F 3.15):
///
///   γ_∞^(k)(t) = (2π)^{-ℓ} ∫ dθ |φ_t^θ{}^{⊗k}⟩⟨φ_t^θ{}^{⊗k}|,   φ_0^θ = Σ_j sqrt(n_j) e^{-iθ_j} φ_j,
///
/// φ_t^θ the Galerkin Hartree flow (mode_hartree_flow.hpp) of φ_0^θ, written over the Dicke basis
/// FockBasis(M, k) by symmetricPower. A global phase drops out of |φ^{⊗k}⟩⟨φ^{⊗k}|, so θ_1 = 0 and
/// θ_2, …, θ_ℓ run over the trapezoidal grid 2πq/P, q = 0..P-1 (spectrally accurate for the smooth
/// periodic integrand; exact at t = 0 once P > k). The estimate `quadratureError` is the trace
/// distance between the P-point and P/2-point rules (P even). ℓ = 1 is the simple condensate φ^{⊗N}.
#include <cbec/manybody/few_mode_model.hpp>

#include <Eigen/Dense>

#include <functional>
#include <vector>

namespace cbec {

struct MeanFieldMarginals {
  std::vector<double> times;
  std::vector<Eigen::MatrixXcd> gamma;   ///< γ_∞^(k)(t) over FockBasis(M, k)
  std::vector<double> quadratureError;   ///< Tr|γ_P - γ_{P/2}| per time (0 for ℓ = 1)
};

/// `orbitals` φ_j (orthonormal mode vectors), `fractions` n_j (positive, sum 1), marginal order k,
/// P phases per angle (even, ≥ 2). InputError on inconsistent sizes or values.
MeanFieldMarginals phaseAveragedMarginals(const FewModeModel& H, const std::vector<Eigen::VectorXcd>& orbitals,
                                          const std::vector<double>& fractions, int k,
                                          const std::vector<double>& times, int phases = 32, double tol = 1e-12);

/// Adaptive phase average for two orbitals (one angle θ = θ_2 − θ_1 ∈ [0, 2π)): global adaptive
/// Gauss–Kronrod 7/15 on panels of [0, 2π). Each panel's error is the trace norm of the difference of
/// its Kronrod and Gauss sums, per output time (the Gauss rule's error: an overestimate of the Kronrod
/// sum's error, which is the result); the error of γ_∞(t) is bounded by the sum over panels. Panels are
/// bisected, worst first, until every time meets its target, or `maxPhases` Hartree flows are spent.
/// The integrand |φ_t^θ{}^{⊗k}⟩⟨φ_t^θ{}^{⊗k}| has trace norm 1 and is analytic in θ, but its bandwidth
/// grows with t (near a separatrix of the flow, like e^{λt} on a set of θ of shrinking size), which a
/// uniform trapezoid rule cannot follow and the local bisection does.
struct AdaptivePhaseOptions {
  /// equal panels of [0, 2π) to start (15 phases each); the start must sample the integrand's bandwidth
  /// (a fooled Kronrod/Gauss pair underestimates), so adaptivePhaseAveragedMarginals raises it to
  /// 2 t_end S / π, S = max|h_ij| + max|V_ijkl|
  int initialPanels = 8;
  long long maxPhases = 100000;    ///< cap on the number of phases (Hartree flows)
  double tol = 1e-12;              ///< DOPRI5 tolerance per unit time of each Hartree flow
  /// phases θ = 2π(j + ½)/S, j < S, at which the flows are rerun at tol/100 to estimate the flows' own
  /// error (`flowError`); 0: not checked
  int flowChecks = 16;
};

struct AdaptivePhaseAverage : MeanFieldMarginals {
  /// `quadratureError` (inherited): the estimated error Σ_panels Tr|K15 − G7| per time
  std::vector<double> target;      ///< the target per time at the end (from the callback)
  long long phases = 0;            ///< Hartree flows (θ points) spent
  int panels = 0;
  double smallestPanel = 0;        ///< width of the narrowest panel (radians)
  bool capped = false;             ///< true if maxPhases stopped the refinement before every target was met
  /// per time: the largest Tr|P_tol − P_{tol/100}| of the projectors over the check phases (the
  /// error of the Hartree flows themselves, not included in quadratureError)
  std::vector<double> flowError;
};

/// The target callback receives the current γ_∞(t) for every time and returns the allowed error per
/// time (it may depend on γ_∞, e.g. a fraction of Tr|γ_N − γ_∞|); it is called after each round.
using PhaseTarget = std::function<std::vector<double>(const std::vector<Eigen::MatrixXcd>&)>;

/// γ_∞^(k)(t) for φ_0^θ = sqrt(n_1) φ_1 + sqrt(n_2) e^{-iθ} φ_2, adaptively (see above).
AdaptivePhaseAverage adaptivePhaseAveragedMarginals(const FewModeModel& H, const std::vector<Eigen::VectorXcd>& orbitals,
                                                    const std::vector<double>& fractions, int k,
                                                    const std::vector<double>& times, const PhaseTarget& target,
                                                    const AdaptivePhaseOptions& options = {});

/// The same adaptive rule for any matrix-valued function of θ (f(θ) returns one matrix per time, all of
/// one size): (2π)^{-1} ∫_0^{2π} f(θ) dθ with the error estimate above.
AdaptivePhaseAverage adaptivePhaseAverage(const std::function<std::vector<Eigen::MatrixXcd>(double)>& f,
                                          const PhaseTarget& target, const AdaptivePhaseOptions& options = {});

}  // namespace cbec
