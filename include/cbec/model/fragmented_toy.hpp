#pragma once
/// @file fragmented_toy.hpp
/// The toy model of F §3 (MODEL.md §6): one-body space L²(R³) ⊗ C^ℓ,
///
///   h_ν = (ν/2)(−Δ + |x|² − 3) ⊗ 1                       (F 3.3; gap ν, ground energy 0, F 3.6)
///   H_{N,ν} = Σ_j h_{ν,j} + (1/N) Σ_{ℓ<r} V(x_ℓ − x_r)    (F 3.5)
///   initial Hartree datum  Σ_j √n_j e^{−iθ_j} φ_0 ⊗ e_j,  φ_0 = π^{−3/4} e^{−|x|²/2}   (F 3.7, 3.12)
///
/// (the paper's (2π)^{−3/2} e^{−x²/2} is not normalised; π^{−3/4} is). Because h_ν and V act on space
/// only, the Hartree solution factorises as φ_t ⊗ (√n_j e^{−iθ_j})_j (F 4.3), and the phase average
/// (F 3.15) of its k-fold product is |φ_t^{⊗k}⟩⟨φ_t^{⊗k}| ⊗ Σ_a w_a |a⟩⟨a| with the multinomial spin
/// weights (F 4.5, 4.14)
///
///   w_a = k!/(a_1!⋯a_ℓ!) Π_j n_j^{a_j}   on the Dicke states |a⟩ = e_1^{⊗a_1} ∨ ⋯ ∨ e_ℓ^{⊗a_ℓ}, Σa_j = k,
///
/// so γ_∞^(k)(t) has the occupations w_a and rank #{a : w_a > 0} = C(k+ℓ−1, k) for all t
/// (the w_a: multinomialWeights(occupations, k), fragmentation/multinomial_weights.hpp).
#include <cbec/model/pair_interaction.hpp>

#include <vector>

namespace cbec {

struct FragmentedToyModel {
  double nu = 1;                    ///< gap ν > 0
  std::vector<double> occupations;  ///< n_j > 0, Σ n_j = 1
  PairInteraction potential = PairInteraction::gaussian(0, 1);

  /// Checks ν > 0, n_j > 0 and |Σ n_j − 1| ≤ 1e-12 (InputError otherwise).
  void validate() const;
  int levels() const { return static_cast<int>(occupations.size()); }
};

}  // namespace cbec
