// `cbec rates`, issue 23 item 4 (finite gap and finite N): occupation spectrum of γ^(1), the fluctuation
// dynamics 𝒰 against 𝒰₂ (F 5.36), the form-norm bound (F 5.6).
#include "../support/cli_runner.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;

fs::path writeConfig(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / ("cbec-rates-fgap-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(p) << text;
  return p;
}

std::string toy(double strength, const std::string& extra) {
  return R"(
[model]
kind = "fragmented_toy"
nu = 2.0
occupations = [0.5, 0.5]
[potential]
kind = "gaussian"
strength = )" + std::to_string(strength) + R"(
width = 1.0
[basis]
shells = 2
[rates]
N = [40, 80, 160]
times = [0.0, 0.5, 1.0]
k = 1
nu = [2.0, 4.0, 8.0]
)" + extra;
}

nlohmann::json run(const std::string& config, const fs::path& out = {}) {
  const fs::path cfg = writeConfig("toy.toml", config);
  const auto r = cbec::testing::runCbec("rates " + cfg.string() + (out.empty() ? " --json" : " --no-figures --out " + out.string()));
  fs::remove(cfg);
  EXPECT_EQ(r.status, 0) << r.output;
  if (!out.empty()) {
    nlohmann::json s;
    std::ifstream(out / "summary.json") >> s;
    return s;
  }
  return nlohmann::json::parse(r.out);
}

}  // namespace

// Interacting: the weight beyond the two fragments' orbitals is created by the dynamics, falls like 1/N
// with N·weight → Tr VV† (the Bogoliubov depletion); ‖(𝒰 − 𝒰₂)Ω‖ ∝ N^{-1/2}; the form norm stays below B(ν).
TEST(RatesFiniteGapCli, OccupationsFluctuationsAndFormNorm) {
  const fs::path out = fs::temp_directory_path() / ("cbec-rates-fgap-out-" + std::to_string(::getpid()));
  const auto s = run(toy(1.0, "fluctuations = true\nfluctuation_N = [100, 10000]\nfluctuation_cutoff = 32\n"), out);
  EXPECT_TRUE(fs::exists(out / "fluctuations.csv"));
  std::ifstream csv(out / "rates.csv");
  std::string header;
  std::getline(csv, header);
  EXPECT_NE(header.find("extra_mode_weight,occupation_rank,outside_fragment_weight,form_norm"), std::string::npos);
  fs::remove_all(out);
  for (const auto& sw : s["sweeps"]) {
    const auto& w = sw["extra_mode_weight"];
    for (std::size_t n = 0; n < 3; ++n) {
      EXPECT_LT(w[n][0].get<double>(), 1e-15);          // t = 0: exactly two fragments
      EXPECT_EQ(sw["occupation_rank"][n][0], 2);
      EXPECT_EQ(sw["occupation_rank"][n][2], 4);        // t > 0: every mode ⊗ spin is occupied
      EXPECT_EQ(sw["occupation_spectrum"][n][2].size(), 4u);
    }
    for (std::size_t q = 1; q < 3; ++q) {
      const double slope = std::log(w[2][q].get<double>() / w[1][q].get<double>()) / std::log(2.0);
      EXPECT_NEAR(slope, -1.0, 0.02) << "nu = " << sw["nu"] << " t index " << q;
      const double depletion = sw["bogoliubov"]["depletion_bogoliubov"][q].get<double>();
      EXPECT_NEAR(160 * w[2][q].get<double>() / depletion, 1.0, 0.03);
    }
    const auto& f = sw["fluctuations"];
    EXPECT_NEAR(f["fitted_exponent_N"][2].get<double>(), -0.5, 0.005);
    EXPECT_GT(f["difference"][0][2].get<double>(), 1e-3);
    const auto& fn = sw["form_norm"];
    EXPECT_LE(fn["ratio"].get<double>(), 1.0);
    EXPECT_GE(fn["C0_bound"].get<double>(), fn["C0_observed"].get<double>());
    EXPECT_EQ(fn["nu0"].get<double>(), 0.5);
  }
  for (const auto& w : s["warnings"])   // only the 2-shell mode truncation is flagged (modes:), not the fluctuations
    EXPECT_EQ(w.get<std::string>().rfind("modes:", 0), 0u) << w;
}

// Interaction off: no mode beyond the fragments is ever occupied, and the full and quadratic fluctuation
// dynamics agree exactly.
TEST(RatesFiniteGapCli, NothingBeyondTheFragmentsWithoutInteraction) {
  const auto s = run(toy(0.0, "fluctuations = true\nfluctuation_N = [10, 1000]\nfluctuation_cutoff = 8\n"));
  for (const auto& sw : s["sweeps"]) {
    for (const auto& row : sw["extra_mode_weight"])
      for (const auto& x : row) EXPECT_LT(x.get<double>(), 1e-15);
    for (const auto& row : sw["occupation_rank"])
      for (const auto& x : row) EXPECT_EQ(x, 2);
    for (const auto& row : sw["fluctuations"]["difference"])
      for (const auto& x : row) EXPECT_EQ(x.get<double>(), 0.0);
  }
}

// An unresolved fluctuation Fock space is flagged; keys that do not apply are refused by name.
TEST(RatesFiniteGapCli, TruncationIsFlaggedAndKeysAreChecked) {
  const auto s = run(toy(5.0, "fluctuations = true\nfluctuation_N = [100]\nfluctuation_cutoff = 4\n"));
  EXPECT_FALSE(s["converged"].get<bool>());
  bool named = false;
  for (const auto& w : s["warnings"]) named = named || w.get<std::string>().rfind("fluctuations:", 0) == 0;
  EXPECT_TRUE(named) << s["warnings"];
  const fs::path cfg = writeConfig("bad.toml", "[model]\nkind = \"double_well\"\n[rates]\nN = [10]\ntimes = [1.0]\n"
                                               "regularisation = true\n");
  auto r = cbec::testing::runCbec("rates " + cfg.string() + " --json");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("rates.regularisation"), std::string::npos) << r.output;
  std::ofstream(cfg) << toy(1.0, "fluctuations = true\nfluctuation_cutoff = 401\n");
  r = cbec::testing::runCbec("rates " + cfg.string() + " --json");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("rates.fluctuation_cutoff"), std::string::npos) << r.output;
  fs::remove(cfg);
}

// F 5.16–5.24 with a Coulomb V: the cutoff N³ changes the matrix elements by ∝ N^{-6}; the Hartree orbitals
// and the marginals move by ∝ N^{-6}, the N-body vectors by ∝ N^{-5} (the phase N·ΔV t), far inside the
// bounds N^{-1} t^{1/2} (F 5.21, 5.22) and N^{-3/2} e^{Bt} (F 5.23). A Gaussian V is refused (nothing to cut).
TEST(RatesFiniteGapCli, CoulombRegularisationFallsLikeNToTheMinusSix) {
  const std::string model = R"(
[model]
kind = "fragmented_toy"
nu = 1.0
occupations = [0.5, 0.5]
[potential]
kind = "coulomb"
strength = 1.0
cutoff = 1000.0
[basis]
shells = 2
[rates]
N = [4, 8, 16, 32]
times = [0.0, 1.0, 2.0]
k = 1
tolerance = 1e-14
regularisation = true
)";
  const auto s = run(model);
  const auto& g = s["sweeps"][0]["regularisation"];
  for (std::size_t q = 1; q < 3; ++q) {
    EXPECT_NEAR(g["fitted_exponent_N_orbital"][q].get<double>(), -6.0, 0.01);
    EXPECT_NEAR(g["fitted_exponent_N_marginal"][q].get<double>(), -5.9, 0.1);
    EXPECT_NEAR(g["fitted_exponent_N_state"][q].get<double>(), -4.93, 0.1);
  }
  for (const auto& w : s["warnings"]) EXPECT_NE(w.get<std::string>().rfind("regularisation:", 0), 0u) << w;
  const fs::path cfg = writeConfig("gauss.toml", toy(1.0, "regularisation = true\n"));
  const auto r = cbec::testing::runCbec("rates " + cfg.string() + " --json");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("rates.regularisation"), std::string::npos) << r.output;
  fs::remove(cfg);
}

// The double well's fragmented state is a superposition ∫dθ e^{iN2θ}(φ^θ)^{⊗N} of condensates: around each φ^θ_t
// the full and quadratic fluctuation dynamics differ by ∝ N^{-1/2} (largest over θ reported); U = 0: exactly 0.
TEST(RatesFiniteGapCli, DoubleWellFluctuationsAroundEachPhase) {
  for (double U : {0.5, 0.0}) {
    const auto s = run("[model]\nkind = \"double_well\"\ngap = 1.0\ninteraction = " + std::to_string(U) +
                       "\n[rates]\nN = [20, 40]\ntimes = [0.0, 0.5, 1.0]\nfluctuations = true\n"
                       "fluctuation_N = [100, 10000]\nfluctuation_cutoff = 32\n");
    const auto& f = s["sweeps"][0]["fluctuations"];
    EXPECT_EQ(f["phases"], 4);
    if (U == 0) {
      for (const auto& row : f["difference"])
        for (const auto& x : row) EXPECT_EQ(x.get<double>(), 0.0);
      continue;
    }
    for (std::size_t q = 1; q < 3; ++q) {
      EXPECT_NEAR(f["fitted_exponent_N"][q].get<double>(), -0.5, 0.005);
      EXPECT_GT(f["difference"][0][q].get<double>(), 1e-3);
    }
    EXPECT_TRUE(s["converged"].get<bool>()) << s["warnings"];
  }
}
