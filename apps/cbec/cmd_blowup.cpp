// cbec blowup: ground states along a path to criticality (M Theorems 1–3, MODEL.md §3, INTERFACE.md).
// Reads the configuration, calls drivers::blowup (scan, summary.json, scan.csv, PNG figures), prints.
#include "commands.hpp"
#include "validators.hpp"

#include <cbec/drivers/blowup.hpp>

#include <fmt/format.h>

#include <cmath>

#include <iostream>

namespace cbec::cli {
namespace {

struct BlowupCliOptions {
  std::string config;
  OutputOptions output;
  int threads = 0;   ///< --threads: FFTW threads, overrides [solver] threads
  bool figures = true;
};

void run(const BlowupCliOptions& o) {
  const BlowupConfig cfg = readBlowupConfig(ConfigTable::parseFile(o.config));
  if (o.output.out_dir.empty() && !o.output.json) throw InputError("--out DIR (or --json) is required");
  drivers::RunOptions runOptions = cliRunOptions(o.output);
  runOptions.threads = o.threads;
  runOptions.figures.enabled = o.figures;
  const BlowupScan scan = drivers::blowup(cfg, runOptions);
  if (o.output.json) {
    std::cout << dumpJson(drivers::toJson(scan)) << "\n";
    return;
  }
  if (std::isfinite(scan.fitted_exponent))
    fmt::print("{}: E ~ d^{:.6f} fitted (expected {:.6f}), limit constant {:.12g}\n", scan.path,
               scan.fitted_exponent, scan.expected_exponent, scan.limit_constant);
  else   // one distance: no fit (the warning says so on stderr)
    fmt::print("{}: exponent of E in d not fitted (one distance; expected {:.6f}), limit constant {:.12g}\n", scan.path,
               scan.expected_exponent, scan.limit_constant);
  if (scan.joint)
    fmt::print("joint limit (Hartree): beta = {}, gamma = {} ({} the theorem's window gamma < {:.6g}; Hartree crossover "
               "gamma_H = {:.6g})\n", scan.beta, scan.gamma, scan.in_window ? "inside" : "OUTSIDE", scan.window,
               scan.crossover);
  if (scan.difference_fitted)
    fmt::print("||rho1~ - rho2~||_2 ~ d^{:.6f} fitted (bound (M 4.6): d^{:.2f}; linear response: d^{:.0f})\n",
               scan.difference_fitted_exponent, scan.difference_bound_exponent, scan.difference_linear_exponent);
  if (scan.joint) {
    fmt::print("  {:>10} {:>10} {:>20} {:>20} {:>14} {:>14} {:>12}\n", "N", "d", "E^H", "predicted", "ratio",
               "E^H/E^GP", "rho L1 err");
    for (const BlowupPoint& p : scan.points)
      fmt::print("  {:>10.4g} {:>10.3e} {:>20.12g} {:>20.12g} {:>14.10f} {:>14.10f} {:>12.3e}\n", p.N, p.distance,
                 p.energy, p.predicted, p.ratio, p.gp_compared ? p.hartree_gp_ratio : std::nan(""),
                 p.density_error_L1[0]);
    if (!scan.points.empty() && scan.points[0].has_bogoliubov) {
      fmt::print("  Bogoliubov (N E_N^Q = N E^H + e_B + o(1)):\n  {:>10} {:>16} {:>10} {:>12} {:>12} {:>14} {:>12} {:>6}\n",
                 "N", "e_B(M)+tail", "+-", "tail", "e_B/(N E^H)", "N(E^H-E^GP)", "-e_B/N/gap", "conv");
      for (const BlowupPoint& p : scan.points) {
        const auto& b = p.bogoliubov;
        const double gap = p.gp_compared ? p.energy - p.gp_energy : std::nan("");
        const double best = std::isfinite(b.e_B_corrected) ? b.e_B_corrected : b.e_B;
        fmt::print("  {:>10.4g} {:>16.10g} {:>10.2e} {:>12.4g} {:>12.3e} {:>14.6g} {:>12.3e} {:>6}\n", p.N, best,
                   std::isfinite(b.e_B_corrected) ? b.corrected_uncertainty : b.uncertainty, b.tail,
                   best / (p.N * p.energy), p.N * gap, -best / (p.N * gap),
                   b.converged ? "yes" : "no");
      }
    }
    return;
  }
  fmt::print("  {:>10} {:>20} {:>20} {:>14} {:>12} {:>12}\n", "d", "E", "predicted", "ratio", "L2 error", "H1 error");
  for (const BlowupPoint& p : scan.points)
    fmt::print("  {:>10.3e} {:>20.12g} {:>20.12g} {:>14.10f} {:>12.3e} {:>12.3e}\n", p.distance, p.energy,
               p.predicted, p.ratio, p.error_L2[0], p.error_H1[0]);
}

}  // namespace

void addBlowupCommand(CLI::App& app) {
  auto o = std::make_shared<BlowupCliOptions>();
  CLI::App* sub = app.add_subcommand("blowup", "scan ground states towards the critical coupling (Theorems 1-3, straight paths, Hartree joint limit)");
  sub->add_option("config", o->config, "configuration file (TOML with [scan], see INTERFACE.md)")->required();
  sub->add_option("--out", o->output.out_dir, "write DIR/summary.json, DIR/scan.csv and PNG figures")->check(nonEmptyPath());
  sub->add_option("--threads", o->threads, "FFTW threads (overrides [solver] threads)")->check(integerIn(1, 256));
  sub->add_flag("--json", o->output.json, "print the summary as one JSON object on stdout");
  sub->add_flag("!--no-figures", o->figures, "skip the PNG figures");
  sub->callback([o] { run(*o); });
}

}  // namespace cbec::cli
