#pragma once
/// @file session.hpp
/// What a driver may do besides computing, all chosen by its caller (the `cbec` program's main(),
/// the Python module, a user's program). The library below the drivers has no side effects: no
/// files outside the requested output directory, no stderr output, no allocator tuning.
///
///   RunOptions      per call: output directory, FFTW threads, progress line, log and warning sinks,
///                   PNG figures
///   process set-up  once per process, by main() or the Python module: the FFTW wisdom file
///                   (discretisation/fftw_wisdom.hpp, default none) and the allocator policy
///
/// @code
///   cbec::drivers::RunOptions run;
///   run.out_dir = "out";                                   // summary.json, state.h5, ...
///   run.warn = [](const std::string& w) { std::cerr << "warning: " << w << "\n"; };
///   auto r = cbec::drivers::groundstate(config, run);
/// @endcode
#include <filesystem>
#include <functional>
#include <string>

namespace cbec::drivers {

/// PNG figures are drawn by the matplotlib scripts in `scripts_dir` (the project's python/), run by
/// `python`; a failure is reported through RunOptions::warn, never fatal.
struct FigureOptions {
  bool enabled = false;
  std::filesystem::path scripts_dir;
  std::string python = "/usr/bin/python3";
};

struct RunOptions {
  std::filesystem::path out_dir;      ///< write the command's output set there (created); empty: none
  int threads = 0;                    ///< threads of the transforms and pointwise passes; 0 keeps the configuration's value
  bool progress = false;              ///< a self-overwriting progress line on stderr
  std::function<void(const std::string&)> log;    ///< per-step lines (e.g. one per blow-up point)
  std::function<void(const std::string&)> warn;   ///< warnings (also kept in the result)
  FigureOptions figures;

  void info(const std::string& line) const { if (log) log(line); }
  void warning(const std::string& line) const { if (warn) warn(line); }
};

/// The `cbec` program's wisdom file: $CBEC_FFTW_WISDOM ("off" or empty: none), else
/// $XDG_CACHE_HOME/cbec/fftw-wisdom, else ~/.cache/cbec/fftw-wisdom.
std::filesystem::path defaultFftwWisdomFile();

/// Keep freed memory in the heap instead of returning it to the kernel (glibc mallopt): fields are
/// large transient arrays (16 MB at 128³) and returning them costs a page fault per 4 kB on every
/// reallocation (measured: 40% of the error-estimate time at 128³). A process-wide choice.
void keepFreedMemoryInHeap();

/// Runs `python scripts_dir/script dir`; false (with a warning) when it fails or figures are off.
bool drawFigures(const FigureOptions& figures, const std::string& script, const std::filesystem::path& dir,
                 const RunOptions& run);

}  // namespace cbec::drivers
