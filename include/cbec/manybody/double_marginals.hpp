#pragma once
/// @file double_marginals.hpp
/// Double reduced density matrices (M §2.1, before 2.4) of a state ψ of the Fock sector of a
/// FockHamiltonian, in the mode bases, each of unit trace:
///
///   γ^(1,0)_ik = ⟨a†_k a_i⟩ / N_A,                  γ^(0,1)_jl = ⟨b†_l b_j⟩ / N_B,
///   γ^(1,1)_(ij),(kl) = ⟨a†_k b†_l b_j a_i⟩ / (N_A N_B),   γ^(2,0)_(ij),(kl) = ⟨a†_k a†_l a_j a_i⟩ / (N_A(N_A-1)),
///
/// (pair indices (i,j) ↦ i·M_B + j, resp. i·M_A + j). The condensate fraction of species s is the largest
/// eigenvalue of its one-body marginal; ⟨u_s, γ u_s⟩ measures the overlap with a Hartree orbital, and
/// ⟨u⊗v, γ^(k,ℓ) u⊗v⟩ → 1 is the convergence of (M 2.4) in the mode space.
#include <cbec/manybody/fock_hamiltonian.hpp>

#include <Eigen/Dense>

namespace cbec {

struct DoubleMarginals {
  Eigen::MatrixXd g10, g01, g11, g20;   ///< empty when the species has too few particles
};

/// ψ: unit vector of dimension H.dimension().
DoubleMarginals doubleMarginals(const FockHamiltonian& H, const Eigen::VectorXd& psi);

/// Largest eigenvalue of a symmetric matrix (0 for an empty one).
double largestEigenvalue(const Eigen::MatrixXd& g);

}  // namespace cbec
