// `cbec rates` kind = "quench" (issue 23 item 5): two-species sweeps from `cbec manybody` ground states, quenched;
// the marginals' distance to the two-species Hartree flow in the same modes as N grows.
#include "../support/cli_runner.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

nlohmann::json runJson(const fs::path& cfg, const std::string& command) {
  const fs::path out = cfg.parent_path() / (cfg.stem().string() + "-out");
  const auto r = cbec::testing::runCbec(command + " " + cfg.string() + " --out " + out.string() + " --no-figures");
  EXPECT_EQ(r.status, 0) << r.output;
  nlohmann::json j;
  std::ifstream(out / "summary.json") >> j;
  return j;
}

/// A 1D two-species mixture (Gaussian pair profile, β = 0: the mean-field scaling), 1 + 1 particles in the ratio,
/// the sweep's basis: oscillator shells ≤ 2 (three modes per species, the even sector).
const std::string kManybody =
    "[model]\ndimension = 1\ninteraction = \"hartree\"\nprofile = \"gaussian\"\nbeta = 0.0\n"
    "[[species]]\nname = \"A\"\nparticles = 1\na = 2.0\n"
    "[[species]]\nname = \"B\"\nparticles = 1\na = 1.0\n"
    "[coupling]\na12 = 1.5\n[basis]\nshells = 2\n[grid]\nhartree = false\n[sweep]\nN = [4, 8, 16, 32]\nshells = 2\n";

}  // namespace

TEST(RatesQuench, DistancesToTheMeanFieldFallWithNAfterTheQuench) {
  const fs::path mb = cbec::testing::writeConfigFile("rates-quench", "manybody", kManybody);
  const nlohmann::json m = runJson(mb, "manybody");
  const nlohmann::json r = runJson(cbec::testing::writeConfigFile(
      "rates-quench", "quench",
      "[model]\nkind = \"quench\"\nmanybody = \"" + mb.string() + "\"\n[quench]\ninter_scale = -1.0\n"
      "[rates]\nN = [4, 8, 16, 32]\ntimes = [0.0, 0.5, 1.0, 2.0]\n"), "rates");
  ASSERT_EQ(r["model"], "quench");
  const auto& q = r["quench"];
  // the start is `cbec manybody`'s ground state: the same E_N^Q as its sweep
  for (int n = 0; n < 4; ++n) {
    EXPECT_EQ(q["particles"][n][0].get<int>() * 2, r["N"][n].get<int>());
    EXPECT_NEAR(q["ground_energy"][n].get<double>(), m["sweep"][n]["energy"].get<double>(), 1e-12);
    EXPECT_NE(q["quenched_energy"][n].get<double>(), q["ground_energy"][n].get<double>());
  }
  const auto& s = r["sweeps"][0];
  for (int n = 0; n < 4; ++n) {
    EXPECT_LT(s["drift"]["norm"][n].get<double>(), 1e-10);
    EXPECT_LT(s["drift"]["energy"][n].get<double>(), 1e-10);
    EXPECT_LT(q["hartree_energy_drift"][n].get<double>(), 1e-9);
  }
  for (int sp = 0; sp < 2; ++sp)
    for (int t = 0; t < 4; ++t) {
      for (int n = 1; n < 4; ++n)
        EXPECT_LT(q["species_distance"][sp][n][t].get<double>(), q["species_distance"][sp][n - 1][t].get<double>())
            << "species " << sp << " t " << t << " n " << n;
      EXPECT_LT(q["species_fitted_exponent_N"][sp][t].get<double>(), -0.7) << sp << " " << t;
    }
  EXPECT_TRUE(r["converged"].get<bool>()) << r["warnings"].dump();
}

TEST(RatesQuench, TrapQuenchKeepsTheRateAndConservesEnergy) {
  // species A's trap frequency doubled (a breathing quench), the couplings unchanged
  const fs::path mb = cbec::testing::writeConfigFile("rates-quench", "manybody-trap", kManybody);
  const nlohmann::json r = runJson(cbec::testing::writeConfigFile(
      "rates-quench", "trap",
      "[model]\nkind = \"quench\"\nmanybody = \"" + mb.string() + "\"\n[quench]\ntrap_scale = [2.0, 1.0]\n"
      "[rates]\nN = [4, 8, 16]\ntimes = [0.0, 0.5, 1.0]\n"), "rates");
  const auto& q = r["quench"];
  for (int n = 0; n < 3; ++n) {
    EXPECT_GT(q["quenched_energy"][n].get<double>(), q["ground_energy"][n].get<double>() + 0.1);   // a real quench
    EXPECT_LT(r["sweeps"][0]["drift"]["energy"][n].get<double>(), 1e-10);
    EXPECT_LT(r["sweeps"][0]["drift"]["norm"][n].get<double>(), 1e-10);
  }
  for (int t = 1; t < 3; ++t) {
    for (int n = 1; n < 3; ++n)
      EXPECT_LT(q["species_distance"][0][n][t].get<double>(), q["species_distance"][0][n - 1][t].get<double>()) << t;
    // the orbitals move: species A's distance differs from its ground-state value
    EXPECT_GT(std::abs(q["species_distance"][0][2][t].get<double>() - q["species_distance"][0][2][0].get<double>()), 1e-5);
  }
  EXPECT_TRUE(r["converged"].get<bool>()) << r["warnings"].dump();
}

TEST(RatesQuench, BadKeysNameTheirPath) {
  const fs::path mb = cbec::testing::writeConfigFile("rates-quench", "manybody-bad", kManybody);
  struct Case { std::string text, needle; };
  const std::vector<Case> cases = {
      {"[model]\nkind = \"quench\"\nmanybody = \"" + mb.string() + "\"\n[quench]\n[rates]\nN = [4]\ntimes = [1.0]\nk = 2\n",
       "rates.k"},
      {"[model]\nkind = \"quench\"\nmanybody = \"" + mb.string() + "\"\n[quench]\n[rates]\nN = [5]\ntimes = [1.0]\n",
       "rates.N"},
      {"[model]\nkind = \"quench\"\nmanybody = \"" + mb.string() + "\"\n[rates]\nN = [4]\ntimes = [1.0]\n", "quench"},
      {"[model]\nkind = \"quench\"\nmanybody = \"" + mb.string() + "\"\n[quench]\nintra_scale = [1.0]\n[rates]\nN = [4]\n"
       "times = [1.0]\n", "quench.intra_scale"},
      {"[model]\nkind = \"quench\"\nmanybody = \"" + mb.string() + "\"\n[quench]\ntrap_scale = [0.0, 1.0]\n[rates]\nN = [4]\n"
       "times = [1.0]\n", "quench.trap_scale"},
      {"[model]\nkind = \"quench\"\nmanybody = \"/nonexistent.toml\"\n[quench]\n[rates]\nN = [4]\ntimes = [1.0]\n",
       "model.manybody"},
  };
  int k = 0;
  for (const auto& c : cases) {
    const fs::path cfg = cbec::testing::writeConfigFile("rates-quench", "bad" + std::to_string(k++), c.text);
    const auto r = cbec::testing::runCbec("rates " + cfg.string() + " --json");
    EXPECT_NE(r.status, 0) << c.text;
    EXPECT_NE(r.output.find(c.needle), std::string::npos) << c.needle << "\n" << r.output;
  }
}
