#include <cbec/drivers/session.hpp>

#include <fmt/format.h>

#include <malloc.h>

#include <cstdlib>

namespace cbec::drivers {

std::filesystem::path defaultFftwWisdomFile() {
  if (const char* w = std::getenv("CBEC_FFTW_WISDOM")) {
    const std::string v = w;
    return (v == "off" || v.empty()) ? std::filesystem::path() : std::filesystem::path(v);
  }
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::filesystem::path(x) / "cbec" / "fftw-wisdom";
  if (const char* h = std::getenv("HOME"); h && *h) return std::filesystem::path(h) / ".cache" / "cbec" / "fftw-wisdom";
  return {};
}

void keepFreedMemoryInHeap() {
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

bool drawFigures(const FigureOptions& f, const std::string& script, const std::filesystem::path& dir,
                 const RunOptions& run) {
  if (!f.enabled) return false;
  const std::string cmd = fmt::format("'{}' '{}' '{}'", f.python, (f.scripts_dir / script).string(), dir.string());
  if (std::system(cmd.c_str()) == 0) return true;
  run.warning(fmt::format("figures not produced (needs python3-matplotlib; ran: {})", cmd));
  return false;
}

}  // namespace cbec::drivers
