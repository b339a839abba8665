#pragma once
/// @file bogoliubov.hpp
/// Bogoliubov correction in the mode space, around the Hartree minimiser (mode_hartree.hpp):
/// with a_0 → √N_A on u_A, b_0 → √N_B on u_B, the terms of H (mode_hamiltonian.hpp) quadratic in the
/// excitations c_α (α runs over u_A^⊥ ⊕ u_B^⊥, orthonormal bases Q_s) are
///
///   H_Bog = Σ_αβ 𝔸_αβ c†_α c_β + ½ Σ_αβ (𝔹_αβ c†_α c†_β + h.c.),
///   𝔸 = [[F_A - μ_A + κ_A K_A, X], [Xᵀ, F_B - μ_B + κ_B K_B]],   𝔹 = [[κ_A K̃_A, Y], [Yᵀ, κ_B K̃_B]],
///
///   K_pq = Σ V_{p j k q} u_j u_k (exchange),  K̃_pq = Σ V_{p q k l} u_k u_l (pairing),  κ_s = λ_s(N_s-1),
///   X_pq = λ_AB √(N_A N_B) Σ V^AB_{p j k q} u^B_j u^A_k,   Y_pq = λ_AB √(N_A N_B) Σ V^AB_{p q k l} u^A_k u^B_l,
///
/// so that E_N^Q = E^H + e_B/N + o(1/N) (M 1.6, 2.12 at next order), with
///
///   e_B = inf spec H_Bog = ½ Σ_k e_k - ½ Tr 𝔸,   e_k² = eig((𝔸-𝔹)^{1/2} (𝔸+𝔹) (𝔸-𝔹)^{1/2})
///
/// (e_k the Bogoliubov excitation energies; 𝔸 ± 𝔹 > 0 at a stable minimiser, checked).
#include <cbec/manybody/mode_hartree.hpp>

#include <Eigen/Dense>

#include <vector>

namespace cbec {

struct BogoliubovResult {
  double e_B = 0;                      ///< inf spec H_Bog (a total energy, O(1))
  std::vector<double> frequencies;     ///< e_k ascending
  std::vector<double> occupations;     ///< ⟨c†_α c_α⟩ in the Bogoliubov vacuum, per row α of 𝔸 (depletion: Σ_α)
  bool stable = false;                 ///< 𝔸 - 𝔹 > 0 and 𝔸 + 𝔹 > 0
};

/// The quadratic Hamiltonian H_Bog = Σ 𝔸_αβ c†_α c_β + ½ Σ (𝔹_αβ c†_α c†_β + h.c.) for real symmetric 𝔸, 𝔹 in
/// any orthonormal excitation basis (this mode space, or the grid eigenbasis of solver/grid_bogoliubov.hpp):
/// e_B and e_k as above, and the vacuum occupations from the quadratures x = (c + c†)/√2, p = (c - c†)/(i√2),
/// H_Bog = ½xᵀ(𝔸+𝔹)x + ½pᵀ(𝔸-𝔹)p - ½Tr𝔸 with ground-state covariances ⟨xxᵀ⟩ = ½XXᵀ, ⟨ppᵀ⟩ = ½YYᵀ,
///   X = T O E^{-1/2},  Y = T^{-1} O E^{1/2} = (𝔸+𝔹) T O E^{-3/2},  T = (𝔸-𝔹)^{1/2},  T(𝔸+𝔹)T = O E² Oᵀ,
/// so ⟨c†_α c_α⟩ = ‖(V)_α‖², V = ½(X - Y) (XYᵀ = 1). Occupations are left empty when some e_k = 0.
BogoliubovResult bogoliubovFromMatrices(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

/// NumericalError if the Hartree solution is not converged.
BogoliubovResult bogoliubov(const ModeHamiltonian& model, const ModeHartreeResult& hartree);

}  // namespace cbec
