#pragma once
/// @file memory_limit.hpp
/// Refusing work that cannot fit in memory before anything is allocated.
///
/// The limit is the memory this process may use: MemAvailable from /proc/meminfo (what the kernel
/// can hand out without swapping), capped by a cgroup limit (memory.max, cgroup v2 or v1) and by
/// RLIMIT_AS; sysconf(_SC_PHYS_PAGES) when /proc is absent. `CBEC_MEMORY_LIMIT` (bytes, e.g. "2e9")
/// overrides it (for tests and shared machines).
///
/// @code
///   cbec::requireMemory(cbec::groundStateBytes(d, n, S), "grid.points = 100000");
///   // InputError: "grid.points = 100000: needs about 1.6e+11 bytes (149 GiB), more than the
///   //              4.2e+09 bytes (3.9 GiB) of memory available"
/// @endcode
#include <cstdint>
#include <string>

namespace cbec {

/// Bytes of memory this process can use now (see above).
double availableMemoryBytes();

/// "1.6e+11 bytes (149 GiB)".
std::string describeBytes(double bytes);

/// InputError naming `item` with the estimate and the limit when estimate_bytes exceeds
/// `fraction` of availableMemoryBytes().
void requireMemory(double estimate_bytes, const std::string& item, double fraction = 0.9);

}  // namespace cbec
