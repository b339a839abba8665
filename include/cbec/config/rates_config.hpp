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
#include <cbec/config/memory_need.hpp>
#include <cbec/model/pair_interaction.hpp>

#include <Eigen/Dense>

#include <string>
#include <vector>

namespace cbec {

struct RatesConfig {
  enum class Model { FragmentedToy, DoubleWell, Modes };
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
