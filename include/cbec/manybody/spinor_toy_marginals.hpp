#pragma once
/// @file spinor_toy_marginals.hpp
/// The k-marginal distance of the spinor toy model (F §3–4), where h_ν and V act on space only and
/// the N-body state factorises (F 4.9): Ψ_{N,ν,t} = Ψ^spat_{N,ν,t} ⊗ (e_1^{⊗N_1} ∨ … ∨ e_ℓ^{⊗N_ℓ}), so
///
///   γ_{N,ν,t}^(k) = γ_spat^(k)(t) ⊗ γ_spin,N^(k)                  (F 4.10, Prop. 4.1: weights c_{k,j})
///   γ_{∞,ν,t}^(k) = |φ_t^{⊗k}⟩⟨φ_t^{⊗k}| ⊗ γ_spin,∞^(k)            (F 4.5, Prop. 4.4: weights c^∞_{k,j})
///
/// with φ_t the spatial Hartree orbital (F 4.4). Both factors act on symmetric subspaces, so the trace
/// norm is computed on the Kronecker product of the two Dicke bases (FockBasis(M, k) ⊗ FockBasis(ℓ, k)).
/// The spin weights are those of FragmentationMarginals (`cbec marginals`) with n_j = N_j/N. The
/// triangle inequality of the proof of Theorem 3.1 splits the distance into the spatial part (F 4.12)
/// and the spin part c_k/N (F 4.13): total ≤ spatial + spin; equality at t = 0 (spatial = 0).
#include <cbec/fragmentation/fragmented_state.hpp>

#include <Eigen/Dense>

namespace cbec {

struct SpinorDistances {
  double total = 0;    ///< Tr|γ_{N,ν,t}^(k) - γ_{∞,ν,t}^(k)|
  double spatial = 0;  ///< Tr|γ_spat^(k) - |φ_t^{⊗k}⟩⟨φ_t^{⊗k}||             (F 4.12)
  double spin = 0;     ///< Tr|γ_spin,N^(k) - γ_spin,∞^(k)|                      (F 4.13)
};

/// gammaSpatial over FockBasis(M, k); orbital φ_t (M mode coefficients, unit); spin populations.
SpinorDistances spinorToyDistances(const Eigen::MatrixXcd& gammaSpatial, const Eigen::VectorXcd& orbital,
                                   const FragmentedState& spin, int k);

}  // namespace cbec
