#include <cbec/io/progress.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace cbec {

bool Progress::enabledOnThisTerminal() {
  const char* off = std::getenv("CBEC_NO_PROGRESS");
  return ::isatty(STDERR_FILENO) && !(off && *off);
}

Progress::Progress(std::string label, long total, bool enabled)
    : label_(std::move(label)), total_(total), enabled_(enabled),
      start_(std::chrono::steady_clock::now()), last_(start_ - std::chrono::seconds(1)) {}

Progress::~Progress() { finish(); }

void Progress::update(long done, const std::string& status) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  std::string count = total_ > 0 ? fmt::format("{}/{}", done, total_) : fmt::format("{}", done);
  std::fprintf(stderr, "\r\033[K%s: %s  %s  [%.1fs]", label_.c_str(), count.c_str(), status.c_str(), secs);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish(const std::string& status) {
  if (!enabled_ || !drawn_) return;
  std::fprintf(stderr, "\r\033[K%s%s%s\n", label_.c_str(), status.empty() ? "" : ": ", status.c_str());
  drawn_ = false;
}

}  // namespace cbec
