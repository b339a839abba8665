#pragma once
/// @file rates_config.hpp
/// The `cbec rates` configuration (INTERFACE.md): a model, an optional [basis], and [rates].
///
///   [model] kind = "fragmented_toy"   nu, occupations (n_j, sum 1)     the toy model of F §3
///           [potential] kind = "gaussian" (strength, width) | "coulomb" (strength, cutoff)
///           [basis] shells = 3        s-wave oscillator modes of the spatial Galerkin space
///   [model] kind = "double_well"      gap, interaction (U), occupations (two levels)
///   [model] kind = "modes"            one_body (an .npy file: h_ij, M × M), two_body (an .npy file: V_ijkl,
///           M × M × M × M), occupations (two: the fragments sit in modes 0 and 1), modes (use the first
///           M' ≤ M modes; default M). Validated: shapes, finite entries, h_ij = h̄_ji, V_ijkl = V_jilk =
///           V̄_klij (to 1e-12 of the largest entry), real (the Fock operator takes real h and V); every
///           error names the key, the file and the entry. With M' > 2 the sweep is repeated with M' − 1
///           modes: `mode_truncation_error` reports the change of the distances (convergence in the modes).
///   [model] kind = "grid_modes"       modes (M ≥ 2, default 4), occupations (two: modes 0 and 1), dimension
///           (1 or 2), trap = "double_well" (well_minimum a = 2, tilt = 0, frequency ω = 1 of the x₂ axis) |
///           "harmonic" (frequency ω): h = −Δ + U on a Fourier grid, the lowest M eigenfunctions, h_ij and
///           V_ijkl by quadrature (grid_mode_model.hpp); then as "modes".
///           [grid] points = 64 (1D) / 32 (2D), box = 12, check = true (the sweep repeated on a finer and
///           larger grid: check_points = 3·points/2 rounded up to even, check_box = 5·box/4 →
///           `grid_truncation_error`), at most 2304 points in all on either grid.
///           [potential] kind = "contact" (strength g: W = g δ) | "gaussian" (strength s, width w:
///           W = s e^{−|x|²/(2w²)})
///   [model] kind = "quench"           manybody = "FILE.toml" (a `cbec manybody` configuration: its mixture,
///           species ratio, [sweep] shells and [basis] max_quanta give the modes; at each rates.N the species
///           hold n_s N / Σ n_s particles, as in its [sweep]); the `cbec manybody` ground state of each N is
///           evolved after the quench [quench] inter_scale = 1 (λ_AB → inter_scale·λ_AB), intra_scale = [1, 1]
///           (λ_s → intra_scale_s·λ_s), trap_scale = [1, 1] (every trap frequency ω_d → trap_scale_s·ω_d: the
///           same oscillator modes, h_s with the x² terms of oscillator_modes.hpp), against the two-species
///           Hartree flow (two_species_quench.hpp);
///           k = 1 only.
///   [rates] N = [...] (integers ≥ 1), times = [...] (≥ 0, ascending), k = 1,
///           nu = [...] (toy only: the ν sweep; default [model] nu),
///           phase_tolerance = 0.01 (the phase average of F 3.15 is refined until its estimated error
///           is below this fraction of the smallest distance at each time), max_phases = 30000 (cap on
///           its Hartree flows), phases = 0 (adaptive; an even P > 0 fixes a P-point trapezoid rule),
///           tolerance = 1e-10 (Krylov error per unit time),
///           max_dimension = 3e6 (largest Fock space allowed),
///           fluctuations = false (‖(𝒰 − 𝒰₂)Ω‖ of the full against the quadratic fluctuation dynamics,
///           F 5.26–5.36; for the double well and modes around φ^θ at fluctuation_phases = 4 phases θ),
///           fluctuation_N = [...] (default N; reals ≥ 1), fluctuation_cutoff = 16
///           (the fluctuation Fock space keeps 𝒩 ≤ cutoff), regularisation = false (toy with a Coulomb
///           [potential] only: the exact and Hartree dynamics with V against Ṽ = sgn V min(|V|, N³), F 5.16–5.24)
/// Every error names its key path.
#include <cbec/config/config_table.hpp>
#include <cbec/config/manybody_config.hpp>
#include <cbec/config/memory_need.hpp>
#include <cbec/manybody/grid_mode_model.hpp>
#include <cbec/model/pair_interaction.hpp>

#include <Eigen/Dense>

#include <optional>
#include <string>
#include <vector>

namespace cbec {

struct RatesConfig {
  enum class Model { FragmentedToy, DoubleWell, Modes, GridModes, Quench };
  Model model = Model::FragmentedToy;
  std::vector<double> occupations{0.5, 0.5};  ///< n_j
  // fragmented_toy
  std::vector<double> nu{10.0};               ///< the ν values swept (first: [model] nu)
  PairInteraction potential = PairInteraction::gaussian(1.0, 1.0);
  int shells = 3;
  // double_well
  double gap = 1.0, interaction = 1.0;
  // modes (user's h_ij, V_ijkl; the first `shells` modes are used)
  Eigen::MatrixXd one_body;
  std::vector<double> two_body;       ///< V[((i M + j) M + k) M + l], M = one_body.rows()
  std::string one_body_file, two_body_file;
  // grid_modes: the grid, trap and interaction, and the model built from them (one_body, two_body hold its
  // h and V as for "modes")
  struct GridModes {
    int dimension = 1, points = 64;
    double box = 12;
    GridTrap trap;
    PairInteraction interaction = PairInteraction::contact();
    bool check = true;
    int check_points = 0;
    double check_box = 0;
  };
  GridModes grid_modes;
  GridModeModel grid_model;
  // quench: the `cbec manybody` configuration and the change of the couplings
  struct Quench {
    std::string manybody_file;
    std::optional<ManybodyConfig> manybody;   ///< set for kind = "quench"
    double inter_scale = 1;
    std::vector<double> intra_scale;          ///< per species
    std::vector<double> trap_scale;           ///< per species: ω_d → trap_scale·ω_d (a trap quench)
    std::vector<std::vector<int>> particles;  ///< [N][species]
  };
  Quench quench;
  // [rates]
  std::vector<int> N;
  std::vector<double> times;
  int k = 1;
  int phases = 0;                 ///< 0: adaptive phase average; P > 0: fixed P-point trapezoid rule
  double phase_tolerance = 0.01;  ///< phase-average error allowed, relative to the smallest distance
  long long max_phases = 30000;   ///< cap on the adaptive phase average's Hartree flows
  double tolerance = 1e-10;
  double max_dimension = 3e6;
  bool fluctuations = false;            ///< compare 𝒰 and 𝒰₂ (F 5.36)
  std::vector<double> fluctuation_N;    ///< the N of that comparison (default: N)
  int fluctuation_cutoff = 16;          ///< largest excitation number kept
  int fluctuation_phases = 4;           ///< double well, modes: the phases θ of φ^θ compared
  bool regularisation = false;          ///< compare V with its N³ cutoff (F 5.16–5.24; toy, Coulomb)
  MemoryNeeds memory{};   ///< the Fock space of each N (checked by the driver)
};

/// Reads and finishes the whole configuration (root included).
RatesConfig readRatesConfig(ConfigTable&& root);

}  // namespace cbec
