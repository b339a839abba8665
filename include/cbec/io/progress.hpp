#pragma once
/// @file progress.hpp
/// Progress display for long runs: one self-overwriting line on stderr, throttled to ~10 updates
/// per second. Drawn only when the caller enables it (the library is silent by default): the `cbec`
/// program enables it when stderr is a terminal (enabledOnThisTerminal(); CBEC_NO_PROGRESS=1 turns
/// it off) and passes the choice down through the drivers' RunOptions.
///
/// @code
///   cbec::Progress bar("ground state", maxIterations, /*enabled=*/true);
///   for (int it = 0; ...; ++it) bar.update(it, fmt::format("residual {:.2e}", r));
///   bar.finish();
/// @endcode
#include <chrono>
#include <string>

namespace cbec {

class Progress {
 public:
  Progress(std::string label, long total = 0, bool enabled = false);
  ~Progress();
  void update(long done, const std::string& status = "");
  void finish(const std::string& status = "");
  /// stderr is a terminal and CBEC_NO_PROGRESS is unset (the `cbec` program's policy).
  static bool enabledOnThisTerminal();

 private:
  std::string label_;
  long total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace cbec
