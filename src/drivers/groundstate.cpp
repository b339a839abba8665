#include <cbec/drivers/groundstate.hpp>

#include <cbec/solver/auto_grid.hpp>
#include <cbec/solver/state_file.hpp>

#include <fmt/format.h>

#include <chrono>

namespace cbec::drivers {
namespace {

std::vector<std::string> speciesNames(const Mixture& m) {
  std::vector<std::string> names;
  for (const auto& sp : m.allSpecies()) names.push_back(sp.name);
  return names;
}

struct Solved {
  Grid grid;
  GroundStateResult result;
  double error_estimate = 0;
};

/// Policy 2 and 3: the grid (configured, warm start's, or automatic), the solve, the error estimate.
Solved solve(const GroundStateConfig& cfg, const SolverOptions& solver) {
  const Mixture& m = cfg.mixture;
  std::optional<StoredState> warm;
  if (!cfg.warm_start.empty()) warm = readState(cfg.warm_start, speciesNames(m));
  if (!cfg.grid && !warm) {
    GridSolution sol = solveOnAutomaticGrid(m, solver, cfg.auto_grid);
    return {sol.grid, std::move(sol.result), sol.error_estimate};
  }
  const Grid grid = cfg.grid ? *cfg.grid : warm->grid;
  GroundStateResult r;
  {  // the solve's Hamiltonian and start are freed before the error estimate (peak memory)
    Hamiltonian f(m, grid, solver.threads, solver.measure);
    if (warm) {
      State u0 = transferState(warm->grid, warm->u, grid);
      warm.reset();
      r = groundState(f, solver, &u0);
    } else {
      r = groundState(f, solver);
    }
  }
  const double estimate = gridErrorEstimate(m, grid, r, solver);
  return {grid, std::move(r), estimate};
}

void writeOutputs(const GroundStateRun& r, const std::filesystem::path& dir) {
  writeState(dir / "state.h5", r.grid, speciesNames(r.mixture), r.solution.u,
             {{"energy", r.solution.energy}, {"residual", r.solution.residual}});
  writeJsonFile(dir / "summary.json", toJson(r));
}

}  // namespace

GroundStateRun groundstate(const GroundStateConfig& cfg, const RunOptions& run) {
  const auto start = std::chrono::steady_clock::now();
  const RegimeReport regime = classifyRegime(cfg.mixture);
  if (regime.regime == Regime::Unbounded) throw UnboundedEnergyError(regime.reason);
  std::vector<std::string> warnings;
  auto warn = [&](std::string w) {
    run.warning(w);
    warnings.push_back(std::move(w));
  };
  if (regime.regime == Regime::Undetermined) warn("existence of a minimiser undetermined: " + regime.reason);
  if (!run.out_dir.empty()) ensureOutputDirectory(run.out_dir);

  SolverOptions solver = cfg.solver;
  if (run.threads > 0) solver.threads = run.threads;
  solver.progress = run.progress;
  Solved s = solve(cfg, solver);
  GroundStateRun r{cfg.mixture, regime, s.grid, std::move(s.result), s.error_estimate, 0.0, solver.tolerance, {}};
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!r.solution.converged)
    warn(fmt::format("not converged after {} iterations (residual {:.2e} > tolerance {:.1e})",
                     r.solution.iterations, r.solution.residual, r.tolerance));
  r.warnings = std::move(warnings);
  if (!run.out_dir.empty()) writeOutputs(r, run.out_dir);
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
  // extras
  j["regime_reason"] = run.regime.reason;
  j["residuals"] = r.residuals;
  j["method"] = methodName(r.method);
  j["fft_count"] = r.fft_count;
  j["tolerance"] = run.tolerance;
  Json fractions = Json::array();
  for (const auto& sp : m.allSpecies()) fractions.push_back(sp.fraction);
  j["species"] = speciesNames(m);
  j["fractions"] = fractions;
  j["model"] = m.describe();
  return j;
}

}  // namespace cbec::drivers
