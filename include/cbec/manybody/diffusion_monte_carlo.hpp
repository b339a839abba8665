#pragma once
/// @file diffusion_monte_carlo.hpp
/// Diffusion Monte Carlo with importance sampling for the bosonic ground state of H_N (M 1.1):
///
///   H_N = Σ_s Σ_{i∈s} (−Δ_i + V_s(x_i)) + Σ_s λ_s Σ_{i<j∈s} W_s(x_i − x_j) + Σ_{s<t} (1/N) Σ_{i∈s,r∈t} W_st,
///   W_s = −a_s w_N,  W_st = −a_st w_N,  w_N(x) = N^{dβ} w(N^β x),  λ_s = 1/(N_s − 1) or 1/N (pair_scaling.hpp).
///
/// The walk samples f = Φ Ψ_T (Φ the ground state, Ψ_T = Π u_s(x_i) > 0, trial_orbital.hpp): per step τ
/// each particle proposes x' = x + 2τ∇log u(x) + √(2τ) η (kinetic −Δ: diffusion constant 1) and is accepted
/// with the Metropolis–Hastings probability min(1, u(x')² G(x'→x) / (u(x)² G(x→x'))),
/// G(x→y) = exp(−|y − x − 2τ∇log u(x)|²/(4τ)) (Reynolds et al. 1982; Umrigar, Nightingale & Runge,
/// J. Chem. Phys. 99 (1993) 2865); the walker's weight is multiplied by exp(−τ_eff(½(E_L + E_L') − E_T)),
/// τ_eff = τ · (accepted / proposed squared diffusion displacement, accumulated over the run). The local energy
///   E_L(R) = Σ_i e_{s(i)}(x_i) + pair terms,   e_s = −Δu_s/u_s + V_s (trial_orbital.hpp),
/// is HΨ_T/Ψ_T exactly, so the mixed estimator Σ w E_L / Σ w is the ground-state energy up to the time step
/// and the population (no fixed-node error: the bosonic ground state is positive).
/// Population: fixed at M walkers by comb resampling after every step (one uniform per step; copies keep
/// the slot's place); the O(1/M) population-control bias is removed by reweighting each generation with the
/// normalisations discarded over the last T_p generations (population_correction_time; checked by M, qmc.md).
/// Reproducibility: every random number of walker slot k at step n comes from a stream seeded by
/// (seed, n, k) (splitmix64 → xoshiro256**, Box–Muller normals); all sums run in slot order. Walkers are
/// moved concurrently on `threads` threads (parallel.hpp) and split over MPI ranks in contiguous slot blocks
/// (DmcOptions::ranks; the comb's copies travel between ranks); the numbers depend on neither count.
///
/// Condensate: ⟨u_s|γ_s|u_s⟩ (the occupation of the trial orbital, a lower bound on the largest eigenvalue
/// of γ_s = the condensate fraction, equal to it up to second order in the natural orbital's deviation from
/// u_s) by the pure estimator of a displaced, paired forward walk:
///   ⟨Φ|P_s|Φ⟩/⟨Φ|Φ⟩ = E_f[ ∫ u_s(x')² (Φ/Ψ_T)(R_{i→x'}) dx' ] / E_f[(Φ/Ψ_T)(R)],   P_s = N_s^{-1} Σ_{i∈s} |u_s⟩⟨u_s|_i,
/// with Φ/Ψ_T(R) the asymptotic weight of walks started at R (forward walking): at a measurement a walker R
/// and its copy with particle i moved to x' (x' from a Gaussian q, weight u_s(x')²/q(x')) are walked for a
/// time T_fw with the same random numbers and no branching, their weights accumulated; since x' is drawn
/// independently of R and ∫u_s² = 1, E[ω W_main] = E[W_main] and the estimator is used in the control-variate
/// form 1 + E[ω(W_disp − W_main)]/E[W_main] (exactly 1, without noise, when Φ = Ψ_T). The product state
/// gives exactly 1 in the mixed and the extrapolated (2·mixed − variational) estimators, which therefore
/// cannot see depletion with this trial; the forward walk is unbiased up to e^{−ΔE T_fw} and τ.
/// The same walks give the whole matrix ⟨φ_a|γ_s|φ_b⟩ in the trial's mode basis φ_a = u_s P_a
/// (trial_modes.hpp): ⟨φ_a|γ|φ_b⟩ = E_f[P_a(x_i) ∫ φ_b(x') u_s(x') (Φ/Ψ_T)(R_{i→x'}) dx'] / E_f[Φ/Ψ_T],
/// with the control variate E_x'[ω P_b] = δ_b0/C_00; and the pure density
/// ρ_s(x) = E_f[N_s^{-1} Σ_{i∈s} δ(x − x_i) (Φ/Ψ_T)(R)] / E_f[Φ/Ψ_T] from the undisplaced walks.
#include <cbec/manybody/trial_modes.hpp>
#include <cbec/manybody/trial_orbital.hpp>
#include <cbec/model/mixture.hpp>
#include <cbec/mpi/communicator.hpp>
#include <cbec/numerics/blocking.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cbec {

/// A cubic (square, segment) histogram grid of `points` bins per axis, side `box`, around `centre`.
struct DensityGrid {
  int points = 0;   ///< 0: no density
  double box = 0;
  std::vector<double> centre;
};

struct DmcOptions {
  int walkers = 2000;
  double time_step = 0.01;
  double vmc_time = 1.0;            ///< Metropolis walk on Ψ_T² before the DMC (imaginary time units)
  double equilibration_time = 4.0;  ///< DMC time discarded before measuring
  long max_steps = 200000;          ///< measured steps at most
  long min_steps = 2000;            ///< measured steps at least (before the error is tested)
  long check_every = 1000;          ///< steps between error checks
  double target_error = 1e-5;       ///< standard error of the energy per particle
  std::uint64_t seed = 1;
  int threads = 1;
  /// T_p τ of the population-control correction (Umrigar, Nightingale & Runge 1993, §III.C): the energy of
  /// generation g is weighted by the product of the comb's discarded normalisations over the last T_p
  /// generations; 0 disables it (bias O(1/M)); the remaining bias decays with T_p like the weight memory.
  double population_correction_time = 1.0;
  double max_seconds = 0;           ///< > 0: stop after this wall time (then not reproducible; converged false)
  // condensate (forward walks); 0 disables
  int forward_walkers = 16;         ///< walkers forward-walked per measurement and species
  long forward_every = 50;          ///< steps between measurements
  double forward_time = 2.0;        ///< T_fw
  /// Per species: the basis u·P_a in which γ_s is estimated (trial_modes.hpp); missing: P_0 = 1 alone
  /// (the occupation ⟨u|γ|u⟩ only).
  std::vector<TrialModes> modes;
  /// Per species: the histogram of the pure (forward-walked) and the mixed density; missing: none.
  std::vector<DensityGrid> density;
  std::function<void(long step, long max_steps, double energy, double error)> progress;
  /// The ranks that share the walkers (null: this process alone). Slot k's walker lives on the rank whose
  /// contiguous block holds k; every slot's weight and energy are gathered each step, so the comb and all
  /// sums see the global population in slot order and the numbers do not depend on the number of ranks.
  const mpi::Communicator* ranks = nullptr;
};

struct DmcResult {
  double time_step = 0;
  double energy = 0, energy_error = 0;   ///< per particle (mixed estimator, population-corrected, blocking error)
  double uncorrected_energy = 0;         ///< mean of the per-step energies without the population correction
  double energy_total = 0;
  double variance = 0;                   ///< of E_L (total) over walkers and steps
  BlockingResult blocking;               ///< of the per-step energies (per particle)
  long steps = 0;                        ///< measured steps
  double samples = 0;                    ///< measured walker-steps
  double acceptance = 0;                 ///< accepted / proposed single-particle moves
  double effective_time_step = 0;
  std::vector<double> condensate_fraction, condensate_fraction_error;   ///< per species (⟨u_s|γ_s|u_s⟩)
  /// Per species: ⟨φ_a|γ_s|φ_b⟩ (pure, symmetrised; γ_s normalised to trace 1) and its errors; the largest
  /// eigenvalue of that matrix (≥ ⟨u|γ|u⟩, ≤ the largest eigenvalue of γ_s: the condensate fraction).
  std::vector<Eigen::MatrixXd> density_matrix, density_matrix_error;
  std::vector<double> largest_eigenvalue, largest_eigenvalue_error;
  /// Per species, per bin of DmcOptions::density (row-major): the pure density (∫ρ = 1), its error, the
  /// mixed density (walkers after the comb, the estimator of f = ΦΨ_T/∫ΦΨ_T).
  std::vector<std::vector<double>> density_pure, density_pure_error, density_mixed;
  long forward_samples = 0;
  bool converged = false;                ///< target reached with a blocking plateau
  std::string stop;                      ///< why it stopped
  double wall_seconds = 0;
  double seconds_per_walker_step = 0;
  double cpu_seconds_per_walker_step = 0;  ///< CPU time (all threads of all ranks) per walker step
  int ranks = 1;
  std::vector<double> series;            ///< per-step energies per particle (measured steps)
};

class DiffusionMonteCarlo {
 public:
  /// `particles` N_s per species; `orbitals` u_s per species (Ψ_T = Π u_s). The Mixture must be Hartree
  /// (w_N a profile: DMC needs a bounded pair potential).
  /// `jastrowRange` > 0 adds the pair factor Π_{i<j} e^{J_st(|x_i − x_j|)} to Ψ_T (docs/qmc.md "Jastrow"):
  ///   J_st(r) = A_st e^{−κ r²},  κ = (N^β / jastrowRange)²,  A_st = −c_st w_N(0) / (4 d κ),
  /// c_st the pair coefficient of E_L (−a_s λ_s, −a_st/N): A_st makes the pair factor's kinetic energy
  /// −(Δ_i + Δ_j) J cancel the pair potential at contact, the zero-energy two-body equation at r = 0.
  /// E_L = HΨ_T/Ψ_T stays exact; the walk and E_L then cost O(N) per particle move.
  DiffusionMonteCarlo(const Mixture& mixture, std::vector<int> particles,
                      std::vector<std::shared_ptr<const TrialOrbital>> orbitals, double jastrowRange = 0);
  DmcResult run(const DmcOptions& options) const;
  /// Local energy E_L(R) of a configuration (R: N·d coordinates, species in order).
  double localEnergy(const std::vector<double>& R) const;
  /// Pair part of E_L.
  double pairEnergy(const double* R) const;
  int particleCount() const { return N_; }
  bool hasJastrow() const { return jastrow_; }
  /// A_st of the pair factor (0 without it).
  double jastrowAmplitude(int s, int t) const { return jastrow_ ? jA_[s][t] : 0.0; }
  double jastrowKappa() const { return jastrow_ ? jkappa_ : 0.0; }
  /// The one-body compensation of the pair factor: u_s e^{−χ_s} normalised, with
  ///   χ_s(x) = Σ_t (N_t − δ_st) A_st ∫ e^{−κ|x − y|²} u_t(y)² dy,
  /// the mean of Σ_{j≠i} J(x_i − x_j) over the other particles at the density u_t². Without it the pair factor
  /// also reshapes the one-body density (its mean field, O(1) at any N), which the Hartree u_s already
  /// holds: the product u e^{−χ} e^{ΣJ} keeps the one-body part and adds the correlations only
  /// (docs/qmc.md "Jastrow"). Returns u itself without a pair factor.
  std::vector<Field> compensatedOrbitals(const Grid& grid, const std::vector<Field>& u) const;

 private:
  Mixture m_;
  std::vector<int> particles_;
  std::vector<int> species_of_;   // per particle
  std::vector<std::shared_ptr<const TrialOrbital>> orbitals_;
  int d_, N_;
  double coef_[2][2];             // pair coefficients: −a λ (intra), −a_st/N (inter)
  double wscale_, wnorm_;         // w_N(r²) = wnorm · w(wscale² r²)
  bool gaussian_ = false;         // w = π^{-d/2} e^{-|x|²}: inlined
  const PairProfile* profile_;
  bool jastrow_ = false;
  double jkappa_ = 0, jA_[2][2] = {{0, 0}, {0, 0}};
  /// Σ_{j≠i} J(x − x_j) and its gradient in x (particle i at x, the others at R); `row` (if given) receives
  /// e^{−κ|x − x_j|²} per j, `cached` (if given) supplies them instead of computing.
  void jastrowSums(const double* R, int i, const double* x, double* J, double* G, double* row = nullptr,
                   const double* cached = nullptr) const;
  /// The pair factor's part of E_L: −Σ_i (Δ_i J + 2∇L_i·∇_i J + |∇_i J|²), gL = ∇L per particle; E (if
  /// given) the cached e^{−κ r_ij²} (N×N).
  double jastrowKinetic(const double* R, const double* gL, const double* E = nullptr) const;
  /// pairEnergy from the cached exponentials (w_N Gaussian of the pair factor's width).
  double pairEnergyFromCache(const double* E) const;
};

}  // namespace cbec
