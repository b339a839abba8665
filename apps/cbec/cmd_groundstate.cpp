// cbec groundstate: mean-field (GP or Hartree) ground states of a mixture (MODEL.md §2, INTERFACE.md).
// config → Mixture → regime check → grid (given or automatic) → solver → summary.json, state.h5, table.
#include "commands.hpp"

#include <cbec/io/config.hpp>
#include <cbec/io/output.hpp>
#include <cbec/model/regime.hpp>
#include <cbec/solver/auto_grid.hpp>
#include <cbec/solver/ground_state_config.hpp>
#include <cbec/solver/state_file.hpp>

#include <fmt/format.h>

#include <chrono>
#include <iostream>

namespace cbec::cli {
namespace {

struct GroundStateCliOptions {
  std::string config;
  OutputOptions output;
  int threads = 0;   ///< --threads: FFTW threads, overrides [solver] threads
};

Json summaryJson(const GroundStateConfig& cfg, const RegimeReport& regime, const Grid& grid,
                 const GroundStateResult& r, double errorEstimate, double wall) {
  const Mixture& m = cfg.mixture;
  Json j;
  j["energy"] = r.energy;
  j["mu"] = r.mu;
  j["residual"] = r.residual;
  j["iterations"] = r.iterations;
  j["converged"] = r.converged;
  j["regime"] = regime.name();
  j["terms"] = {{"kinetic", r.terms.kinetic}, {"trap", r.terms.trap}, {"intra", r.terms.intra}, {"inter", r.terms.inter}};
  j["grid"] = {{"points", grid.points()}, {"box", grid.box()}, {"center", grid.centre()}, {"dimension", grid.dimension()}};
  j["error_estimate"] = errorEstimate;
  j["wall_seconds"] = wall;
  // extras
  j["regime_reason"] = regime.reason;
  j["residuals"] = r.residuals;
  j["method"] = methodName(r.method);
  j["fft_count"] = r.fft_count;
  j["tolerance"] = cfg.solver.tolerance;
  Json names = Json::array(), fractions = Json::array();
  for (const auto& sp : m.allSpecies()) { names.push_back(sp.name); fractions.push_back(sp.fraction); }
  j["species"] = names;
  j["fractions"] = fractions;
  j["model"] = m.describe();
  return j;
}

void printTable(const Json& j) {
  fmt::print("Mean-field ground state ({}), regime: {} — {}\n", j["model"].get<std::string>(),
             j["regime"].get<std::string>(), j["regime_reason"].get<std::string>());
  fmt::print("  E = {:.15g}   (error estimate {:.1e}; residual {:.2e}; {} iterations; {})\n",
             j["energy"].get<double>(), j["error_estimate"].get<double>(), j["residual"].get<double>(),
             j["iterations"].get<long>(), j["converged"].get<bool>() ? "converged" : "NOT converged");
  fmt::print("  {:<10} {:>20} {:>20} {:>20} {:>20}\n", "species", "mu", "kinetic", "trap", "intra");
  for (size_t s = 0; s < j["mu"].size(); ++s)
    fmt::print("  {:<10} {:>20.15g} {:>20.15g} {:>20.15g} {:>20.15g}\n", j["species"][s].get<std::string>(),
               j["mu"][s].get<double>(), j["terms"]["kinetic"][s].get<double>(),
               j["terms"]["trap"][s].get<double>(), j["terms"]["intra"][s].get<double>());
  fmt::print("  inter = {:.15g}\n", j["terms"]["inter"].get<double>());
  fmt::print("  grid {}^{} points, box {}; {:.2f} s\n", j["grid"]["points"].get<int>(), j["grid"]["dimension"].get<int>(),
             j["grid"]["box"].get<double>(), j["wall_seconds"].get<double>());
}

void run(const GroundStateCliOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  ConfigTable root = ConfigTable::parseFile(o.config);
  GroundStateConfig cfg = readGroundStateConfig(root);
  if (o.threads > 0) cfg.solver.threads = o.threads;
  root.finish();
  const Mixture& m = cfg.mixture;

  const RegimeReport regime = classifyRegime(m);
  if (regime.regime == Regime::Unbounded) throw UnboundedEnergyError(regime.reason);
  if (regime.regime == Regime::Undetermined)
    std::cerr << "cbec: warning: existence of a minimiser undetermined: " << regime.reason << "\n";
  if (!o.output.out_dir.empty()) ensureOutputDirectory(o.output.out_dir);

  std::vector<std::string> names;
  for (const auto& sp : m.allSpecies()) names.push_back(sp.name);

  std::optional<StoredState> warm;
  if (!cfg.warm_start.empty()) warm = readState(cfg.warm_start, names);

  Grid grid(m.dimension(), 8, 1.0);
  GroundStateResult r;
  double errorEstimate = 0;
  if (!cfg.grid && !warm) {
    GridSolution sol = solveOnAutomaticGrid(m, cfg.solver, cfg.auto_grid);
    grid = sol.grid;
    r = std::move(sol.result);
    errorEstimate = sol.error_estimate;
  } else {
    grid = cfg.grid ? *cfg.grid : warm->grid;
    EnergyFunctional f(m, grid, cfg.solver.threads, cfg.solver.measure);
    if (warm) {
      State u0 = transferState(warm->grid, warm->u, grid);
      r = groundState(f, cfg.solver, &u0);
    } else {
      r = groundState(f, cfg.solver);
    }
    errorEstimate = gridErrorEstimate(m, grid, r, cfg.solver);
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Json j = summaryJson(cfg, regime, grid, r, errorEstimate, wall);
  if (!r.converged)
    std::cerr << fmt::format("cbec: warning: not converged after {} iterations (residual {:.2e} > tolerance {:.1e})\n",
                             r.iterations, r.residual, cfg.solver.tolerance);
  if (!o.output.out_dir.empty()) {
    const std::filesystem::path dir(o.output.out_dir);
    writeState(dir / "state.h5", grid, names, r.u, {{"energy", r.energy}, {"residual", r.residual}});
    writeJsonFile(dir / "summary.json", j);
  }
  if (o.output.json) std::cout << dumpJson(j) << "\n";
  else printTable(j);
}

}  // namespace

void addGroundStateCommand(CLI::App& app) {
  auto o = std::make_shared<GroundStateCliOptions>();
  CLI::App* sub = app.add_subcommand("groundstate", "GP / Hartree ground state of a mixture (summary.json, state.h5)");
  sub->add_option("config", o->config, "configuration file (TOML, see INTERFACE.md)")->required();
  sub->add_option("--out", o->output.out_dir, "write DIR/summary.json and DIR/state.h5");
  sub->add_option("--threads", o->threads, "FFTW threads (overrides [solver] threads)")->check(CLI::Range(1, 256));
  sub->add_flag("--json", o->output.json, "print the summary as one JSON object on stdout");
  sub->callback([o] { run(*o); });
}

}  // namespace cbec::cli
