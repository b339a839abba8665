// Issue 22 item 9, left from the hostile-input review: extreme [grid] box and couplings refused by name; a
// blow-up scan with one distance computes the point without a fit; an output set that cannot be committed
// leaves nothing of itself; trace distances bounded by 2 exactly; the build's Python interpreter is used.
#include <cbec/fragmentation/trace_norm.hpp>
#include <cbec/io/output.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "../support/cli_runner.hpp"
#include "../support/scratch_files.hpp"

namespace fs = std::filesystem;
using cbec::testing::CliRun;
using cbec::testing::runCbec;

namespace {

fs::path writeConfig(const std::string& name, const std::string& text) {
  return cbec::testing::writeConfigFile("hostile", name, text);
}

const char* kTwo = R"(
[model]
dimension = 2
[[species]]
name = "A"
fraction = 0.5
a = 3.0
[[species]]
name = "B"
fraction = 0.5
a = 4.0
[coupling]
a12 = 2.0
[grid]
points = 32
box = 12.0
)";

std::string replaced(std::string text, const std::string& what, const std::string& by) {
  return text.replace(text.find(what), what.size(), by);
}

}  // namespace

TEST(HostileInput, ExtremeBoxAndCouplingsAreRefusedByKey) {
  struct Bad {
    std::string text, mention;
  };
  const Bad cases[] = {
      {replaced(kTwo, "box = 12.0", "box = 1e300"), "grid.box"},
      {replaced(kTwo, "box = 12.0", "box = 1e-300"), "grid.box"},
      {replaced(kTwo, "a = 3.0", "a = -1e300"), "species[0].a"},
      {replaced(kTwo, "a12 = 2.0", "a12 = 1e300"), "coupling.a12"},
      // inside the box range, but a steep trap overflows at the corners: named by the box too
      {replaced(replaced(kTwo, "box = 12.0", "box = 1e5"), "a = 3.0", "a = 3.0\ntrap = { power = 60.0 }"), "grid.box"},
  };
  int i = 0;
  for (const Bad& b : cases) {
    const fs::path cfg = writeConfig("bad" + std::to_string(i++), b.text);
    for (const char* command : {"groundstate", "evolve"}) {
      if (std::string(command) == "evolve" && b.mention == "grid.box" && b.text.find("power = 60") != std::string::npos)
        continue;   // evolve limits the trap's frequency first
      const std::string text = std::string(command) == "evolve" ? b.text + "[evolution]\ntimes = [0.1]\n" : b.text;
      const fs::path c = writeConfig(std::string(command) + std::to_string(i), text);
      CliRun r = runCbec(std::string(command) + " " + c.string() + " --json");
      EXPECT_EQ(r.status, 1) << command << ": " << text << "\n" << r.output;
      EXPECT_NE(r.err.find(b.mention), std::string::npos) << command << ": " << b.mention << " not in: " << r.err;
      EXPECT_EQ(r.err.find("non-finite"), std::string::npos) << r.err;
    }
  }
}

TEST(HostileInput, BlowupWithOneDistanceComputesThePointWithoutAFit) {
  const fs::path cfg = writeConfig("blowup-one", R"(
[model]
dimension = 2
[[species]]
name = "A"
trap = { power = 2.0, center = [0.0, 0.0] }
[scan]
path = "theorem1"
distances = [1e-2]
)");
  const fs::path out = cbec::testing::freshScratchDir("hostile", "blowup-one-out");
  CliRun r = runCbec("blowup " + cfg.string() + " --out " + out.string() + " --no-figures");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.err.find("not fitted"), std::string::npos) << r.err;   // the warning says so
  std::ifstream in(out / "summary.json");
  const nlohmann::json j = nlohmann::json::parse(in);
  ASSERT_EQ(j["points"].size(), 1u);
  EXPECT_NEAR(j["points"][0]["ratio"].get<double>(), 1.0, 0.1);
  EXPECT_TRUE(j["fitted_exponent"].is_null());
  ASSERT_EQ(j["warnings"].size(), 1u);
  // an empty list is still refused by name
  const fs::path none = writeConfig("blowup-none", replaced(cbec::testing::slurp(cfg), "[1e-2]", "[]"));
  CliRun n = runCbec("blowup " + none.string() + " --json");
  EXPECT_EQ(n.status, 1);
  EXPECT_NE(n.err.find("scan.distances"), std::string::npos) << n.err;
}

TEST(HostileInput, AnOutputSetThatCannotBeCommittedLeavesNothingOfItself) {
  // the library: a directory where the staged summary.json goes
  const fs::path dir = cbec::testing::freshScratchDir("hostile", "commit");
  cbec::writeTextFile(dir / "state.h5", "earlier\n");
  fs::create_directories(dir / "summary.json" / "inside");
  {
    cbec::OutputSet out(dir);
    cbec::writeTextFile(out.staged("state.h5"), "new\n");
    cbec::writeTextFile(out.staged("summary.json"), "new\n");
    EXPECT_THROW(out.commit(), std::runtime_error);
  }
  EXPECT_EQ(cbec::testing::slurp(dir / "state.h5"), "earlier\n");   // the earlier file, not the new one
  EXPECT_TRUE(fs::is_directory(dir / "summary.json" / "inside"));
  for (const auto& e : fs::directory_iterator(dir))
    EXPECT_TRUE(e.path().filename() == "state.h5" || e.path().filename() == "summary.json") << e.path();
  // the command: no state.h5 appears when summary.json cannot be written
  const fs::path cmdDir = cbec::testing::freshScratchDir("hostile", "commit-cli");
  fs::create_directories(cmdDir / "summary.json");
  const fs::path cfg = writeConfig("commit-cli", kTwo);
  CliRun r = runCbec("groundstate " + cfg.string() + " --out " + cmdDir.string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("summary.json"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(cmdDir / "state.h5"));
  for (const auto& e : fs::directory_iterator(cmdDir)) EXPECT_EQ(e.path().filename(), "summary.json") << e.path();
}

TEST(HostileInput, TraceDistancesAreBoundedByTwoExactly) {
  // orthogonal pure states: Tr|P - Q| = 2; the eigenvalue sum may exceed it by round-off
  std::mt19937 gen(7);
  std::normal_distribution<double> g;
  int above = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const int n = 12;
    Eigen::VectorXcd x(n), y(n);
    for (int i = 0; i < n; ++i) x(i) = {g(gen), g(gen)}, y(i) = {g(gen), g(gen)};
    x.normalize();
    y -= x.dot(y) * x;
    y.normalize();
    const Eigen::MatrixXcd P = x * x.adjoint(), Q = y * y.adjoint();
    if (cbec::traceNorm(Eigen::MatrixXcd(P - Q)) > 2) ++above;
    const double d = cbec::traceDistance(P, Q);
    EXPECT_LE(d, 2.0);
    EXPECT_NEAR(d, 2.0, 1e-12);
  }
  std::printf("orthogonal pairs whose eigenvalue sum exceeds 2: %d of 200\n", above);
  EXPECT_EQ(cbec::boundedTraceDistance(2 + 1e-13), 2.0);
  EXPECT_EQ(cbec::boundedTraceDistance(2.1), 2.1);   // not round-off: left visible
  // the marginals command: fragmented against condensate mixture at N = 1 is a distance of 2 at most
  for (const char* args : {"--N 2 --occupations 1 1 --k 2", "--N 4 --occupations 2 2 --k 2", "--N 3 --occupations 1 1 1 --k 3"}) {
    CliRun r = runCbec(std::string("marginals ") + args + " --json");
    ASSERT_EQ(r.status, 0) << r.output;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    for (const auto& [name, d] : j["trace_distance"].items()) EXPECT_LE(d.get<double>(), 2.0) << args << " " << name;
  }
}

#ifdef CBEC_PYTHON
TEST(HostileInput, ScriptsUseTheInterpreterTheBuildFound) {
  // build/python/python: the build's interpreter with the package on PYTHONPATH, whatever PATH says
  const fs::path wrapper = fs::path(CBEC_BINARY).parent_path() / "python" / "python";
  if (!fs::exists(wrapper)) GTEST_SKIP() << "the Python module is not built";
  const fs::path fake = cbec::testing::freshScratchDir("hostile", "fake-path");
  {
    std::ofstream(fake / "python3") << "#!/bin/sh\necho 'No module named numpy' >&2\nexit 1\n";
    fs::permissions(fake / "python3", fs::perms::owner_all);
  }
  const std::string env = "env PATH=" + fake.string() + ":/usr/bin:/bin ";
  const std::string py = "\"import cbec, sys; print(sys.executable, round(cbec.townes().a_star, 6))\"";
  const std::string out = cbec::testing::captureCommand(env + wrapper.string() + " -c " + py);
  EXPECT_NE(out.find(CBEC_PYTHON), std::string::npos) << out;
  EXPECT_NE(out.find("11.700897"), std::string::npos) << out;
  // bench/vs-xmds2/run under an interpreter without numpy runs itself again under the build's
  const std::string run = std::string(CBEC_SOURCE_DIR) + "/bench/vs-xmds2/run";
  for (const char* candidate : {"python3"}) {
    const std::string probe = cbec::testing::captureCommand(std::string(candidate) + " -c 'import numpy' 2>&1; echo rc=$?");
    if (probe.find("rc=0") != std::string::npos) continue;   // this python3 has numpy: nothing to show
    const std::string which = cbec::testing::captureCommand(std::string(candidate) + " " + run + " --interpreter 2>&1");
    EXPECT_NE(which.find(std::string(CBEC_PYTHON) + " numpy=yes"), std::string::npos) << which;
    // and `import cbec` there names the build's interpreter instead of a bare "No module named numpy"
    const std::string imp = cbec::testing::captureCommand(
        "PYTHONPATH=" + fs::path(CBEC_BINARY).parent_path().string() + "/python " + candidate + " -c 'import cbec' 2>&1");
    EXPECT_NE(imp.find(CBEC_PYTHON), std::string::npos) << imp;
  }
}
#endif
