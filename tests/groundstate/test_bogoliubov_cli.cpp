// `cbec bogoliubov` end to end: the INTERFACE.md keys (scalars, and arrays over N with [bogoliubov] N), the Kohn
// mode of a harmonic trap, honest `converged`, and clear errors for bad input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "../support/cli_runner.hpp"

namespace fs = std::filesystem;
using cbec::testing::runCbec;

namespace {

fs::path scratch(const std::string& name) { return cbec::testing::scratchPath("bog-test", name); }
fs::path writeConfig(const std::string& name, const std::string& text) {
  return cbec::testing::writeConfigFile("bog-test", name, text);
}

// 1D two species in the same harmonic trap (V = x², one-body level spacing 2), Gaussian w.
const char* kModel = R"(
[model]
dimension = 1
interaction = "hartree"
profile = "gaussian"
beta = 0.0

[[species]]
name = "A"
particles = 3
a = 2.0

[[species]]
name = "B"
particles = 2
a = 1.0

[coupling]
a12 = 1.5
)";

nlohmann::json summary(const fs::path& out) {
  std::ifstream in(out / "summary.json");
  return nlohmann::json::parse(in);
}

TEST(BogoliubovCli, SummaryHasTheInterfaceKeysAndTheKohnMode) {
  const fs::path cfg = writeConfig("single", std::string(kModel) + "[bogoliubov]\nmodes = 64\ntolerance = 1e-6\n");
  const fs::path out = scratch("single-out");
  const auto run = runCbec("bogoliubov " + cfg.string() + " --out " + out.string());
  ASSERT_EQ(run.status, 0) << run.output;
  const auto j = summary(out);
  for (const char* k : {"e_B", "hartree_energy", "depletion", "excitations", "uncertainty", "converged", "wall_seconds"})
    EXPECT_TRUE(j.contains(k)) << k;
  EXPECT_TRUE(j["converged"].get<bool>()) << j.dump(1);
  EXPECT_LT(j["e_B"].get<double>(), 0.0);
  EXPECT_LT(j["uncertainty"].get<double>(), 1e-6 * std::abs(j["e_B"].get<double>()));
  ASSERT_EQ(j["depletion"].size(), 2u);
  EXPECT_GT(j["depletion"][0].get<double>(), 0.0);
  EXPECT_GT(j["depletion"][1].get<double>(), 0.0);
  // Kohn's theorem: the centre-of-mass oscillation of a harmonically trapped system with translation-invariant
  // interactions has frequency exactly 2 (the one-body spacing), and the Bogoliubov (RPA) spectrum keeps it.
  bool kohn = false;
  for (const auto& e : j["excitations"]) kohn = kohn || std::abs(e.get<double>() - 2.0) < 1e-9;
  EXPECT_TRUE(kohn) << j["excitations"].dump();
  EXPECT_TRUE(fs::exists(out / "sweep.csv"));
}

TEST(BogoliubovCli, SweepGivesArraysOverN) {
  const fs::path cfg = writeConfig("sweep", std::string(kModel) + "[bogoliubov]\nN = [10, 1000]\nmodes = 32\n");
  const auto run = runCbec("bogoliubov " + cfg.string() + " --json");
  ASSERT_EQ(run.status, 0) << run.output;
  const auto j = nlohmann::json::parse(run.out);
  for (const char* k : {"e_B", "hartree_energy", "depletion", "excitations", "uncertainty", "converged"}) {
    ASSERT_TRUE(j[k].is_array()) << k;
    EXPECT_EQ(j[k].size(), 2u) << k;
  }
  // β = 0 and the "N-1" scaling: the Hartree functional does not depend on N, nor does e_B.
  EXPECT_NEAR(j["hartree_energy"][0].get<double>(), j["hartree_energy"][1].get<double>(), 1e-10);
  EXPECT_NEAR(j["e_B"][0].get<double>(), j["e_B"][1].get<double>(), 1e-9);
}

TEST(BogoliubovCli, UnconvergedIsSaidAndWarned) {
  const fs::path cfg =
      writeConfig("loose", std::string(kModel) + "[bogoliubov]\nmodes = 8\nrungs = 3\ntolerance = 1e-12\n");
  const auto run = runCbec("bogoliubov " + cfg.string() + " --json");
  ASSERT_EQ(run.status, 0) << run.output;
  const auto j = nlohmann::json::parse(run.out);
  EXPECT_FALSE(j["converged"].get<bool>());
  EXPECT_FALSE(j["warnings"].empty());
  EXPECT_NE(run.err.find("not converged"), std::string::npos) << run.err;
}

TEST(BogoliubovCli, BadInputIsAnErrorNamingTheKey) {
  struct Case {
    const char* table;
    const char* key;
  };
  for (const Case& c : {Case{"[bogoliubov]\nmodez = 4\n", "bogoliubov.modez"},
                        Case{"[bogoliubov]\nN = [10, -5]\n", "bogoliubov.N"},
                        Case{"[bogoliubov]\nN = [0]\n", "bogoliubov.N"},
                        Case{"[bogoliubov]\nmodes = 2\n", "bogoliubov.modes"},
                        Case{"[bogoliubov]\nrungs = 0\n", "bogoliubov.rungs"},
                        Case{"[bogoliubov]\ntolerance = 0\n", "bogoliubov.tolerance"},
                        Case{"[bogoliubov]\nmodes = 64\n[grid]\npoints = 64\n", "bogoliubov.modes"}}) {
    const fs::path cfg = writeConfig("bad", std::string(kModel) + c.table);
    const auto run = runCbec("bogoliubov " + cfg.string());
    EXPECT_EQ(run.status, 1) << c.key << "\n" << run.output;
    EXPECT_NE(run.err.find(c.key), std::string::npos) << c.key << ": " << run.err;
  }
}

}  // namespace
