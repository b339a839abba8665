#pragma once
/// @file groundstate_config.hpp
/// The whole `cbec groundstate` configuration (INTERFACE.md): the Mixture (mixture_config.hpp) plus
///   [grid]    points (even ≥ 4), box (in [1e-6, 1e6], and the traps finite at its corners: V ≤ 1e150),
///             center (optional) — omitted: automatic grid (auto_grid.hpp)
///   [solver]  tolerance (default 1e-10), method ("pcg" | "gradient_flow"), max_iterations, time_step
///             (gradient flow τ), energy_tolerance, threads (FFTW), warm_start (path of a state.h5)
/// The tables read here are finished; the root table is not (callers may read more, e.g. [scan]),
/// so call root.finish() after.
#include <cbec/config/config_table.hpp>
#include <cbec/config/memory_need.hpp>
#include <cbec/model/mixture.hpp>
#include <cbec/solver/auto_grid.hpp>
#include <cbec/solver/ground_state.hpp>

#include <optional>
#include <string>

namespace cbec {

struct GroundStateConfig {
  Mixture mixture;
  std::optional<Grid> grid;          ///< empty: automatic
  SolverOptions solver;
  AutoGridOptions auto_grid;
  std::string warm_start;            ///< path of a state.h5, or empty
  MemoryNeeds memory{};              ///< the configured grid's fields (checked by the driver)
};

/// The range of [grid] box: 1e300 made V = |x|² overflow and 1e-300 the kinetic energy (π/h)², both ending in
/// "non-finite energy" instead of a refusal naming the key.
inline constexpr double kMinBox = 1e-6, kMaxBox = 1e6;
/// Largest trap value on the grid: V·|u|² and its sums stay far from overflow.
inline constexpr double kMaxTrapValue = 1e150;
/// InputError naming `key` when a trap of `m` exceeds kMaxTrapValue (or is not finite) at a corner of `grid`.
void requireFiniteTraps(const Mixture& m, const Grid& grid, const std::string& key);

/// `hartree_N_from`: see readMixture (cbec blowup's joint limit takes N from scan.N).
GroundStateConfig readGroundStateConfig(ConfigTable& root, const std::string& hartree_N_from = "");
/// The whole file (or dict) as a `cbec groundstate` configuration: root.finish() included, so any
/// table or key not read is an error naming it.
GroundStateConfig readGroundStateConfig(ConfigTable&& root);

}  // namespace cbec
