#pragma once
/// @file mode_hartree.hpp
/// The Hartree energy in the one-body space of a mode Hamiltonian (mode_hamiltonian.hpp): the energy per
/// particle of the condensed product state Ψ = u_A^{⊗N_A} ⊗ u_B^{⊗N_B}, u_s = Σ_i c^s_i φ^s_i, ‖c^s‖ = 1,
///
///   N·E^H(c) = ⟨Ψ, H Ψ⟩ = Σ_s N_s ⟨c^s, h_s c^s⟩ + Σ_s λ_s N_s(N_s-1)/2 · V^s(c^s c^s; c^s c^s)
///                        + λ_AB N_A N_B · V^AB(c^A c^B; c^A c^B),
///
/// which for (M 1.1) is the functional (M 1.7) restricted to the modes (λ_s(N_s - 1) = 1 for "N-1").
/// Minimised by the damped self-consistent field iteration on the Euler–Lagrange equations
///
///   F_s c^s = μ_s c^s,   F_A = h_A + λ_A(N_A-1) U_A[c^A] + λ_AB N_B U_AB[c^B],
///   U_A[c]_ik = Σ_jl V^A_ijkl c_j c_l,   U_AB[c^B]_ik = Σ_jl V^AB_ijkl c^B_j c^B_l  (and symmetrically for B),
///
/// c^s ← normalise((1-α) c^s + α v_s), v_s the lowest eigenvector of F_s, α halved whenever the energy
/// rises. Since Ψ lies in the Fock space, E_N^Q ≤ E^H holds exactly in the same basis (M 2.12).
#include <cbec/manybody/mode_hamiltonian.hpp>

#include <Eigen/Dense>

#include <vector>

namespace cbec {

struct ModeHartreeOptions {
  double tolerance = 1e-11;   ///< on max_s ‖F_s c^s - μ_s c^s‖
  int max_iterations = 20000;
};

struct ModeHartreeResult {
  std::vector<Eigen::VectorXd> orbitals;   ///< c^s per species
  std::vector<Eigen::MatrixXd> fock;       ///< F_s at the solution
  std::vector<double> mu;
  double energy = 0;                       ///< E^H per particle
  double energy_total = 0;                 ///< N E^H
  double residual = 0;
  int iterations = 0;
  bool converged = false;
};

ModeHartreeResult modeHartree(const ModeHamiltonian& model, const ModeHartreeOptions& options = {});

/// U[c]_ik = Σ_jl V_ijkl c_j c_l (direct mean field on species a from species b's orbital c).
Eigen::MatrixXd directField(const TwoBodyTensor& V, const Eigen::VectorXd& c);
/// The same for the species-b index pair: Σ_ik V_ijkl c_i c_k, a matrix over (j, l).
Eigen::MatrixXd directFieldB(const TwoBodyTensor& V, const Eigen::VectorXd& c);

}  // namespace cbec
