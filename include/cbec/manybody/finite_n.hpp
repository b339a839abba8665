#pragma once
/// @file finite_n.hpp
/// One finite-N many-body computation of a mixture in oscillator modes up to shell n_max:
///
///   E_N^Q = N^{-1} inf spec H_N (M 1.6) in the even symmetry sector (Lanczos, lanczos.hpp),
///   E^H in the same modes (mode_hartree.hpp), e_B (bogoliubov.hpp), and the double marginals of the
///   ground state (double_marginals.hpp): condensate fractions, overlaps ⟨u_s, γ u_s⟩ with the Hartree
///   orbitals, ⟨u_A⊗u_B, γ^(1,1) u_A⊗u_B⟩ and ⟨u_A⊗u_A, γ^(2,0) u_A⊗u_A⟩ (M 2.4 in the mode space).
#include <cbec/manybody/bogoliubov.hpp>
#include <cbec/model/mixture.hpp>

#include <optional>
#include <vector>

namespace cbec {

/// Memory of one finite-N solve per Fock state of the sector: the basis, the Lanczos vectors
/// (8·(ncv + 2) bytes, ncv = 30) and the species' states — 256 bytes (measured, bench_manybody).
inline constexpr double kFiniteNBytesPerState = 256.0;

struct FiniteNOptions {
  int shells = 4;
  std::optional<int> max_quanta;        ///< many-body energy truncation (mode_hamiltonian.hpp)
  double scale = 1.0;                   ///< basis frequencies scale·ω (rescaled oscillators)
  /// The L_z sector in circular modes (isotropic models only, mixture_modes.hpp); empty: parity classes.
  std::optional<int> angular_momentum;
  double assemble_bytes = 0;            ///< store H as a sparse matrix when it fits in this (0: matrix-free)
  int threads = 1;
  double lanczos_tolerance = 1e-12;
  bool marginals = true;
  /// The ground state by SLEPc on the rows of H split over the world ranks (distributed_eigensolver.hpp)
  /// instead of Spectra's Lanczos on this process; every other step runs identically on each rank.
  bool distributed = false;
  /// Keep the ground-state vector in FiniteNResult::state (one process only; the start of a quench,
  /// two_species_quench.hpp).
  bool keep_state = false;
};

struct FiniteNResult {
  std::vector<int> particles;
  int shells = 0;
  std::optional<int> max_quanta;        ///< the many-body truncation used
  std::optional<int> angular_momentum;  ///< the L_z sector used (empty: parity classes)
  std::vector<int> modes;               ///< per species
  std::size_t dimension = 0;            ///< of the symmetry sector
  double energy_total = 0;              ///< inf spec H_N
  double energy = 0;                    ///< E_N^Q
  double residual = 0;                  ///< Lanczos ‖Hv - λv‖
  bool lanczos_converged = false;
  long operator_applications = 0;
  int ranks = 1;                        ///< ranks the Fock rows were split over
  double eigensolver_seconds = 0;       ///< wall time of the ground-state eigensolve (storing H included)
  std::size_t ghost_values = 0;         ///< remote amplitudes received per H·x, all ranks together (8 B each)
  ModeHartreeResult hartree;            ///< E^H per particle in hartree.energy
  BogoliubovResult bogoliubov;
  std::vector<double> condensate_fraction, hartree_overlap;   ///< per species
  double overlap11 = 0, overlap20 = 0;  ///< ⟨u⊗v, γ u⊗v⟩ (NaN when the species lack particles)
  double seconds = 0;
  Eigen::VectorXd state;                ///< the ground state (FiniteNOptions::keep_state), unit norm
};

/// `mixture`: Gaussian Hartree pair potential built with N = Σ particles (see manybodyMixture()).
FiniteNResult solveFiniteN(const Mixture& mixture, const std::vector<int>& particles, const FiniteNOptions& options);

/// The Mixture of a finite-N problem: fractions N_s/N and w_N built with N = Σ N_s. `base` supplies the
/// dimension, species (name, a, trap), couplings, profile, β and pair scaling.
Mixture manybodyMixture(const Mixture& base, const std::vector<int>& particles);

}  // namespace cbec
