// `cbec qmc` as a user runs it: the INTERFACE.md keys of summary.json, energy.csv, and a bad key named.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>

#include "../support/cli_runner.hpp"
#include "../support/scratch_files.hpp"

namespace {

const char* kConfig = R"(
[model]
dimension = 2
interaction = "hartree"
beta = 0.0
[[species]]
name = "A"
particles = 2
a = 3.0
[[species]]
name = "B"
particles = 1
a = 2.0
[coupling]
a12 = 1.5
[qmc]
walkers = 40
target_error = 1e-9
time_steps = [0.04, 0.02]
max_steps = 400
equilibration_time = 0.5
forward_walkers = 4
forward_every = 100
forward_time = 0.5
)";

}  // namespace

TEST(QmcCli, WritesTheInterfaceKeys) {
  const auto dir = cbec::testing::freshScratchDir("qmc-cli", "keys");
  { std::ofstream(dir / "c.toml") << kConfig; }
  const auto r = cbec::testing::runCbec("qmc " + (dir / "c.toml").string() + " --out " + (dir / "out").string());
  ASSERT_EQ(r.status, 0) << r.output;
  const auto j = nlohmann::json::parse(cbec::testing::slurp(dir / "out" / "summary.json"));
  for (const char* k : {"energy", "energy_error", "energy_total", "hartree_energy", "condensate_fraction",
                        "condensate_fraction_error", "samples", "converged", "wall_seconds"})
    EXPECT_TRUE(j.contains(k)) << k;
  EXPECT_EQ(j["condensate_fraction"].size(), 2u);
  EXPECT_FALSE(j["converged"].get<bool>());   // 400 steps cannot reach 1e-9: said, not hidden
  EXPECT_FALSE(j["warnings"].empty());
  EXPECT_NEAR(j["energy_total"].get<double>(), 3 * j["energy"].get<double>(), 1e-12);
  EXPECT_EQ(j["samples"].get<double>(), 2 * 40 * 400.0);
  EXPECT_LT(j["energy"].get<double>(), j["hartree_energy"].get<double>() + 0.05);   // E_N^Q ≤ E^H (M 2.12), noisy
  EXPECT_FALSE(cbec::testing::slurp(dir / "out" / "energy.csv").empty());
}

TEST(QmcCli, BadKeyIsNamed) {
  const auto dir = cbec::testing::freshScratchDir("qmc-cli", "bad");
  { std::ofstream(dir / "c.toml") << kConfig << "threads = 0\n"; }
  const auto r = cbec::testing::runCbec("qmc " + (dir / "c.toml").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find("qmc.threads"), std::string::npos) << r.output;
}
