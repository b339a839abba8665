// `cbec manybody` with only `[basis] tolerance`: the energy-truncated ladder in a rescaled oscillator basis
// reaches the two-body continuum energy, against the relative-coordinate reference
// (tests/support/two_body_reference.hpp: Laguerre functions of the m = 0 relative motion, nothing shared with
// the Hermite/Cartesian many-body code).
#include <gtest/gtest.h>

#include "../support/two_body_reference.hpp"
#include <nlohmann/json.hpp>

#include <Eigen/Dense>

#include <cmath>
#include <fstream>
#include <numbers>

#include <stdlib.h>

#include "../support/cli_runner.hpp"

namespace fs = std::filesystem;
using cbec::testing::runCbec;

namespace {

TEST(ManybodyLadder, TwoBodyEnergyToOneInTenToTheEight) {
  const double exact = cbec::testing::twoBodyGroundEnergy(2.0, 1.0, 60);   // one species, a = 2, λ = 1/(N_s - 1) = 1, β = 0
  ASSERT_NEAR(exact, cbec::testing::twoBodyGroundEnergy(2.0, 1.0, 50), 1e-12);
  const fs::path cfg = cbec::testing::writeConfigFile("mb-ladder", "two", R"(
[model]
dimension = 2
interaction = "hartree"
profile = "gaussian"
beta = 0.0

[[species]]
name = "A"
particles = 2
a = 2.0

[basis]
tolerance = 1e-9

[grid]
hartree = false
)");
  const fs::path out = cbec::testing::scratchPath("mb-ladder", "out");
  const auto run = runCbec("manybody " + cfg.string() + " --out " + out.string() + " --no-figures");
  ASSERT_EQ(run.status, 0) << run.output;
  const auto j = nlohmann::json::parse(std::ifstream(out / "summary.json"));
  EXPECT_TRUE(j["converged"].get<bool>());
  const double E = j["energy_total"].get<double>();
  EXPECT_GT(E, exact - 1e-11);                      // variational
  EXPECT_LT(E - exact, 1e-8 * exact);
  EXPECT_GT(j["basis"]["scale"].get<double>(), 1.0);   // the rescaled basis was chosen
  EXPECT_EQ(j["basis"]["max_quanta"].get<int>(), j["basis"]["shells"].get<int>());
  // the extrapolation's uncertainty covers its error
  EXPECT_LT(std::abs(2 * j["energy_extrapolated"].get<double>() - exact), 2 * 2 * j["energy_uncertainty"].get<double>() + 1e-12);
}

// Issue 19's target: two species 1 + 1, β > 0, from `[basis] tolerance = 1e-10` alone, to 1e-8 of the exact
// continuum energy (relative coordinate: λ_12 a_12 = 6/N = 3, g = 2^β), in the L_z = 0 sector chosen by default.
TEST(ManybodyLadder, TwoSpeciesOnePlusOneToOneInTenToTheEight) {
  const double g = std::pow(2.0, 0.4);
  const double exact = cbec::testing::twoBodyGroundEnergy(3.0, g, 70);
  ASSERT_NEAR(exact, cbec::testing::twoBodyGroundEnergy(3.0, g, 60), 1e-12);
  const fs::path cfg = cbec::testing::writeConfigFile("mb-ladder", "one-plus-one", R"(
[model]
dimension = 2
interaction = "hartree"
profile = "gaussian"
beta = 0.4

[[species]]
name = "A"
particles = 1

[[species]]
name = "B"
particles = 1

[coupling]
a12 = 6.0

[basis]
tolerance = 1e-10
)");
  const fs::path out = cbec::testing::scratchPath("mb-ladder", "out-1+1");
  const auto run = runCbec("manybody " + cfg.string() + " --out " + out.string() + " --no-figures");
  ASSERT_EQ(run.status, 0) << run.output;
  const auto j = nlohmann::json::parse(std::ifstream(out / "summary.json"));
  EXPECT_TRUE(j["converged"].get<bool>());
  EXPECT_EQ(j["basis"]["symmetry"], "angular_momentum");
  EXPECT_EQ(j["basis"]["angular_momentum"], 0);
  const double E = j["energy_total"].get<double>();
  EXPECT_GT(E, exact - 1e-11);   // variational
  EXPECT_LT(E - exact, 1e-8 * exact);
}

TEST(ManybodyLadder, MemoryRefusalNamesTheKeyBeforeAllocation) {
  const fs::path cfg = cbec::testing::writeConfigFile("mb-ladder", "big", R"(
[model]
dimension = 2
interaction = "hartree"
profile = "gaussian"
beta = 0.0

[[species]]
name = "A"
particles = 2
a = 2.0

[basis]
shells = 40
truncation = "energy"
)");
  ::setenv("CBEC_MEMORY_LIMIT", "1e8", 1);
  const auto run = runCbec("manybody " + cfg.string() + " --json");
  ::unsetenv("CBEC_MEMORY_LIMIT");
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("basis.shells = 40"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("two-body entries"), std::string::npos) << run.err;
}

}  // namespace
