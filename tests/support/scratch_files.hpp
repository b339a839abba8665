// Scratch folders and output-set inspection shared by the tests that run whole commands.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace cbec::testing {

/// An empty folder <tmp>/cbec-<tag>-<pid>/<name>/ (emptied if a previous test left it).
inline std::filesystem::path freshScratchDir(const std::string& tag, const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path d = fs::temp_directory_path() / ("cbec-" + tag + "-" + std::to_string(::getpid())) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

/// The whole content of a file ("" if it cannot be read).
inline std::string slurp(const std::filesystem::path& p) {
  std::stringstream ss;
  ss << std::ifstream(p).rdbuf();
  return ss.str();
}

/// Temporary outputs left anywhere below `dir`: atomic writers' "*.tmp-PID" files and staging folders.
inline std::vector<std::string> leftoverTemporaries(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> found;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.find(".tmp-") != std::string::npos || name.find(".cbec-staging") != std::string::npos)
      found.push_back(it->path().string());
  }
  return found;
}

}  // namespace cbec::testing
