#include <cbec/version.hpp>
#include <cbec/version_info.hpp>

#include <fmt/format.h>

namespace cbec {
std::string versionString() {
  return fmt::format("cbec {} (git {})", build::version, build::git_revision);
}
}  // namespace cbec
