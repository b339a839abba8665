#pragma once
/// @file two_species_quench.hpp
/// A quench of a two-species (or one-species) mode model (mode_hamiltonian.hpp; issue 23 item 5): the ground
/// state Ψ_0 of H (the `cbec manybody` ground state, finite_n.hpp) evolved with another H' of the same modes and
/// sector (a changed coupling),
///
///   Ψ(t) = e^{−itH'} Ψ_0                  (Krylov, krylov_exponential.hpp; ‖Ψ_computed − Ψ(t)‖ ≤ bound),
///
/// against the two-species Hartree flow in the same modes from the Hartree ground state (u_A, u_B) of H
/// (mode_hartree.hpp), with H''s couplings (the Euler–Lagrange operators of mode_hartree.hpp, complex):
///
///   i ċ^A = [h_A + λ_A(N_A−1) U_A[c^A] + λ_AB N_B U_AB[c^B]] c^A,
///   i ċ^B = [h_B + λ_B(N_B−1) U_B[c^B] + λ_AB N_A U_BA[c^A]] c^B,
///   U_s[c]_ik = Σ_jl V^s_ijkl c̄_j c_l,  U_AB[c]_ik = Σ_jl V^AB_ijkl c̄_j c_l,  U_BA[c]_jl = Σ_ik V^AB_ijkl c̄_i c_k,
///
/// which conserves ‖c^s‖ and E^H = Σ_s N_s⟨c^s,h_s c^s⟩ + Σ_s λ_s N_s(N_s−1)/2 ⟨c^s c^s,V^s c^s c^s⟩
/// + λ_AB N_A N_B ⟨c^A c^B, V^AB c^A c^B⟩. Reported per species and time: the distance of the one-body marginal
/// to the mean-field projector (M 2.4 in the mode space, after a quench)
///
///   d_s(t) = Tr|γ_s^(1)(t) − |c^s_t⟩⟨c^s_t||,   γ^(1,0)_ik = ⟨a†_k a_i⟩/N_A (double_marginals.hpp).
///
/// Errors: Tr|γ − γ̃| ≤ 2‖Ψ − Ψ̃‖ ≤ 2·(Krylov bound); the Hartree flow (DOPRI5, tolerance per unit time) is run
/// again at 1/100 of its tolerance and the change of d_s is its estimated error.
#include <cbec/manybody/krylov_exponential.hpp>
#include <cbec/manybody/mode_hamiltonian.hpp>

#include <Eigen/Dense>

#include <vector>

namespace cbec {

struct QuenchOptions {
  double krylovTolerance = 1e-10;    ///< per unit time
  double hartreeTolerance = 1e-11;   ///< DOPRI5, per unit time
};

struct QuenchRun {
  std::size_t dimension = 0;
  std::vector<double> times;
  std::vector<std::vector<double>> distance;   ///< [species][t] d_s(t)
  std::vector<std::vector<double>> hartreeError;   ///< [species][t] |d_s(tol) − d_s(tol/100)|
  std::vector<double> norm, energy;            ///< [t] ‖Ψ(t)‖, ⟨Ψ(t), H'Ψ(t)⟩
  std::vector<double> hartreeEnergy;           ///< [t] E^H (total) along the flow
  double energyBefore = 0;                     ///< ⟨Ψ_0, H Ψ_0⟩
  KrylovStats krylov;
};

/// The Hartree flow above: (c^A(t), c^B(t)) at each time (ascending, ≥ 0). A species without particles keeps
/// an empty vector. NumericalError if DOPRI5 fails.
std::vector<std::vector<Eigen::VectorXcd>> twoSpeciesHartreeFlow(const ModeHamiltonian& model,
                                                                 const std::vector<Eigen::VectorXcd>& c0,
                                                                 const std::vector<double>& times, double tol);
/// E^H (total) of the orbitals c^s (unit vectors).
double twoSpeciesHartreeEnergy(const ModeHamiltonian& model, const std::vector<Eigen::VectorXcd>& c);

/// `before`, `after`: the same modes, particles and sector (InputError otherwise); `ground`: unit vector of
/// the sector (H's ground state); `orbitals`: the Hartree ground state of `before` per species.
QuenchRun quenchTwoSpecies(const ModeHamiltonian& before, const ModeHamiltonian& after, const Eigen::VectorXd& ground,
                           const std::vector<Eigen::VectorXd>& orbitals, const std::vector<double>& times,
                           const QuenchOptions& options = {});

}  // namespace cbec
