#pragma once
/// @file multinomial_weights.hpp
/// The multinomial weights of the k-fold product of a superposition Σ_j √n_j e^{−iθ_j} e_j averaged over the
/// phases θ_j (F 3.15, 4.5, 4.14): on the Dicke states |a⟩ = e_1^{⊗a_1} ∨ ⋯ ∨ e_ℓ^{⊗a_ℓ}, Σ_j a_j = k,
///
///   w_a = k!/(a_1!⋯a_ℓ!) Π_j n_j^{a_j},   Σ_a w_a = (Σ_j n_j)^k,
///
/// formed as exp(log Γ(k+1) + Σ_j [a_j log n_j − log Γ(a_j+1)]). For the integer occupations N_j/N of a
/// FragmentedState these are its phase-averaged weights c̃_a (fragmentation_marginals.hpp).
#include <vector>

namespace cbec {

/// w_a for occupations n_j > 0 (ℓ = n.size() levels), in FockBasis(ℓ, k) order.
std::vector<double> multinomialWeights(const std::vector<double>& n, int k);

}  // namespace cbec
