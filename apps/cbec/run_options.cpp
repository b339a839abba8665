// The `cbec` program's choices for what drivers may do besides computing (drivers/session.hpp).
#include "commands.hpp"

#include <cbec/io/progress.hpp>
#include <cbec/mpi/communicator.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#ifndef CBEC_PYTHON_DIR
#define CBEC_PYTHON_DIR "python"
#endif

namespace cbec::cli {

drivers::RunOptions cliRunOptions(const OutputOptions& output) {
  drivers::RunOptions run;
  run.out_dir = output.out_dir;
  run.progress = Progress::enabledOnThisTerminal();
  run.log = [](const std::string& line) { std::cerr << line << "\n"; };
  run.warn = [](const std::string& line) { std::cerr << "cbec: warning: " << line << "\n"; };
  run.figures.enabled = true;
  run.figures.scripts_dir = CBEC_PYTHON_DIR;
  // Debian's interpreter (python3-matplotlib lives there), unless CBEC_PYTHON names another.
  const char* env = std::getenv("CBEC_PYTHON");
  run.figures.python = env && *env ? env : (std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
  if (!mpi::Communicator::world().root()) {   // under mpirun rank 0 alone writes and talks
    run.out_dir.clear();
    run.progress = false;
    run.log = nullptr;
    run.warn = nullptr;
    run.figures.enabled = false;
  }
  return run;
}

}  // namespace cbec::cli
