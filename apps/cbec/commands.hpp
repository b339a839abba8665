#pragma once
// The subcommands of the `cbec` program. Each lives in its own file (cmd_NAME.cpp), parses its
// options with CLI11 and calls the library; it holds no physics of its own.
#include <CLI/CLI.hpp>

namespace cbec::cli {

/// Shared flag: where a subcommand writes (stdout JSON, or DIR/summary.json ...).
struct OutputOptions {
  bool json = false;
  std::string out_dir;
};

void addSolitonCommand(CLI::App& app);
void addGroundStateCommand(CLI::App& app);
void addBlowupCommand(CLI::App& app);
void addMarginalsCommand(CLI::App& app);

}  // namespace cbec::cli
