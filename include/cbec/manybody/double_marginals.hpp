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

#include <limits>

namespace cbec {

struct DoubleMarginals {
  Eigen::MatrixXd g10, g01, g11, g20;   ///< empty when the species has too few particles (or projected)
  double overlap11 = std::numeric_limits<double>::quiet_NaN();   ///< ⟨u⊗v, γ^(1,1) u⊗v⟩ when projected
  double overlap20 = std::numeric_limits<double>::quiet_NaN();   ///< ⟨u⊗u, γ^(2,0) u⊗u⟩ when projected
};

/// ψ: unit vector of dimension H.dimension(). With orbitals uA (and uB for two species) the two-body
/// marginals are not stored (M⁴ entries) but projected: overlap11, overlap20 are set and g11, g20 stay empty.
DoubleMarginals doubleMarginals(const FockHamiltonian& H, const Eigen::VectorXd& psi,
                                const Eigen::VectorXd* uA = nullptr, const Eigen::VectorXd* uB = nullptr);

/// The one-body marginals of a complex state ψ (unit vector of the sector): γ^(1,0)_ik = ⟨a†_k a_i⟩/N_A and
/// γ^(0,1)_jl = ⟨b†_l b_j⟩/N_B, Hermitian, unit trace (empty for a species without particles). For the
/// time-evolved states of a quench (two_species_quench.hpp).
struct OneBodyMarginals {
  Eigen::MatrixXcd gA, gB;
};
OneBodyMarginals oneBodyMarginals(const FockHamiltonian& H, const Eigen::VectorXcd& psi);

/// Largest eigenvalue of a symmetric matrix (0 for an empty one).
double largestEigenvalue(const Eigen::MatrixXd& g);

}  // namespace cbec
