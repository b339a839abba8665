#pragma once
/// @file progress.hpp
/// Progress display for long runs: one self-overwriting line on stderr, shown only when stderr
/// is a terminal (quiet in pipes, CI and tests), throttled to ~10 updates per second.
///
/// @code
///   cbec::Progress bar("ground state", maxIterations);
///   for (int it = 0; ...; ++it) bar.update(it, fmt::format("residual {:.2e}", r));
///   bar.finish();
/// @endcode
#include <chrono>
#include <string>

namespace cbec {

class Progress {
 public:
  Progress(std::string label, long total = 0);
  ~Progress();
  void update(long done, const std::string& status = "");
  void finish(const std::string& status = "");
  static bool enabledOnThisTerminal();

 private:
  std::string label_;
  long total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace cbec
