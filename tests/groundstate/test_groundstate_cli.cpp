// `cbec groundstate` end to end: the INTERFACE.md keys, state.h5, warm start, and clear errors.
#include <cbec/config/config_table.hpp>
#include <cbec/config/groundstate_config.hpp>
#include <cbec/discretisation/state_file.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../support/cli_runner.hpp"

namespace fs = std::filesystem;
using cbec::testing::CliRun;
using cbec::testing::runCbec;

namespace {

fs::path scratch(const std::string& name) { return cbec::testing::scratchPath("gs-test", name); }
fs::path writeConfig(const std::string& name, const std::string& text) {
  return cbec::testing::writeConfigFile("gs-test", name, text);
}

const char* kTwoSpecies = R"(
[model]
dimension = 2
interaction = "contact"
[[species]]
name = "A"
fraction = 0.5
a = 3.0
trap = { power = 2.0, center = [0.0, 0.0] }
[[species]]
name = "B"
fraction = 0.5
a = 4.0
trap = { power = 2.0, center = [0.0, 0.0] }
[coupling]
a12 = 2.0
[grid]
points = 64
box = 14.0
)";

}  // namespace

TEST(GroundStateCli, SummaryHasTheInterfaceKeysAndStateFile) {
  const fs::path cfg = writeConfig("two", kTwoSpecies);
  const fs::path out = scratch("two-out");
  CliRun r = runCbec("groundstate " + cfg.string() + " --out " + out.string());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("E = "), std::string::npos);
  std::ifstream in(out / "summary.json");
  nlohmann::json j = nlohmann::json::parse(in);
  for (const char* key : {"energy", "mu", "residual", "iterations", "converged", "regime", "terms", "grid",
                          "error_estimate", "wall_seconds"})
    EXPECT_TRUE(j.contains(key)) << key;
  for (const char* key : {"kinetic", "trap", "intra", "inter"}) EXPECT_TRUE(j["terms"].contains(key)) << key;
  EXPECT_TRUE(j["grid"].contains("points") && j["grid"].contains("box"));
  EXPECT_EQ(j["regime"], "exists");
  EXPECT_TRUE(j["converged"].get<bool>());
  EXPECT_EQ(j["mu"].size(), 2u);
  EXPECT_EQ(j["terms"]["kinetic"].size(), 2u);
  EXPECT_TRUE(j["terms"]["inter"].is_number());
  EXPECT_LE(j["residual"].get<double>(), 1e-10);
  double sum = j["terms"]["inter"].get<double>();
  for (int s = 0; s < 2; ++s)
    sum += j["terms"]["kinetic"][s].get<double>() + j["terms"]["trap"][s].get<double>() + j["terms"]["intra"][s].get<double>();
  EXPECT_NEAR(sum, j["energy"].get<double>(), 1e-13);
  EXPECT_NEAR(j["energy"].get<double>(), 1.5941898883884, 1e-11);   // 256² reference on box 16
  EXPECT_LT(j["error_estimate"].get<double>(), 1e-9);
  // state.h5 reads back on the same grid
  cbec::StoredState st = cbec::readState(out / "state.h5", {"A", "B"});
  EXPECT_EQ(st.grid.points(), 64);
  EXPECT_NEAR(st.grid.box(), 14.0, 1e-12);
  EXPECT_NEAR(st.grid.norm(st.u[0]), 1.0, 1e-12);

  // --json on stdout; warm start from the state just written converges at once
  const fs::path warm = writeConfig("warm", std::string(kTwoSpecies) + "[solver]\nwarm_start = \"" +
                                               (out / "state.h5").string() + "\"\n");
  CliRun w = runCbec("groundstate " + warm.string() + " --json");
  ASSERT_EQ(w.status, 0) << w.err;
  nlohmann::json jw = nlohmann::json::parse(w.out);
  EXPECT_LE(jw["iterations"].get<long>(), 2);
  EXPECT_NEAR(jw["energy"].get<double>(), j["energy"].get<double>(), 1e-13);
}

TEST(GroundStateCli, GradientFlowMethodAndHartree) {
  const fs::path cfg = writeConfig("hartree", R"(
[model]
dimension = 1
interaction = "hartree"
profile = "gaussian"
beta = 0.3
N = 1000
[[species]]
a = 2.0
[grid]
points = 128
box = 16.0
[solver]
method = "gradient_flow"
tolerance = 1e-9
)");
  CliRun r = runCbec("groundstate " + cfg.string() + " --json");
  ASSERT_EQ(r.status, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["method"], "gradient_flow");
  EXPECT_TRUE(j["converged"].get<bool>());
  // the same Hartree problem solved in-process by the other method (PCG) on the same grid
  cbec::GroundStateConfig c = cbec::readGroundStateConfig(cbec::ConfigTable::parseFile(cfg));
  cbec::SolverOptions pcg;
  pcg.progress = false;
  pcg.measure = false;
  pcg.tolerance = 1e-11;
  const double reference = cbec::groundState(c.mixture, *c.grid, pcg).energy;
  EXPECT_NEAR(j["energy"].get<double>(), reference, 1e-8);
  EXPECT_LT(j["energy"].get<double>(), 1.0);   // attraction lowers the harmonic 1D energy 1
}

TEST(GroundStateCli, SupercriticalExitsWithStatusTwo) {
  const fs::path cfg = writeConfig("super", R"(
[model]
dimension = 2
[[species]]
fraction = 0.5
a = 12.0
[[species]]
fraction = 0.5
a = 1.0
[coupling]
a12 = 0.0
)");
  CliRun r = runCbec("groundstate " + cfg.string() + " --out " + scratch("super-out").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("a_*"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_FALSE(fs::exists(scratch("super-out") / "summary.json"));
  // 3D attractive contact as well
  const fs::path cfg3 = writeConfig("super3", "[model]\ndimension = 3\n[[species]]\na = 0.5\n");
  EXPECT_EQ(runCbec("groundstate " + cfg3.string() + " --json").status, 2);
}

TEST(GroundStateCli, UndeterminedWarnsAndSolves) {
  const fs::path cfg = writeConfig("undet", R"(
[model]
dimension = 2
[[species]]
fraction = 0.5
a = 11.0
[[species]]
fraction = 0.5
a = 5.0
[coupling]
a12 = 6.0
[grid]
points = 64
box = 12.0
[solver]
max_iterations = 3
)");
  CliRun r = runCbec("groundstate " + cfg.string() + " --json");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("undetermined"), std::string::npos) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["regime"], "undetermined");
}

TEST(GroundStateCli, BadConfigurationsNameTheKey) {
  struct Bad {
    const char* text;
    const char* mention;
  };
  const Bad cases[] = {
      {"[model]\ndimension = 2\nfoo = 1\n[[species]]\na = 1.0\n", "model.foo"},
      {"[model]\ndimension = 4\n[[species]]\na = 1.0\n", "model.dimension"},
      {"[[species]]\nfraction = 1.5\na = 1.0\n", "species[0].fraction"},
      {"[[species]]\nfraction = 0.5\n[[species]]\nfraction = 0.4\n", "sum to 1"},
      {"[[species]]\nfracton = 1.0\n", "species[0].fracton"},
      {"[[species]]\ntrap = { power = 2.0, center = [0.0] }\n", "species[0].trap.center"},
      {"[[species]]\ntrap = { power = -1.0 }\n", "species[0].trap.power"},
      {"[model]\ninteraction = \"hartree\"\nbeta = 0.3\n[[species]]\n", "model.N"},
      {"[model]\nbeta = 0.3\n[[species]]\n", "model.beta"},
      {"[[species]]\n[coupling]\na12 = 1.0\n", "coupling.a12"},
      {"[[species]]\n[grid]\npoints = 63\nbox = 10.0\n", "grid.points"},
      {"[[species]]\n[grid]\npoints = 64\n", "grid.box"},
      {"[[species]]\n[solver]\nmethod = \"newton\"\n", "solver.method"},
      {"[[species]]\n[solver]\nerror_estimate = \"exact\"\n", "solver.error_estimate"},
      {"[[species]]\n[solver]\nerror_estimate = 1\n", "solver.error_estimate"},
      {"[[species]]\n[solver]\ntolerance = -1.0\n", "solver.tolerance"},
      {"[model]\n", "species"},
  };
  int i = 0;
  for (const Bad& b : cases) {
    const fs::path cfg = writeConfig("bad" + std::to_string(i++), b.text);
    CliRun r = runCbec("groundstate " + cfg.string() + " --json");
    EXPECT_EQ(r.status, 1) << b.text;
    EXPECT_NE(r.err.find(b.mention), std::string::npos) << b.text << " -> " << r.err;
  }
}

// Issue 22 item 6 end to end: examples/groundstate-near-edge.toml (no [grid]) converges on an
// automatic grid that follows the state; before, it was refused ("needs 1519 points per direction").
TEST(GroundStateCli, NearTheEdgeOfExistenceConvergesWithoutAGrid) {
  CliRun r = runCbec("groundstate " + std::string(CBEC_SOURCE_DIR) + "/examples/groundstate-near-edge.toml --json");
  ASSERT_EQ(r.status, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["converged"].get<bool>());
  EXPECT_EQ(j["regime"], "exists");
  EXPECT_LT(j["error_estimate"].get<double>(), 1e-10);
  EXPECT_NEAR(j["energy"].get<double>(), 0.07517608327404, 1e-11);   // hand-given 1024² on box 6
  EXPECT_LE(j["grid"]["points"].get<int>(), 1024);
  EXPECT_LT(j["grid"]["box"].get<double>(), 13.5);
  // extra key: the grids tried, the first ones on the trap's box of 13.5
  ASSERT_TRUE(j.contains("grid_log"));
  EXPECT_GE(j["grid_log"].size(), 2u);
  EXPECT_NE(j["grid_log"][0].get<std::string>().find("box 13.5"), std::string::npos);
}
