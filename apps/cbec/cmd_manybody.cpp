// cbec manybody: finite-N many-body ground states of mixtures (M 1.1, 1.6; INTERFACE.md).
// Reads the configuration, calls drivers::manybody (basis ladder, Hartree, Bogoliubov, marginals, N sweep,
// summary.json, CSV and figure), prints.
#include "commands.hpp"
#include "validators.hpp"

#include <cbec/drivers/manybody.hpp>

#include <fmt/format.h>

#include <iostream>

namespace cbec::cli {
namespace {

struct ManybodyCliOptions {
  std::string config;
  OutputOptions output;
  int threads = 0;
  bool figures = true;
};

void printTable(const drivers::ManybodyRun& r) {
  const FiniteNResult& x = r.result();
  fmt::print("E_N^Q = {:.15g}  (total {:.15g}; extrapolated {:.15g} ± {:.1e}; {})\n", x.energy, x.energy_total,
             r.extrapolated_energy, r.extrapolation_uncertainty, r.converged ? "converged" : "NOT converged");
  fmt::print("E^H   = {:.15g}  (same modes)", x.hartree.energy);
  if (r.grid_hartree_energy) fmt::print(";  grid {:.15g}", *r.grid_hartree_energy);
  fmt::print("\nBogoliubov e_B = {:.10g}, N(E_N^Q - E^H) = {:.10g}\n", x.bogoliubov.e_B,
             (x.energy - x.hartree.energy) * (x.energy_total / x.energy));
  fmt::print("shells {}, sector dimension {}, Lanczos residual {:.1e}; condensate fraction", x.shells, x.dimension,
             x.residual);
  for (double f : x.condensate_fraction) fmt::print(" {:.10f}", f);
  fmt::print("\n");
  if (!r.sweep.empty()) {
    fmt::print("  {:>6} {:>10} {:>20} {:>20} {:>14} {:>14}\n", "N", "dimension", "E_N^Q", "E^H", "E^H - E^Q", "-e_B/N");
    for (const auto& p : r.sweep)
      fmt::print("  {:>6} {:>10} {:>20.14g} {:>20.14g} {:>14.6e} {:>14.6e}\n", p.N, p.dimension, p.energy,
                 p.hartree_energy, p.difference, -p.e_B / p.N);
    fmt::print("  fit: E^H - E_N^Q = {:.6g} N^{:.4f}\n", r.fitted_constant, r.fitted_power);
  }
  fmt::print("{:.2f} s\n", r.wall_seconds);
}

void run(const ManybodyCliOptions& o) {
  const ManybodyConfig cfg = readManybodyConfig(ConfigTable::parseFile(o.config));
  drivers::RunOptions runOptions = cliRunOptions(o.output);
  runOptions.threads = o.threads;
  runOptions.figures.enabled = o.figures;
  const drivers::ManybodyRun r = drivers::manybody(cfg, runOptions);
  if (o.output.json) std::cout << dumpJson(drivers::toJson(r)) << "\n";
  else printTable(r);
}

}  // namespace

void addManybodyCommand(CLI::App& app) {
  auto o = std::make_shared<ManybodyCliOptions>();
  CLI::App* sub = app.add_subcommand("manybody", "finite-N many-body ground state of a mixture (E_N^Q, E^H, marginals)");
  sub->add_option("config", o->config, "configuration file (TOML, see INTERFACE.md)")->required();
  sub->add_option("--out", o->output.out_dir, "write DIR/summary.json, DIR/ladder.csv, DIR/sweep.csv and a figure")
      ->check(nonEmptyPath());
  sub->add_option("--threads", o->threads, "row blocks applied concurrently (overrides [solver] threads)")
      ->check(integerIn(1, 256));
  sub->add_flag("--json", o->output.json, "print the summary as one JSON object on stdout");
  sub->add_flag("!--no-figures", o->figures, "skip the PNG figure");
  sub->callback([o] { run(*o); });
}

}  // namespace cbec::cli
