// The layer rule of docs/architecture.md: a file of include/cbec/<layer>/ or src/<layer>/ includes only its
// own layer and the layers below it. Every #include "cbec/..." / <cbec/...> (and every quoted relative
// include that resolves into another layer's folder) of every file below include/cbec and src is checked
// against kLayers, the one place the order is written; docs/architecture.md ("## Layers") lists the same
// order, which the last test checks. kForbidden adds the few headers a layer may not include although they
// lie below it (the config layer does not look at the machine's memory).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

/// The layers, highest first: a layer may include itself and anything after it. Headers at the top of
/// include/cbec/ (version.hpp, implemented in src/io/) count as io.
const std::vector<std::string> kLayers = {
    "drivers",        // one per command: parameters -> Result -> JSON, output sets, policies
    "config",         // the readers: TOML / JSON -> typed parameters
    "blowup",         // blow-up paths and scans
    "solver",         // ground states, automatic grid, error estimate
    "dynamics",       // real-time flows
    "hamiltonian",    // the mean-field Hamiltonian as a list of terms
    "manybody",       // few-mode (Galerkin) many-body model, Fock operators, flows
    "fragmentation",  // Fock/Dicke bases, fragmented states, exact marginals, trace norms
    "soliton",        // Townes profile, a_*, blow-up constants, the regime with the Townes a_*
    "discretisation", // grids, fields, FFTs, parallel passes, state files
    "model",          // species, traps, pair potentials, mixtures, the regime for a given a_*
    "mpi",            // the ranks of a run (MPI, PETSc/SLEPc set-up): below the physics, above io
    "io",             // errors, atomic writers, progress line, memory limit
    "numerics",       // quadrature, fits, extrapolation, ODE integrators: no physics
};

/// Headers a layer may not include although they lie below it, and why.
struct Forbidden {
  std::string layer, header, why;
};
const std::vector<Forbidden> kForbidden = {
    {"config", "cbec/io/memory_limit.hpp",
     "the config layer only reads: it records MemoryNeeds, the drivers compare them with the machine's memory"},
};

const fs::path kRoot = CBEC_SOURCE_DIR;

int rank(const std::string& layer) {
  const auto it = std::find(kLayers.begin(), kLayers.end(), layer);
  return it == kLayers.end() ? -1 : static_cast<int>(it - kLayers.begin());
}

/// The layer of a path below include/cbec or src (relative to kRoot), if it lies in one.
std::optional<std::string> layerOf(const fs::path& relative) {
  std::vector<std::string> parts;
  for (const auto& p : relative) parts.push_back(p.string());
  if (parts.size() >= 3 && parts[0] == "include" && parts[1] == "cbec") return parts.size() == 3 ? "io" : parts[2];
  if (parts.size() >= 3 && parts[0] == "src") return parts[1];
  return std::nullopt;
}

struct Include {
  int line;
  std::string text;    ///< as written, e.g. <cbec/solver/auto_grid.hpp>
  std::string layer;   ///< the layer it names
};

std::vector<Include> layerIncludes(const fs::path& file) {
  static const std::regex directive(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::vector<Include> out;
  std::ifstream in(file);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    std::smatch m;
    if (!std::regex_search(line, m, directive)) continue;
    const std::string target = m[2], written = std::string(m[1]) + target + (m[1] == "<" ? ">" : "\"");
    if (target.rfind("cbec/", 0) == 0) {
      if (auto layer = layerOf(fs::path("include") / target)) out.push_back({n, written, *layer});
    } else if (m[1] == "\"") {
      // a private header next to the file or reached by a relative path
      const fs::path resolved = (file.parent_path() / target).lexically_normal();
      if (auto layer = layerOf(resolved.lexically_relative(kRoot))) out.push_back({n, written, *layer});
    }
  }
  return out;
}

std::vector<fs::path> sourceFiles() {
  std::vector<fs::path> files;
  for (const char* top : {"include/cbec", "src"})
    for (const auto& e : fs::recursive_directory_iterator(kRoot / top)) {
      const std::string ext = e.path().extension().string();
      if (e.is_regular_file() && (ext == ".hpp" || ext == ".cpp" || ext == ".h")) files.push_back(e.path());
    }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Layers, EveryFolderIsALayer) {
  for (const char* top : {"include/cbec", "src"})
    for (const auto& e : fs::directory_iterator(kRoot / top))
      if (e.is_directory())
        EXPECT_GE(rank(e.path().filename().string()), 0)
            << (fs::path(top) / e.path().filename()).string() << "/ is not in kLayers (tests/reliability/test_layers.cpp)";
}

TEST(Layers, NoFileIncludesAHigherLayer) {
  const std::vector<fs::path> files = sourceFiles();
  ASSERT_GT(files.size(), 100u) << "no sources found below " << kRoot;
  std::ostringstream violations;
  int count = 0;
  for (const fs::path& file : files) {
    const fs::path relative = file.lexically_relative(kRoot);
    const std::optional<std::string> own = layerOf(relative);
    if (!own || rank(*own) < 0) continue;   // reported by EveryFolderIsALayer
    for (const Include& inc : layerIncludes(file)) {
      const int r = rank(inc.layer);
      if (r < 0)
        violations << relative.string() << ":" << inc.line << ": #include " << inc.text << " names no layer\n", ++count;
      else if (r < rank(*own))
        violations << relative.string() << ":" << inc.line << ": #include " << inc.text << " — " << *own
                   << "/ includes the higher layer " << inc.layer << "/\n",
            ++count;
      for (const Forbidden& f : kForbidden)
        if (f.layer == *own && inc.text.find(f.header) != std::string::npos)
          violations << relative.string() << ":" << inc.line << ": #include " << inc.text << " — " << f.why << "\n",
              ++count;
    }
  }
  EXPECT_EQ(count, 0) << violations.str();
}

TEST(Layers, ArchitectureDocumentListsTheSameOrder) {
  std::ifstream in(kRoot / "docs/architecture.md");
  ASSERT_TRUE(in) << "docs/architecture.md not found";
  static const std::regex entry(R"(^    ([a-z_]+)/\s)");
  std::vector<std::string> listed;
  std::string line;
  bool inLayers = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) {
      if (inLayers) break;
      inLayers = line == "## Layers";
      continue;
    }
    std::smatch m;
    if (inLayers && std::regex_search(line, m, entry)) listed.push_back(m[1]);
  }
  EXPECT_EQ(listed, kLayers) << "the layer list of docs/architecture.md (## Layers) differs from kLayers";
}

}  // namespace
