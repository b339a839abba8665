#pragma once
// Test support: run the `cbec` binary (CBEC_BINARY, defined by tests/CMakeLists.txt) with progress
// display off, and capture its exit status, stdout and stderr.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace cbec::testing {

struct CliRun {
  int status;          ///< exit status (-1 if killed by a signal)
  std::string out;     ///< stdout
  std::string err;     ///< stderr
  std::string output;  ///< stdout followed by stderr, for "the message names X" checks
};

/// `launcher` (e.g. "mpiexec -np 2") goes before the binary.
inline CliRun runCbec(const std::string& args, const std::string& launcher = "") {
  static std::atomic<int> counter{0};
  namespace fs = std::filesystem;
  const fs::path errFile = fs::temp_directory_path() /
                           ("cbec-test-stderr-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  const std::string cmd = std::string("CBEC_NO_PROGRESS=1 ") + launcher + (launcher.empty() ? "" : " ") + CBEC_BINARY + " " + args + " 2>" + errFile.string();
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  while (size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  const int st = ::pclose(p);
  std::stringstream err;
  err << std::ifstream(errFile).rdbuf();
  fs::remove(errFile);
  return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, out, err.str(), out + err.str()};
}

/// Runs a shell command line and returns its stdout (redirect stderr in the command to see it).
inline std::string captureCommand(const std::string& cmd) {
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return {};
  std::string out;
  std::array<char, 4096> buf{};
  while (size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  ::pclose(p);
  return out;
}

/// A path `name` inside the per-process scratch folder <tmp>/cbec-<tag>-<pid>/ (the folder is created).
inline std::filesystem::path scratchPath(const std::string& tag, const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path d = fs::temp_directory_path() / ("cbec-" + tag + "-" + std::to_string(::getpid())) / name;
  fs::create_directories(d.parent_path());
  return d;
}

/// Writes a configuration text to scratchPath(tag, name + ".toml") and returns its path.
inline std::filesystem::path writeConfigFile(const std::string& tag, const std::string& name,
                                             const std::string& text) {
  const std::filesystem::path p = scratchPath(tag, name + ".toml");
  std::ofstream(p) << text;
  return p;
}

}  // namespace cbec::testing
