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

#include <vector>

namespace cbec {

struct BogoliubovResult {
  double e_B = 0;                      ///< inf spec H_Bog (a total energy, O(1))
  std::vector<double> frequencies;     ///< e_k ascending
  bool stable = false;                 ///< 𝔸 - 𝔹 > 0 and 𝔸 + 𝔹 > 0
};

/// NumericalError if the Hartree solution is not converged.
BogoliubovResult bogoliubov(const ModeHamiltonian& model, const ModeHartreeResult& hartree);

}  // namespace cbec
