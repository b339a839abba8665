// cbec qmc: ground-state diffusion Monte Carlo of H_N (M 1.1; INTERFACE.md, docs/qmc.md).
// Reads the configuration, calls drivers::qmc (Hartree trial, DMC per time step, extrapolation,
// summary.json, energy.csv), prints.
#include "commands.hpp"
#include "validators.hpp"

#include <cbec/drivers/qmc.hpp>

#include <fmt/format.h>

#include <iostream>

namespace cbec::cli {
namespace {

struct QmcCliOptions {
  std::string config;
  OutputOptions output;
  int threads = 0;
};

void printTable(const drivers::QmcRun& r) {
  fmt::print("E_N^Q = {:.10f} ± {:.2e} per particle  (total {:.10f}; {})\n", r.energy, r.energy_error,
             r.energy * r.particles, r.converged ? "converged" : "NOT converged");
  fmt::print("E^H   = {:.10f}  (trial state, grid {} points, box {})\n", r.hartree_energy, r.grid_points, r.grid_box);
  for (const auto& x : r.runs)
    fmt::print("  tau {:<8} E = {:.10f} ± {:.2e}  steps {}  acceptance {:.5f}  {:.2e} s/walker-step  {}\n",
               x.time_step, x.energy, x.energy_error, x.steps, x.acceptance, x.seconds_per_walker_step, x.stop);
  if (r.runs.size() > 1) fmt::print("  dE/dtau = {:.4e} ± {:.1e}\n", r.slope, r.slope_error);
  fmt::print("condensate fraction (<u|gamma|u>):");
  for (size_t s = 0; s < r.condensate_fraction.size(); ++s)
    fmt::print(" {:.6f} ± {:.1e}", r.condensate_fraction[s], r.condensate_fraction_error[s]);
  fmt::print("\n{:.3g} samples, {:.2f} s\n", r.samples, r.wall_seconds);
}

void run(const QmcCliOptions& o) {
  const QmcConfig cfg = readQmcConfig(ConfigTable::parseFile(o.config));
  drivers::RunOptions runOptions = cliRunOptions(o.output);
  runOptions.threads = o.threads;
  const drivers::QmcRun r = drivers::qmc(cfg, runOptions);
  if (o.output.json) std::cout << dumpJson(drivers::toJson(r)) << "\n";
  else printTable(r);
}

}  // namespace

void addQmcCommand(CLI::App& app) {
  auto o = std::make_shared<QmcCliOptions>();
  CLI::App* sub = app.add_subcommand("qmc", "ground-state diffusion Monte Carlo of the many-body mixture (E_N^Q ± error)");
  sub->add_option("config", o->config, "configuration file (TOML, see INTERFACE.md)")->required();
  sub->add_option("--out", o->output.out_dir, "write DIR/summary.json and DIR/energy.csv")->check(nonEmptyPath());
  sub->add_option("--threads", o->threads, "threads moving the walkers (overrides [qmc] threads)")
      ->check(integerIn(1, 256));
  sub->add_flag("--json", o->output.json, "print the summary as one JSON object on stdout");
  sub->callback([o] { run(*o); });
}

}  // namespace cbec::cli
