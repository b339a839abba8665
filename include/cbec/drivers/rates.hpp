#pragma once
/// @file rates.hpp
/// Driver of `cbec rates`: exact finite-N dynamics of a fragmented condensate next to its mean-field
/// limit, and the rates 1/N (F Theorem 3.1, 3.14) and 1/√ν (F 3.16, Corollary 3.4, 3.20).
///
/// For each ν (toy model) and each N: Ψ_{N,t} = e^{-itH_N}Ψ_N exactly in the Galerkin mode space
/// (exact_marginals.hpp), γ_∞^(k)(t) from the Galerkin Hartree flow in the same space
/// (mean_field_marginal.hpp; for the toy model F 4.5), and
///   distance        Tr|γ_N^(k)(t) - γ_∞^(k)(t)|                                   (F 3.14)
///   spatial, spin   the two parts of the toy model's distance, spin = c_k/N        (F 4.12, 4.13)
///   infinite_gap    Tr|γ_{N,ν,t}^(1) - γ_{∞,∞,t}^(1)| (toy model)                  (F 3.20)
///   bogoliubov      ‖N Qγ_spat^(1)Q - V V†‖_1 and N(1 - ⟨φ_t,γ_spat^(1)φ_t⟩) vs Tr V V† (toy model);
///                   the off-diagonal N Qγ_spat^(1)φ_t against its pair-factor part -Q ∂_λφ_t
///   occupation      the spectrum of γ_N^(1)(t) (the spinor γ_spat^(1) ⊗ diag(N_j/N) for the toy model, F 4.10):
///                   its rank and the weight 1 − Σ_{ℓ largest} of the modes beyond the ℓ fragments' orbitals
///                   (issue 23 item 4a), with its exponents in N and ν
///   form norm       both sides of (F 5.6) along the Galerkin Hartree flow (toy model; form_norm_bound.hpp)
///   fluctuations    ‖(𝒰 − 𝒰₂)Ω‖ of the full against the quadratic fluctuation dynamics (F 5.26–5.36;
///                   rates.fluctuations; fluctuation_dynamics.hpp). Toy: around φ_t (the fragmented state is
///                   φ0^{⊗N} ⊗ spin). Double well, modes: φ1^{⊗N1} ∨ φ2^{⊗N2} ∝ ∫dθ e^{iN2θ}(φ^θ)^{⊗N},
///                   φ^θ = √n1 φ1 + √n2 e^{-iθ}φ2, a superposition of condensates; each is compared around
///                   its φ^θ_t, at `fluctuation_phases` θ, and the largest difference is reported
///   regularisation  ‖Ψ_N − Ψ̃_N‖, Tr|γ_N^(1) − γ̃_N^(1)|, ‖φ_t − φ̃_t‖ for a Coulomb V against its cutoff N³
///                   (F 5.16–5.24; toy model, rates.regularisation; coulomb_cutoff_shift.hpp)
/// and fits: the exponent p(t) of distance ∝ N^p, A_k(t) = lim N·distance from N·d = A + B/N, the
/// growth rate a of A_k(t) ≈ A_0 e^{a t}, and the exponent of Tr|γ_{∞,ν} - γ_{∞,∞}| in ν.
/// γ_∞ of the double well comes from the adaptive phase average (mean_field_marginal.hpp), refined
/// until its estimated error (quadrature + the Hartree flows' own) is below phase_tolerance × the
/// smallest distance at each time. A run whose phase-average error or Krylov error bound is not small
/// against the distances is flagged (`converged` false, a warning starting "phases:" or "Krylov:"),
/// never reported as resolved.
/// Outputs (RunOptions::out_dir): summary.json (INTERFACE.md keys first), rates.csv, PNG figures
/// (python/plot_rates.py).
#include <cbec/config/rates_config.hpp>
#include <cbec/drivers/session.hpp>
#include <cbec/io/output.hpp>
#include <cbec/manybody/fluctuation_dynamics.hpp>
#include <cbec/manybody/form_norm_bound.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cbec::drivers {

/// Everything measured at one ν (the double well has a single sweep, ν = 0).
struct RatesSweep {
  double nu = 0;
  std::vector<std::vector<double>> distance;          ///< [N][t]
  std::vector<std::vector<double>> spatial, spin;     ///< [N][t] (toy model)
  std::vector<std::vector<double>> infinite_gap;      ///< [N][t] (toy model)
  std::vector<double> mean_field_infinite_gap;        ///< [t] Tr|γ_∞,ν^(1) - γ_∞,∞^(1)| (toy model)
  std::vector<std::vector<double>> bogoliubov_gap;    ///< [N][t] ‖N QγQ - VV†‖_1 (toy model)
  std::vector<std::vector<double>> depletion;         ///< [N][t] N(1 - ⟨φ_t,γφ_t⟩) (toy model)
  std::vector<double> bogoliubov_depletion;           ///< [t] Tr VV† (toy model)
  std::vector<std::vector<double>> off_diagonal;      ///< [N][t] ‖N Qγ_spat^(1)φ_t‖ (toy model)
  std::vector<std::vector<double>> off_diagonal_gap;  ///< [N][t] ‖N Qγ_spat^(1)φ_t + Q ∂_λφ_t‖ (toy model)
  std::vector<double> fitted_exponent_N;              ///< [t] slope of log distance vs log N (NaN where all ≤ 1e-12)
  std::vector<double> A;                              ///< [t] A_k(t) = lim N·distance
  double growth_rate = 0;                             ///< a in A_k(t) ≈ A_0 e^{a t}
  std::vector<std::size_t> dimension;                 ///< [N] Fock-space dimension
  std::vector<double> krylov_error_bound;             ///< [N] Σ_steps b(τ)
  std::vector<long long> products;                    ///< [N] applications of H_N
  std::vector<double> norm_drift, energy_drift;       ///< [N] largest |‖Ψ‖-1|, |E(t)-E(0)|/max(|E(0)|,1)
  double phase_quadrature_error = 0;                  ///< largest estimated phase-average error (double well)
  std::vector<std::vector<double>> phase_errors;      ///< [N][t] estimated Tr|γ_∞,computed − γ_∞| (double well)
  std::vector<long long> phases;                      ///< [N] phases (Hartree flows) behind that N's γ_∞
  bool phase_capped = false;                          ///< the adaptive average stopped at rates.max_phases
  /// [t] toy model: Tr| |φ_t^(S)⟩⟨φ_t^(S)| − |φ_t^(S+1)⟩⟨φ_t^(S+1)| |, the mean-field orbital with S and S + 1
  /// shells (empty at S = 12, the largest)
  std::vector<double> mode_error;
  /// [t] grid_modes: max over N of |distance − distance on the check grid| (convergence in the grid)
  std::vector<double> grid_error;
  // issue 23 item 4 (finite gap and finite N)
  std::vector<std::vector<std::vector<double>>> occupation_spectrum;   ///< [N][t] eigenvalues of γ^(1), descending
  std::vector<std::vector<double>> extra_weight;   ///< [N][t] 1 − (sum of the ℓ largest eigenvalues), ℓ fragments
  std::vector<std::vector<int>> rank;              ///< [N][t] eigenvalues above kRankThreshold
  std::vector<std::vector<double>> outside_weight; ///< [N][t] 1 − Σ_j ⟨φ_j, γ^(1) φ_j⟩ (the initial fragment orbitals)
  std::vector<double> extra_weight_exponent_N;     ///< [t] slope of log extra_weight against log N
  std::optional<FormNormBound> form_norm;          ///< toy model
  /// rates.fluctuations: the toy model around φ_t; the double well and modes around φ^θ_t, the largest
  /// difference (and bound, excitations) over `fluctuation_phases` equally spaced θ
  std::optional<FluctuationComparison> fluctuations;
  int fluctuation_phases = 0;                      ///< 0: the toy model (no phase)
  double fluctuation_seconds = 0;
  /// rates.regularisation: the unregularised Coulomb V against Ṽ = sgn V min(|V|, N³) (F 5.16), per N
  struct Regularisation {
    std::vector<double> shift;                            ///< [N] max_ijkl |V_ijkl − Ṽ_ijkl|
    std::vector<std::vector<double>> state, marginal, orbital;   ///< [N][t] (F 5.21), (F 5.22), (F 5.23)
    std::vector<double> krylov_error_bound;               ///< [N] sum of the two runs' bounds
    std::vector<double> exponent_state, exponent_marginal, exponent_orbital;   ///< [t] slopes in N
  };
  std::optional<Regularisation> regularisation;
};

/// grid_modes: the model built on the grid and its checks (grid_mode_model.hpp).
struct GridModesReport {
  int dimension = 1, points = 0;
  double box = 0;
  std::vector<double> energies;         ///< grid eigenvalues E_0 … E_M (E_M: the first level left out)
  double one_body_defect = 0, exchange_defect = 0, hermiticity_defect = 0, edge_ratio = 0;
  double build_seconds = 0;
  bool checked = false;                 ///< the check grid was run
  int check_points = 0;
  double check_box = 0;
  std::vector<double> check_energies;   ///< E_0 … E_M on the check grid
  double energy_change = 0;             ///< max_a |E_a − E_a(check)|, a ≤ M
  double interaction_change = 0;        ///< max |V_ijkl − V_ijkl(check)| (signs fixed as in grid_mode_model.hpp)
  double check_edge_ratio = 0;
};

/// quench: the `cbec manybody` ground states and the quench (two_species_quench.hpp), per N and species.
struct QuenchReport {
  std::string manybody_file;
  double inter_scale = 1;
  std::vector<double> intra_scale, trap_scale;
  std::vector<std::vector<int>> particles;             ///< [N][s]
  std::vector<double> ground_energy;                   ///< [N] E_N^Q per particle (`cbec manybody`'s sweep value)
  std::vector<double> hartree_energy;                  ///< [N] E^H per particle of the same modes, before
  std::vector<double> lanczos_residual;                ///< [N]
  std::vector<int> lanczos_converged;                  ///< [N] 0/1
  std::vector<double> quenched_energy;                 ///< [N] ⟨Ψ_0, H'Ψ_0⟩ / N
  std::vector<double> hartree_energy_drift;            ///< [N] max_t |E^H(t) − E^H(0)| / max(1, |E^H(0)|)
  std::vector<std::vector<std::vector<double>>> species_distance;   ///< [s][N][t] Tr|γ_s^(1) − |c^s⟩⟨c^s||
  std::vector<std::vector<std::vector<double>>> hartree_error;      ///< [s][N][t]
  std::vector<std::vector<double>> species_exponent_N;              ///< [s][t]
};

struct RatesResult {
  std::string model;                                  ///< "fragmented_toy" | "double_well" | "modes" | "grid_modes" | "quench"
  std::optional<GridModesReport> grid_modes;          ///< grid_modes only
  std::optional<QuenchReport> quench;                 ///< quench only
  int k = 1;
  std::vector<int> N;
  std::vector<double> times;
  std::vector<double> occupations;
  int shells = 0;
  std::vector<RatesSweep> sweeps;                     ///< one per ν
  std::vector<double> fitted_exponent_nu;             ///< [t] slope of log Tr|γ_∞,ν - γ_∞,∞| vs log ν
  std::vector<double> fitted_exponent_nu_combined;    ///< [t] same for infinite_gap at the largest N
  /// slope of log max_t Tr|γ_∞,ν - γ_∞,∞| (max over the output times) vs log ν: the envelope of the
  /// oscillation at frequency ≈ 2ν, free of the phase 2νt that scatters the fixed-t exponents
  double fitted_exponent_nu_sup = 0;
  /// [t] slope of log extra_weight (largest N) against log ν; and of its maximum over the output times
  std::vector<double> extra_weight_exponent_nu;
  double extra_weight_exponent_nu_sup = 0;
  /// false when a Krylov error bound is not small against the distances it is to resolve:
  /// Tr|γ_N^(k) − γ̃_N^(k)| ≤ 2‖Ψ − Ψ̃‖ ≤ 2·krylov_error_bound, which must stay below 1% of the
  /// smallest distance above round-off at that N (otherwise a warning names N and both numbers)
  bool converged = true;
  std::vector<std::string> warnings;
  double phase_tolerance = 0;                         ///< rates.phase_tolerance (double well)
  double wall_seconds = 0;
};

RatesResult rates(const RatesConfig& config, const RunOptions& run = {});
/// The summary.json object: INTERFACE.md keys (`N`, `times`, `trace_distance`, `fitted_exponent_N`,
/// all of the first sweep), then `sweeps` and the extras.
Json toJson(const RatesResult& result);
/// rates.csv: one row per (ν, N, t).
std::string ratesCsv(const RatesResult& result);
/// fluctuations.csv (rates.fluctuations): one row per (ν, N, t) of the fluctuation comparison.
std::string fluctuationsCsv(const RatesResult& result);

/// Least-squares slope of log y against log x over the pairs with x, y > 0 (NaN if fewer than two):
/// fitPowerLaw (numerics/power_law_fit.hpp).
double fitLogSlope(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace cbec::drivers
