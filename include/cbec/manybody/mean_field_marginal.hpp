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

}  // namespace cbec
