// `cbec qmc` as a user runs it: the INTERFACE.md keys of summary.json, energy.csv, and a bad key named.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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
  // γ^(1,0), γ^(0,1) in the 6 modes u·{1, x, y, x², xy, y²}, symmetric, γ_00 = condensate_fraction
  ASSERT_EQ(j["density_matrices"].size(), 2u);
  for (int s = 0; s < 2; ++s) {
    const auto& dm = j["density_matrices"][s];
    ASSERT_EQ(dm["basis"].size(), 6u);
    ASSERT_EQ(dm["matrix"].size(), 6u);
    EXPECT_EQ(dm["matrix"][0][0], j["condensate_fraction"][s]);
    EXPECT_EQ(dm["matrix"][1][3], dm["matrix"][3][1]);
    EXPECT_TRUE(dm["largest_eigenvalue"].is_number());
  }
  EXPECT_EQ(j["trial"]["jastrow"], "none");
  // density.csv: 32² bins per species, the columns of docs/qmc.md, every density integrating to ≈ 1
  const std::string csv = cbec::testing::slurp(dir / "out" / "density.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "species,x,y,pure,pure_error,mixed,trial");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 * 32 * 32);
  EXPECT_EQ(j["density"]["grids"][0]["points"], 32);
  double mixed[2] = {0, 0}, trial[2] = {0, 0};
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::istringstream f(line);
    for (std::string c; std::getline(f, c, ',');) cols.push_back(c);
    ASSERT_EQ(cols.size(), 7u) << line;
    const int s = std::stoi(cols[0]);   // pure is "nan" here: 4 forward measurements, fewer than one batch of 8
    mixed[s] += std::stod(cols[5]);
    trial[s] += std::stod(cols[6]);
  }
  for (int s = 0; s < 2; ++s) {
    const double cell = std::pow(j["density"]["grids"][s]["box"].get<double>() / 32, 2);
    EXPECT_NEAR(trial[s] * cell, 1.0, 1e-2) << s;   // u² at the bin centres
    EXPECT_NEAR(mixed[s] * cell, 1.0, 1e-3) << s;   // every walker inside the 12ℓ box
  }
}

TEST(QmcCli, BadKeyIsNamed) {
  const auto dir = cbec::testing::freshScratchDir("qmc-cli", "bad");
  { std::ofstream(dir / "c.toml") << kConfig << "threads = 0\n"; }
  const auto r = cbec::testing::runCbec("qmc " + (dir / "c.toml").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find("qmc.threads"), std::string::npos) << r.output;
}
