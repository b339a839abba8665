#pragma once
// The subcommands of the `cbec` program. Each lives in its own file (cmd_NAME.cpp), parses its
// options with CLI11, calls its library driver (include/cbec/drivers/NAME.hpp) and prints; it holds
// no physics and no pipeline of its own. A new subcommand registers with one line here and one in
// main.cpp.
#include <cbec/drivers/session.hpp>

#include <CLI/CLI.hpp>

#include <string>

namespace cbec::cli {

/// Shared flag: where a subcommand writes (stdout JSON, or DIR/summary.json ...).
struct OutputOptions {
  bool json = false;
  std::string out_dir;
};

/// The program's side-effect policy for a driver call (run_options.cpp): DIR from --out, a progress
/// line when stderr is a terminal, log lines and "cbec: warning: ..." on stderr, PNG figures drawn
/// by the scripts in python/ with Debian's python3 (or $CBEC_PYTHON).
drivers::RunOptions cliRunOptions(const OutputOptions& output);

void addSolitonCommand(CLI::App& app);
void addGroundStateCommand(CLI::App& app);
void addBlowupCommand(CLI::App& app);
void addMarginalsCommand(CLI::App& app);
void addEvolveCommand(CLI::App& app);
void addRatesCommand(CLI::App& app);
void addManybodyCommand(CLI::App& app);
void addBogoliubovCommand(CLI::App& app);
void addQmcCommand(CLI::App& app);
void addDemoCommand(CLI::App& app);
void addOpenCasesCommand(CLI::App& app);

}  // namespace cbec::cli
