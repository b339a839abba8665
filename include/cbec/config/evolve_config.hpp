#pragma once
/// @file evolve_config.hpp
/// The `cbec evolve` configuration (INTERFACE.md). This file reads the toy model of F §3:
///
///   [model]      kind = "fragmented_toy", nu (> 0), occupations (n_j > 0, Σ = 1)
///   [potential]  kind = "gaussian" (strength, width) | "coulomb" (strength, cutoff = N³, F 5.16)
///   [evolution]  times (increasing, > 0), tolerance (local error, default 1e-12; 0: fixed `step`),
///                step (fixed step or first trial step, default 0.01), integrator ("strang" | "yoshida4" |
///                "blanes_moan" | "yoshida6", default "blanes_moan"), basis (radial DVR size, 0 = automatic)
///   [sweep]      nu = [...] (optional): distance against ν at the same times (F 3.16)
#include <cbec/config/config_table.hpp>
#include <cbec/dynamics/fragmented_toy_evolution.hpp>
#include <cbec/model/fragmented_toy.hpp>

#include <vector>

namespace cbec {

struct ToyEvolveConfig {
  FragmentedToyModel model;
  std::vector<double> times;
  ToyEvolutionOptions options;
  std::vector<double> sweep_nu;   ///< empty: no sweep
};

struct EvolveConfig {
  enum class Kind { FragmentedToy };
  Kind kind = Kind::FragmentedToy;
  ToyEvolveConfig toy;
};

/// True when [model] kind = "fragmented_toy".
bool isFragmentedToy(ConfigTable& root);
/// Reads and finishes the whole configuration (root included).
EvolveConfig readEvolveConfig(ConfigTable&& root);

}  // namespace cbec
