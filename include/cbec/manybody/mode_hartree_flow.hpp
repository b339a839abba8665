#pragma once
/// @file mode_hartree_flow.hpp
/// The Galerkin Hartree flow i ċ = h c + λ H[c] c (few_mode_model.hpp; F 3.12, 4.4 restricted to
/// the mode space), and its Bogoliubov fluctuation dynamics, integrated by the embedded
/// Dormand–Prince 5(4) pair with local error control (absolute tolerance per unit time on the
/// max-norm of the state; numerics/dormand_prince.hpp, a failure thrown as NumericalError).
///
/// Bogoliubov (fluctuations around φ_t for the N-particle state φ^{⊗N}; Lewin, Nam & Schlein 2015,
/// written in the Heisenberg picture): the excitation field a_t = U(t) a + V(t) a† solves
///
///   i U̇ = A U + B V̄,   i V̇ = A V + B Ū,   U(0) = 1, V(0) = 0,
///   A = h + H[c] + Q K1[c] Q,   B = Q K2[c] Q^T,   Q = 1 - c c†,
///
/// and the excitations' one-body density ⟨a_j† a_i⟩ = (V V†)_ij. To leading order in 1/N
///   N (1 - ⟨φ_t, γ_N^(1) φ_t⟩) → Tr V V†,   N Q γ_N^(1) Q → V V†.
/// The off-diagonal block N Q γ_N^(1) φ_t is not quadratic; its part from the pair factor (N-1)/N of
/// ⟨φ^{⊗N}, H_N φ^{⊗N}⟩ (the Hartree flow with coupling λ = (N-1)/N instead of 1) is -Q w with
/// w = ∂_λ φ_t at λ = 1, the solution of the variational equation
///   i ẇ = (h + H[c] + K1[c]) w + K2[c] w̄ + H[c] c,   w(0) = 0.
/// The rest comes from the cubic fluctuation terms (order depletion × 1/N) and is not modelled.
#include <cbec/manybody/few_mode_model.hpp>

#include <Eigen/Dense>

#include <functional>
#include <vector>

namespace cbec {

/// The Hartree orbital c(t) at each requested time (times ascending, ≥ 0), from c(0) = c0.
std::vector<Eigen::VectorXcd> hartreeOrbitals(const FewModeModel& H, const Eigen::VectorXcd& c0,
                                              const std::vector<double>& times, double lambda = 1.0,
                                              double tol = 1e-12);

/// Hartree orbital and Bogoliubov excitation density γ_B = V V† at a time.
struct BogoliubovState {
  double time = 0;
  Eigen::VectorXcd orbital;
  Eigen::MatrixXcd excitationDensity;  ///< V V†: ⟨a_j† a_i⟩ of the fluctuations
  Eigen::VectorXcd couplingDerivative; ///< w = ∂_λ φ_t at λ = 1
};

/// Hartree and Bogoliubov flows together from c(0) = c0 (unit vector), at each time.
std::vector<BogoliubovState> bogoliubovFlow(const FewModeModel& H, const Eigen::VectorXcd& c0,
                                            const std::vector<double>& times, double tol = 1e-12);

}  // namespace cbec
