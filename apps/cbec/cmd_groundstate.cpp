// cbec groundstate: mean-field (GP or Hartree) ground states of a mixture (MODEL.md §2, INTERFACE.md).
// Reads the configuration, calls drivers::groundstate (regime check, grid, solve, error estimate,
// summary.json and state.h5), prints the table or the JSON.
#include "commands.hpp"
#include "validators.hpp"

#include <cbec/drivers/groundstate.hpp>

#include <fmt/format.h>

#include <iostream>

namespace cbec::cli {
namespace {

struct GroundStateCliOptions {
  std::string config;
  OutputOptions output;
  int threads = 0;   ///< --threads: threads of the FFTs and pointwise passes, overrides [solver] threads
};

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
  const GroundStateConfig cfg = readGroundStateConfig(ConfigTable::parseFile(o.config));
  drivers::RunOptions runOptions = cliRunOptions(o.output);
  runOptions.threads = o.threads;
  const Json j = drivers::toJson(drivers::groundstate(cfg, runOptions));
  if (o.output.json) std::cout << dumpJson(j) << "\n";
  else printTable(j);
}

}  // namespace

void addGroundStateCommand(CLI::App& app) {
  auto o = std::make_shared<GroundStateCliOptions>();
  CLI::App* sub = app.add_subcommand("groundstate", "GP / Hartree ground state of a mixture (summary.json, state.h5)");
  sub->add_option("config", o->config, "configuration file (TOML, see INTERFACE.md)")->required();
  sub->add_option("--out", o->output.out_dir, "write DIR/summary.json and DIR/state.h5")->check(nonEmptyPath());
  sub->add_option("--threads", o->threads, "threads of the FFTs and pointwise passes (overrides [solver] threads)")->check(integerIn(1, 256));
  sub->add_flag("--json", o->output.json, "print the summary as one JSON object on stdout");
  sub->callback([o] { run(*o); });
}

}  // namespace cbec::cli
