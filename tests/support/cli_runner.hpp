#pragma once
// Test support: run the `cbec` binary (CBEC_BINARY, defined by tests/CMakeLists.txt) and capture
// its exit status and combined stdout+stderr.
#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace cbec::testing {

struct CliRun {
  int status;          ///< exit status
  std::string output;  ///< stdout and stderr together
};

inline CliRun runCbec(const std::string& args, bool with_stderr = true) {
  std::string cmd = std::string(CBEC_BINARY) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int st = pclose(p);
  return {WEXITSTATUS(st), out};
}

}  // namespace cbec::testing
