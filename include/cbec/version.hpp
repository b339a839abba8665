#pragma once
/// @file version.hpp
/// Library version and the git revision it was built from (shown by `cbec --version`).
#include <string>

namespace cbec {
std::string versionString();   ///< e.g. "cbec 0.1.0 (git 1a2b3c4d5e6f)"
}
