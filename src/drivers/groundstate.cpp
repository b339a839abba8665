#include <cbec/drivers/groundstate.hpp>
#include <cbec/mpi/communicator.hpp>

#include <cbec/discretisation/slab.hpp>
#include <cbec/discretisation/state_file.hpp>
#include <cbec/io/memory_limit.hpp>
#include <cbec/solver/auto_grid.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <optional>

namespace cbec::drivers {
namespace {

std::vector<std::string> speciesNames(const Mixture& m) {
  std::vector<std::string> names;
  for (const auto& sp : m.allSpecies()) names.push_back(sp.name);
  return names;
}

/// Bytes per rank of a solve on an n^d grid: the whole footprint on one process; on P ranks split into slabs
/// the largest slab's share (⌈n/P⌉ of n planes) plus the gathered solution and its transfer to the error
/// estimate's grids (8 bytes per point and species each).
double memoryPerRank(int d, int n, int species, bool split) {
  const double whole = groundStateMemoryBytes(d, n, species);
  if (!split) return whole;
  const int P = mpi::Communicator::world().size();
  const double share = static_cast<double>((n + P - 1) / P) / n;
  return whole * share + 2 * 8.0 * species * std::pow(static_cast<double>(n), d);
}

/// Whether this run splits its grid into FFTW-MPI slabs: under mpirun (even one rank), 2D or 3D.
bool splitGrid(const Mixture& m) { return slabsAvailable() && m.dimension() >= 2; }

struct Solved {
  Grid grid;
  GroundStateResult result;
  double error_estimate = 0;
  std::vector<std::string> grid_log;   // the automatic grid's rounds
};

/// Policy 2 and 3: the grid (configured, warm start's, or automatic), the solve, the error estimate.
Solved solve(const GroundStateConfig& cfg, const SolverOptions& solver) {
  const Mixture& m = cfg.mixture;
  std::optional<StoredState> warm;
  if (!cfg.warm_start.empty()) {
    warm = readState(cfg.warm_start, speciesNames(m));
    if (warm->grid.dimension() != m.dimension())
      throw InputError(fmt::format("{}: the stored state is {}-dimensional, the model {}-dimensional", cfg.warm_start,
                                   warm->grid.dimension(), m.dimension()));
  }
  if (!cfg.grid && !warm) {
    SolverOptions whole = solver;
    whole.split_grid = false;   // the automatic grid's rounds run whole on every rank
    GridSolution sol = solveOnAutomaticGrid(m, whole, cfg.auto_grid);
    return {sol.grid, std::move(sol.result), sol.error_estimate, std::move(sol.log)};
  }
  const Grid grid = cfg.grid ? *cfg.grid : warm->grid;
  if (!cfg.grid) {   // the warm start's grid: the same limits as a configured one
    requireMemory(memoryPerRank(grid.dimension(), grid.points(), m.speciesCount(), solver.split_grid),
                  fmt::format("warm start {} ({}^{} points)", cfg.warm_start, grid.points(), grid.dimension()));
    requireRepresentable(grid, "warm start " + cfg.warm_start);
  }
  // in the frame of the grid's centre (full precision wherever the box sits); the solve's
  // Hamiltonian and start are freed before the error estimate (peak memory)
  GroundStateResult r;
  if (warm) {
    State u0 = transferState(warm->grid, warm->u, grid, m.massConstraint());
    warm.reset();
    r = solveInGridFrame(m, grid, solver, &u0);
  } else {
    r = solveInGridFrame(m, grid, solver);
  }
  const double estimate = gridErrorEstimate(m, grid, r, solver);
  return {grid, std::move(r), estimate, {}};
}

/// state.h5 and summary.json as one set (OutputSet: both or neither replace an earlier set).
void writeOutputs(const GroundStateRun& r, OutputSet& out) {
  writeState(out.staged("state.h5"), r.grid, speciesNames(r.mixture), r.solution.u,
             {{"energy", r.solution.energy}, {"residual", r.solution.residual}});
  writeJsonFile(out.staged("summary.json"), toJson(r));
  out.commit();
}

}  // namespace

GroundStateRun groundstate(const GroundStateConfig& cfg, const RunOptions& run) {
  const auto start = std::chrono::steady_clock::now();
  const bool split = splitGrid(cfg.mixture) && (cfg.grid || !cfg.warm_start.empty());
  if (split && cfg.grid)   // the memory refusal counts per rank
    requireMemory(memoryPerRank(cfg.grid->dimension(), cfg.grid->points(), cfg.mixture.speciesCount(), true),
                  fmt::format("grid.points = {} (in {}D, {} species, per rank of {})", cfg.grid->points(),
                              cfg.grid->dimension(), cfg.mixture.speciesCount(), mpi::Communicator::world().size()));
  else
    for (const MemoryNeed& need : cfg.memory) requireMemory(need.bytes, need.item);
  const RegimeReport regime = classifyRegime(cfg.mixture);
  if (regime.regime == Regime::Unbounded) throw UnboundedEnergyError(regime.reason);
  std::vector<std::string> warnings;
  auto warn = [&](std::string w) {
    run.warning(w);
    warnings.push_back(std::move(w));
  };
  if (regime.regime == Regime::Undetermined) warn("existence of a minimiser undetermined: " + regime.reason);
  std::optional<OutputSet> out;   // made now: an unwritable DIR fails before the solve
  if (!run.out_dir.empty()) out.emplace(run.out_dir);

  SolverOptions solver = cfg.solver;
  if (run.threads > 0) solver.threads = run.threads;
  solver.progress = run.progress;
  solver.split_grid = split;
  Solved s = solve(cfg, solver);
  GroundStateRun r{cfg.mixture, regime, s.grid, std::move(s.result), s.error_estimate, 0.0, solver.tolerance, {}, {}, {}};
  if (split) {   // the planes of each rank's slab (summary.json "slab_planes")
    const Grid slab = slabOf(s.grid);
    for (double p : mpi::Communicator::world().allGather(std::vector<double>{static_cast<double>(slab.planes())}))
      r.slab_planes.push_back(static_cast<int>(p));
  }
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!r.solution.converged)
    warn(fmt::format("not converged after {} iterations (residual {:.2e} > tolerance {:.1e})",
                     r.solution.iterations, r.solution.residual, r.tolerance));
  r.warnings = std::move(warnings);
  r.grid_log = std::move(s.grid_log);
  if (out) writeOutputs(r, *out);
  return r;
}

Json toJson(const GroundStateRun& run) {
  const GroundStateResult& r = run.solution;
  const Mixture& m = run.mixture;
  Json j;
  j["energy"] = r.energy;
  j["mu"] = r.mu;
  j["residual"] = r.residual;
  j["iterations"] = r.iterations;
  j["converged"] = r.converged;
  j["regime"] = run.regime.name();
  j["terms"] = {{"kinetic", r.terms.kinetic}, {"trap", r.terms.trap}, {"intra", r.terms.intra}, {"inter", r.terms.inter}};
  j["grid"] = {{"points", run.grid.points()}, {"box", run.grid.box()}, {"center", run.grid.centre()},
               {"dimension", run.grid.dimension()}};
  j["error_estimate"] = run.error_estimate;
  j["wall_seconds"] = run.wall_seconds;
  j["ranks"] = mpi::Communicator::world().size();   // INTERFACE.md "MPI"
  // extras
  j["regime_reason"] = run.regime.reason;
  j["residuals"] = r.residuals;
  j["method"] = methodName(r.method);
  j["fft_count"] = r.fft_count;
  j["tolerance"] = run.tolerance;
  Json fractions = Json::array();   // given (per species), or ‖v_s‖² of the minimiser (total mass)
  if (m.totalMass())
    for (double c : r.fractions) fractions.push_back(c);
  else
    for (const auto& sp : m.allSpecies()) fractions.push_back(sp.fraction);
  j["species"] = speciesNames(m);
  j["fractions"] = fractions;
  j["mass_constraint"] = m.totalMass() ? "total" : "per_species";
  j["model"] = m.describe();
  if (!run.grid_log.empty()) j["grid_log"] = run.grid_log;
  if (!run.slab_planes.empty()) j["slab_planes"] = run.slab_planes;   // split over ranks: planes per rank   // automatic grid: one line per grid tried
  return j;
}

}  // namespace cbec::drivers
