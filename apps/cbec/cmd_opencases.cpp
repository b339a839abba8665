// cbec opencases: the mixture paper's open GP cases (issue 22 items 3-5, docs/open-cases.md).
// Reads the configuration, calls drivers::openCases (summary.json, <case>.csv, PNG figures), prints.
#include "commands.hpp"
#include "validators.hpp"

#include <cbec/drivers/open_cases.hpp>

#include <fmt/format.h>

#include <iostream>

namespace cbec::cli {
namespace {

struct OpenCasesCliOptions {
  std::string config;
  OutputOptions output;
  int threads = 0;
  bool figures = true;
};

std::string show(const Json& j, const char* fmtSpec = "{:.6g}") {
  return j.is_number() ? fmt::format(fmt::runtime(fmtSpec), j.get<double>()) : std::string("-");
}

void run(const OpenCasesCliOptions& o) {
  const OpenCasesConfig cfg = readOpenCasesConfig(ConfigTable::parseFile(o.config));
  if (o.output.out_dir.empty() && !o.output.json) throw InputError("--out DIR (or --json) is required");
  drivers::RunOptions runOptions = cliRunOptions(o.output);
  runOptions.threads = o.threads;
  runOptions.figures.enabled = o.figures;
  const Json s = drivers::openCases(cfg, runOptions);
  if (o.output.json) {
    std::cout << dumpJson(s) << "\n";
    return;
  }
  if (cfg.study == "cross_term") {
    fmt::print("cross term E - c1E1 - c2E2 along the theorem3 path, |z1 - z2| = {}, a12 = {}\n",
               s["separation"].get<double>(), s["a12"].get<double>());
    fmt::print("  {:>9} {:>10} {:>10} {:>22} {:>22} {:>11}\n", "d", "ell1", "kappa1*D", "Delta (direct)",
               "E-c1E1-c2E2", "rel. diff");
    for (const auto& p : s["path"])
      fmt::print("  {:>9.2e} {:>10.5g} {:>10.5g} {:>22} {:>22} {:>11}\n", p["distance"].get<double>(),
                 p["ell"][0].get<double>(), p["kappa"][0].get<double>() * p["separation"].get<double>(),
                 show(p["direct"], "{:.12e}"), show(p["energy_difference"], "{:.12e}"),
                 show(p["relative_difference"], "{:.2e}"));
    fmt::print("  fit log Δ = A + k log ℓ - s ℓ: s = {}, s/|z1-z2| = {} (sharp prediction 2), δ₀ = {}, k = {}\n",
               show(s["path_fit"]["rate"]), show(s["path_rate_per_separation"]), show(s["delta0_fitted"]),
               show(s["path_fit"]["power"]));
  } else if (cfg.study == "coincident") {
    for (const auto& p : s["points"]) {
      fmt::print("d = {:.2e}: lowest \"{}\"\n", p["distance"].get<double>(), p["lowest"].get<std::string>());
      for (const auto& c : p["starts"])
        fmt::print("  {:<16} E = {:.12g}  E/(c1E1+c2E2) = {:.6f}  ℓ|x1-x2| = {:.4f}\n", c["start"].get<std::string>(),
                   c["energy"].get<double>(), c["ratio"].get<double>(), c["separation_scaled"].get<double>());
    }
  } else {
    fmt::print("window [{:.6f}, {:.6f}] (Theorem 6 bounds); threshold bracket [{}, {}], E^((p+2)/p) extrapolation {}\n",
               s["lower_bound"].get<double>(), s["upper_bound"].get<double>(), show(s["bracket"][0], "{:.6f}"),
               show(s["bracket"][1], "{:.6f}"), show(s["threshold_fit"], "{:.6f}"));
    for (const auto& p : s["points"])
      fmt::print("  a12 = {:.6f}  {:<12} {:<10} E = {}  ℓ = {}\n", p["a12"].get<double>(), p["regime"].get<std::string>(),
                 p["verdict"].get<std::string>(), show(p["energy"], "{:.10g}"), show(p["ell"]));
  }
}

}  // namespace

void addOpenCasesCommand(CLI::App& app) {
  auto o = std::make_shared<OpenCasesCliOptions>();
  CLI::App* sub = app.add_subcommand("opencases", "the mixture paper's open GP cases: cross term, z1 = z2, existence window");
  sub->add_option("config", o->config, "configuration file (TOML with [study], see docs/open-cases.md)")->required();
  sub->add_option("--out", o->output.out_dir, "write DIR/summary.json, DIR/<case>.csv and PNG figures")->check(nonEmptyPath());
  sub->add_option("--threads", o->threads, "FFTW threads (overrides [solver] threads)")->check(integerIn(1, 256));
  sub->add_flag("--json", o->output.json, "print the summary as one JSON object on stdout");
  sub->add_flag("!--no-figures", o->figures, "skip the PNG figures");
  sub->callback([o] { run(*o); });
}

}  // namespace cbec::cli
