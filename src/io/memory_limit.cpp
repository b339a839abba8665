#include <cbec/io/memory_limit.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace cbec {
namespace {

/// A positive number of bytes from a file's first token ("max" or a missing file: none).
double readLimitFile(const char* path) {
  std::ifstream in(path);
  std::string token;
  if (!(in >> token) || token == "max") return INFINITY;
  char* end = nullptr;
  const double v = std::strtod(token.c_str(), &end);
  return (end && *end == '\0' && v > 0) ? v : INFINITY;
}

double memAvailable() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    std::string key;
    double kb = 0;
    if (ss >> key >> kb && key == "MemAvailable:") return kb * 1024.0;
  }
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) : INFINITY;
}

}  // namespace

double availableMemoryBytes() {
  if (const char* env = std::getenv("CBEC_MEMORY_LIMIT"); env && *env) {
    char* end = nullptr;
    const double v = std::strtod(env, &end);
    if (end && *end == '\0' && v > 0 && std::isfinite(v)) return v;
  }
  double limit = memAvailable();
  limit = std::min(limit, readLimitFile("/sys/fs/cgroup/memory.max"));
  limit = std::min(limit, readLimitFile("/sys/fs/cgroup/memory/memory.limit_in_bytes"));
  rlimit rl{};
  if (::getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    limit = std::min(limit, static_cast<double>(rl.rlim_cur));
  return limit;
}

std::string describeBytes(double bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double v = bytes;
  int u = 0;
  while (v >= 1024 && u < 6) { v /= 1024; ++u; }
  if (!std::isfinite(bytes)) return "unbounded bytes";
  return u == 0 ? fmt::format("{:.0f} bytes", bytes) : fmt::format("{:.3g} bytes ({:.3g} {})", bytes, v, units[u]);
}

void requireMemory(double estimate_bytes, const std::string& item, double fraction) {
  const double limit = fraction * availableMemoryBytes();
  if (!(estimate_bytes <= limit))
    throw InputError(fmt::format("{}: needs about {}, more than the {} of memory available", item,
                                 describeBytes(estimate_bytes), describeBytes(limit)));
}

}  // namespace cbec
