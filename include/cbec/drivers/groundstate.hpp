#pragma once
/// @file groundstate.hpp
/// Driver of `cbec groundstate`: the mean-field ground state of a mixture (MODEL.md §2),
///   E = inf { E[u] : ‖u_s‖₂ = 1 },   H_s u_s = μ_s u_s,
/// with the policies of the command:
///  1. regime (M Theorem 6, soliton/townes_regime.hpp): unbounded → UnboundedEnergyError before any solve;
///     undetermined → a warning;
///  2. grid: the configured one, the warm start's, or automatic (solver/auto_grid.hpp);
///  3. error estimate max(|E − E'|, |E − E''|) on two coarser grids (auto_grid.hpp);
///  4. outputs (when RunOptions::out_dir is set): DIR/summary.json (INTERFACE.md keys) and
///     DIR/state.h5 (the grid and one dataset per species).
/// A solve that misses its tolerance is reported as `converged = false` and a warning, never hidden.
///
/// @code
///   auto cfg = cbec::readGroundStateConfig(cbec::ConfigTable::parseFile("two.toml"));
///   cbec::drivers::GroundStateRun r = cbec::drivers::groundstate(cfg);
///   double E = r.solution.energy;   cbec::Json j = cbec::drivers::toJson(r);
/// @endcode
#include <cbec/config/groundstate_config.hpp>
#include <cbec/drivers/session.hpp>
#include <cbec/io/output.hpp>
#include <cbec/soliton/townes_regime.hpp>

#include <string>
#include <vector>

namespace cbec::drivers {

struct GroundStateRun {
  Mixture mixture;
  RegimeReport regime;
  Grid grid;
  GroundStateResult solution;         ///< energy, μ_s, terms, residuals, fields u_s
  double error_estimate = 0;
  double wall_seconds = 0;
  double tolerance = 0;               ///< the residual tolerance asked for
  std::vector<std::string> warnings;  ///< also passed to RunOptions::warn
  std::vector<std::string> grid_log;  ///< automatic grid: one line per grid tried (empty for a given grid)
  std::vector<int> slab_planes;       ///< split over ranks (FFTW-MPI slabs): planes of axis 0 per rank, else empty
};

GroundStateRun groundstate(const GroundStateConfig& config, const RunOptions& run = {});
/// The summary.json object (INTERFACE.md keys first, then extras).
Json toJson(const GroundStateRun& result);

}  // namespace cbec::drivers
