// cbec evolve: real-time mean-field dynamics (INTERFACE.md); the toy model of F §3 with its infinite-gap
// limit. Reads the configuration, calls drivers::evolve (summary.json, observables.csv, figures), prints.
#include "commands.hpp"
#include "validators.hpp"

#include <cbec/drivers/evolve.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>

namespace cbec::cli {
namespace {

struct EvolveCliOptions {
  std::string config;
  OutputOptions output;
  std::string resume;
  int threads = 0;
  bool figures = true;
};

void run(const EvolveCliOptions& o) {
  const EvolveConfig cfg = readEvolveConfig(ConfigTable::parseFile(o.config));
  if (o.output.out_dir.empty() && !o.output.json) throw InputError("--out DIR (or --json) is required");
  drivers::RunOptions runOptions = cliRunOptions(o.output);
  runOptions.figures.enabled = o.figures;
  runOptions.threads = o.threads;
  const drivers::EvolveResult r = drivers::evolve(cfg, runOptions, o.resume);
  if (o.output.json) {
    std::cout << dumpJson(drivers::toJson(r)) << "\n";
    return;
  }
  fmt::print("{}: {} steps ({} rejected), {} tolerance {:.1e}, drift: norm {:.2e} energy {:.2e}, {:.2f} s\n", r.kind,
             r.steps, r.rejected, r.integrator, r.tolerance, r.drift_norm, r.drift_energy, r.wall_seconds);
  const bool toy = !r.toy.snapshots.empty() || r.doublet.has_value();
  fmt::print("  {:>10} {:>20} {:>20} {:>20} {}\n", "t", "energy", "<|x|^2>", "|<u0,u>|^2",
             toy ? fmt::format("{:>20}", "Tr|g_nu - g_inf|") : "");
  for (size_t m = 0; m < r.times.size(); ++m)
    fmt::print("  {:>10.4g} {:>20.14g} {:>20.14g} {:>20.14g} {}\n", r.times[m], r.energy[m], r.x2[m], r.overlap[m],
               toy ? fmt::format("{:>20.10e}", r.doublet ? r.doublet->snapshots[m].distance : r.toy.snapshots[m].distance) : "");
  if (r.sweep)
    fmt::print("  sweep over nu: fitted exponent of sup_t distance {:.4f} (bound of F 3.16: -1/2)\n",
               r.sweep->fittedExponentSup);
  if (r.doublet_sweep) {
    const auto& w = *r.doublet_sweep;
    fmt::print("  sweep over nu ({} phases at most): distance (first-order prediction)\n", *std::max_element(w.phases.begin(), w.phases.end()));
    for (size_t k = 0; k < w.nu.size(); ++k) {
      fmt::print("  nu = {:<8g}", w.nu[k]);
      for (size_t m = 0; m < w.times.size(); ++m) fmt::print(" {:.4e} ({:.4e})", w.distance[k][m], w.predicted[k][m]);
      fmt::print("\n");
    }
    fmt::print("  fitted exponent per t:");
    for (double p : w.fittedExponent) fmt::print(" {:.4f}", p);
    fmt::print("; of sup_t: {:.4f} (bound of F 3.16: -1/2)\n", w.fittedExponentSup);
  }
  if (r.doublet) fmt::print("converged: {}\n", r.warnings.empty() ? "true" : "false");
}

}  // namespace

void addEvolveCommand(CLI::App& app) {
  auto o = std::make_shared<EvolveCliOptions>();
  CLI::App* sub = app.add_subcommand("evolve", "real-time mean-field dynamics; toy model of F §3 and its infinite-gap limit");
  sub->add_option("config", o->config, "configuration file (TOML, see INTERFACE.md)")->required();
  sub->add_option("--out", o->output.out_dir, "write DIR/summary.json, DIR/observables.csv and PNG figures")
      ->check(nonEmptyPath());
  sub->add_flag("--json", o->output.json, "print the summary as one JSON object on stdout");
  sub->add_option("--resume", o->resume, "continue the run checkpointed in DIR (same configuration)")
      ->check(nonEmptyPath());
  sub->add_option("--threads", o->threads, "FFTW threads")->check(integerIn(1, 256));
  sub->add_flag("!--no-figures", o->figures, "skip the PNG figures");
  sub->callback([o] { run(*o); });
}

}  // namespace cbec::cli
