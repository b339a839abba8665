#pragma once
/// @file evolve_config.hpp
/// The `cbec evolve` configuration (INTERFACE.md).
///
/// General mean-field flow: the [model], [[species]] (each may add `nu`, default 1) and [coupling] tables of
/// `cbec groundstate` (mixture_config.hpp), and
///   [grid]       points (even ≥ 4), box, center — required unless [initial] kind = "state" (then the file's grid)
///   [initial]    kind = "harmonic" | "gaussian" (center, width = 1, momentum = 0) | "state" (file); reference
///                (optional path of a state.h5 to report the overlap with)
///   [evolution]  times, tolerance (default 1e-10; 0: fixed step), step, integrator (default "blanes_moan"),
///                error_estimate ("richardson", default: the step against step_ratio substeps, default 4;
///                "step_doubling": the same with 2; "embedded": the integrator's embedded partner, blanes_moan or
///                palindromic5 only), linear ("auto" | "kinetic" |
///                "exact_harmonic"; auto = exact when every trap is harmonic), snapshots (HDF5 at every output
///                time, default true), checkpoint (default true)
///
/// The toy model of F §3:
///
///   [model]      kind = "fragmented_toy", nu (> 0), occupations (n_j > 0, Σ = 1)
///   [potential]  kind = "gaussian" (strength, width) | "coulomb" (strength, cutoff = N³, F 5.16)
///   [evolution]  times (increasing, > 0), tolerance (local error, default 1e-12; 0: fixed `step`),
///                step (fixed step or first trial step, default 0.01), integrator ("strang" | "yoshida4" |
///                "blanes_moan" | "yoshida6", default "blanes_moan"), basis (radial DVR size, 0 = automatic),
///                method ("radial", default, or "grid": the full 3D flow on [grid] points, box)
///   [sweep]      nu = [...], strength = [...] (optional): distance against ν (F 3.16) or the strength of V
///
/// The degenerate doublet with spatially different orbitals (dynamics/fragmented_doublet.hpp, issue 23):
///
///   [model]      kind = "fragmented_doublet", nu (> 0), occupations (two, Σ = 1), well_minimum (a > 0,
///                default 2: h_0 = −d²/dx² + (x² − a²)²/4), excited ("scaled" default | "flat")
///   [potential]  kind = "gaussian" (strength, width)
///   [grid]       points (even, ≤ 2048), box (1D; required), center
///   [evolution]  times, tolerance (default 1e-11; 0: fixed step), step, integrator, phase_tolerance (default
///                1e-3, a fraction of the distance), max_phases (default 512), prediction (default true)
///   [sweep]      nu = [...] (optional)
#include <cbec/config/config_table.hpp>
#include <cbec/config/memory_need.hpp>
#include <cbec/dynamics/fragmented_doublet.hpp>
#include <cbec/dynamics/fragmented_toy_evolution.hpp>
#include <cbec/dynamics/grid_evolution.hpp>
#include <cbec/model/mixture.hpp>
#include <cbec/model/fragmented_toy.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cbec {

struct ToyEvolveConfig {
  FragmentedToyModel model;
  std::vector<double> times;
  ToyEvolutionOptions options;
  std::vector<double> sweep_nu;         ///< empty: no sweep over ν
  std::vector<double> sweep_strength;   ///< empty: no sweep over the strength of V
  std::optional<Grid> grid;             ///< [evolution] method = "grid": the 3D grid ([grid] points, box)
  MemoryNeeds memory{};                 ///< the grid's fields (checked by the driver)
};

struct DoubletEvolveConfig {
  DoubletModel model;
  Grid grid{1, 64, 12.0};
  std::vector<double> times;
  DoubletOptions options;
  std::vector<double> sweep_nu;   ///< empty: no sweep over ν
};

struct MeanFieldEvolveConfig {
  Mixture mixture;
  std::optional<Grid> grid{};         ///< empty: the initial state file's grid
  std::string initial_kind = "harmonic";
  std::vector<double> initial_center{}, initial_momentum{};
  double initial_width = 1;
  std::string initial_file{}, reference_file{};
  std::vector<double> times{};
  GridEvolutionOptions options{};
  std::string linear = "auto";
  bool snapshots = true, checkpoint = true;
  MemoryNeeds memory{};               ///< the configured grid's fields (checked by the driver)
};

struct EvolveConfig {
  enum class Kind { FragmentedToy, FragmentedDoublet, MeanField };
  Kind kind = Kind::FragmentedToy;
  ToyEvolveConfig toy;
  std::optional<DoubletEvolveConfig> doublet;
  std::optional<MeanFieldEvolveConfig> meanField;
};

/// True when [model] kind = "fragmented_toy".
bool isFragmentedToy(ConfigTable& root);
/// Reads and finishes the whole configuration (root included).
EvolveConfig readEvolveConfig(ConfigTable&& root);

}  // namespace cbec
