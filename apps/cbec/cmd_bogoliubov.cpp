// cbec bogoliubov: the Bogoliubov correction e_B around the grid Hartree minimiser (INTERFACE.md).
// Reads the configuration, calls drivers::bogoliubov (grid Hartree, excitation basis, e_B with mode and grid
// convergence, N sweep, summary.json, sweep.csv), prints.
#include "commands.hpp"
#include "validators.hpp"

#include <cbec/drivers/bogoliubov.hpp>

#include <fmt/format.h>

#include <iostream>

namespace cbec::cli {
namespace {

struct BogoliubovCliOptions {
  std::string config;
  OutputOptions output;
  int threads = 0;
};

void printTable(const drivers::BogoliubovRun& r) {
  fmt::print("  {:>12} {:>22} {:>10} {:>20} {:>12} {:>12} {:>6} {}\n", "N", "e_B", "±", "E^H", "depletion", "e_1", "grid",
             "");
  for (const auto& p : r.points) {
    double dep = 0;
    for (double x : p.depletion) dep += x;
    fmt::print("  {:>12.6g} {:>22.14g} {:>10.2e} {:>20.14g} {:>12.6g} {:>12.6g} {:>6} {}\n", p.N, p.e_B, p.uncertainty,
               p.hartree_energy, dep, p.excitations.empty() ? NAN : p.excitations[0], p.points,
               p.converged ? "" : "NOT converged");
  }
  fmt::print("{} modes per species; {:.2f} s\n", r.modes, r.wall_seconds);
}

void run(const BogoliubovCliOptions& o) {
  const BogoliubovConfig cfg = readBogoliubovConfig(ConfigTable::parseFile(o.config));
  drivers::RunOptions runOptions = cliRunOptions(o.output);
  runOptions.threads = o.threads;
  const drivers::BogoliubovRun r = drivers::bogoliubov(cfg, runOptions);
  if (o.output.json) std::cout << dumpJson(drivers::toJson(r)) << "\n";
  else printTable(r);
}

}  // namespace

void addBogoliubovCommand(CLI::App& app) {
  auto o = std::make_shared<BogoliubovCliOptions>();
  CLI::App* sub = app.add_subcommand("bogoliubov", "Bogoliubov correction e_B around the grid Hartree minimiser");
  sub->add_option("config", o->config, "configuration file (TOML, a cbec manybody configuration, see INTERFACE.md)")
      ->required();
  sub->add_option("--out", o->output.out_dir, "write DIR/summary.json and DIR/sweep.csv")->check(nonEmptyPath());
  sub->add_option("--threads", o->threads, "threads of the FFTs and pointwise passes")->check(integerIn(1, 256));
  sub->add_flag("--json", o->output.json, "print the summary as one JSON object on stdout");
  sub->callback([o] { run(*o); });
}

}  // namespace cbec::cli
