// `cbec rates`: the INTERFACE.md keys, the measured rate, and one-line errors naming the key.
#include "../support/cli_runner.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;

fs::path writeConfig(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / ("cbec-rates-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(p) << text;
  return p;
}

const char* kDoubleWell = R"(
[model]
kind = "double_well"
gap = 1.0
interaction = 1.0
[rates]
N = [20, 40, 80]
times = [0.0, 1.0]
k = 1
)";

TEST(RatesCli, DoubleWellSummaryHasTheInterfaceKeys) {
  const fs::path cfg = writeConfig("dw.toml", kDoubleWell);
  const fs::path out = fs::temp_directory_path() / ("cbec-rates-out-" + std::to_string(::getpid()));
  const auto r = cbec::testing::runCbec("rates " + cfg.string() + " --out " + out.string() + " --no-figures");
  ASSERT_EQ(r.status, 0) << r.output;
  nlohmann::json s;
  std::ifstream(out / "summary.json") >> s;
  EXPECT_EQ(s["N"], nlohmann::json({20, 40, 80}));
  EXPECT_EQ(s["times"].size(), 2u);
  ASSERT_EQ(s["trace_distance"].size(), 3u);
  EXPECT_EQ(s["trace_distance"][0].size(), 2u);
  EXPECT_LT(s["trace_distance"][0][0].get<double>(), 1e-12);   // k = 1 at t = 0: c_1 = 0
  EXPECT_TRUE(s["fitted_exponent_N"][0].is_null());             // undefined where the distance vanishes
  EXPECT_NEAR(s["fitted_exponent_N"][1].get<double>(), -1.0, 0.05);
  EXPECT_TRUE(fs::exists(out / "rates.csv"));
  fs::remove_all(out);
  fs::remove(cfg);
}

TEST(RatesCli, StrongDoubleWellIsConvergedOnlyWhereEveryErrorIsBelowTheDistances) {
  // Issue 23: gap 1, U = 4, n = (½, ½), k = 1. The phase average is refined until its error is below
  // phase_tolerance of the smallest distance at every time; the result is either converged, with the
  // distances falling in N and every error below them, or `converged: false` with a warning naming
  // the quantity. A fixed 32-phase rule (the former default) is not resolved at t = 4 and must be flagged.
  const std::string model = R"(
[model]
kind = "double_well"
gap = 1.0
interaction = 4.0
occupations = [0.5, 0.5]
[rates]
N = [40, 80, 160, 320]
times = [0.0, 1.0, 2.0, 4.0]
k = 1
)";
  for (const std::string& extra : {std::string(), std::string("phases = 32\n")}) {
    const fs::path cfg = writeConfig("strong.toml", model + extra);
    const auto r = cbec::testing::runCbec("rates " + cfg.string() + " --json");
    ASSERT_EQ(r.status, 0) << r.output;
    const auto s = nlohmann::json::parse(r.out);
    const double tol = s["phase_tolerance"].get<double>();
    EXPECT_EQ(tol, 0.01);
    bool errorsBelow = true;
    for (std::size_t n = 0; n < 4; ++n)
      for (std::size_t q = 0; q < 4; ++q) {
        const double d = s["trace_distance"][n][q].get<double>();
        const double e = s["sweeps"][0]["phase_quadrature_errors"][n][q].get<double>();
        if (d > 1e-12 ? e > tol * d : e > 1e-11) errorsBelow = false;
        if (n > 0 && q > 0 && s["converged"].get<bool>())   // converged: the distances fall with N
          EXPECT_LT(d, s["trace_distance"][n - 1][q].get<double>()) << "N index " << n << " t index " << q;
      }
    EXPECT_LE(s["phase_quadrature_error"].get<double>(), 1.0);
    if (!errorsBelow) {
      EXPECT_FALSE(s["converged"].get<bool>()) << extra;
      ASSERT_FALSE(s["warnings"].empty());
      EXPECT_NE(s["warnings"][0].get<std::string>().find("phases:"), std::string::npos) << s["warnings"][0];
    }
    if (s["converged"].get<bool>()) {
      EXPECT_TRUE(errorsBelow);
      EXPECT_TRUE(s["warnings"].empty());
      for (std::size_t q = 1; q < 4; ++q) EXPECT_LT(s["fitted_exponent_N"][q].get<double>(), -0.5) << q;
    }
    if (extra.empty()) {   // adaptive: resolved at these times
      EXPECT_TRUE(errorsBelow) << r.out;
      EXPECT_GT(s["sweeps"][0]["phases"][0].get<long long>(), 32);
    } else {
      EXPECT_FALSE(errorsBelow);
      EXPECT_FALSE(s["converged"].get<bool>());
    }
    fs::remove(cfg);
  }
}

TEST(RatesCli, StdoutPrintsNoNanForAnUndefinedExponent) {
  const fs::path cfg = writeConfig("nan.toml", kDoubleWell);
  const fs::path out = fs::temp_directory_path() / ("cbec-rates-nan-" + std::to_string(::getpid()));
  const auto r = cbec::testing::runCbec("rates " + cfg.string() + " --out " + out.string() + " --no-figures");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(r.out.find("nan"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("converged: true"), std::string::npos) << r.out;
  fs::remove_all(out);
  fs::remove(cfg);
}

TEST(RatesCli, ToyModelJsonCarriesSpinAndBogoliubovParts) {
  const fs::path cfg = writeConfig("toy.toml", R"(
[model]
kind = "fragmented_toy"
nu = 2.0
occupations = [0.5, 0.5]
[potential]
kind = "gaussian"
strength = 3.0
width = 1.0
[basis]
shells = 2
[rates]
N = [10, 20]
times = [0.0, 0.5]
k = 2
nu = [2.0, 4.0]
)");
  const auto r = cbec::testing::runCbec("rates " + cfg.string() + " --json");
  ASSERT_EQ(r.status, 0) << r.output;
  const auto s = nlohmann::json::parse(r.out);
  ASSERT_EQ(s["sweeps"].size(), 2u);
  // t = 0: the whole distance is the spin part c_2/N of `cbec marginals` (N1 = N2 = 5: 1/9).
  EXPECT_NEAR(s["trace_distance"][0][0].get<double>(), 1.0 / 9.0, 1e-12);
  EXPECT_NEAR(s["sweeps"][0]["spin_distance"][0][0].get<double>(), 1.0 / 9.0, 1e-12);
  EXPECT_EQ(s["fitted_exponent_nu"].size(), 2u);
  fs::remove(cfg);
}

TEST(RatesCli, DistanceToTheInfiniteGapLimitDecaysLikeOneOverNu) {
  // Toy model, two s-wave modes: max over t ∈ [0, 0.5] (step 0.01, resolving the period π/ν) of
  // Tr|γ_∞,ν − γ_∞,∞| for ν = 8, 16, 32 decays like ν^-1, faster than the ν^-1/2 of (F 3.16).
  std::string times;
  for (int i = 0; i <= 50; ++i) times += (i ? ", " : "") + std::to_string(0.01 * i);
  const fs::path cfg = writeConfig("nu.toml", R"(
[model]
kind = "fragmented_toy"
[potential]
kind = "gaussian"
strength = 5.0
width = 1.0
[basis]
shells = 2
[rates]
N = [10]
k = 1
nu = [8.0, 16.0, 32.0]
times = [)" + times + "]\n");
  const auto r = cbec::testing::runCbec("rates " + cfg.string() + " --json");
  ASSERT_EQ(r.status, 0) << r.output;
  const auto s = nlohmann::json::parse(r.out);
  EXPECT_NEAR(s["fitted_exponent_nu_sup"].get<double>(), -1.0, 0.02);
  fs::remove(cfg);
}

TEST(RatesCli, ErrorsNameTheKey) {
  const fs::path cfg = writeConfig("bad.toml", R"(
[model]
kind = "double_well"
[rates]
N = [10, 20.5]
times = [0.0, 1.0]
)");
  auto r = cbec::testing::runCbec("rates " + cfg.string() + " --json");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("rates.N"), std::string::npos) << r.output;
  std::ofstream(cfg) << "[model]\nkind = \"double_well\"\nnu = 3\n[rates]\nN = [10]\ntimes = [1.0]\n";
  r = cbec::testing::runCbec("rates " + cfg.string() + " --json");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("model.nu"), std::string::npos) << r.output;
  std::ofstream(cfg) << "[model]\nkind = \"double_well\"\n[rates]\nN = [100000]\ntimes = [1.0]\nmax_dimension = 1000\n";
  r = cbec::testing::runCbec("rates " + cfg.string() + " --json");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("max_dimension"), std::string::npos) << r.output;
  // Long times: refused with the reason (the phase average's bandwidth grows like t (|gap| + |U|)).
  std::ofstream(cfg) << "[model]\nkind = \"double_well\"\ninteraction = 4.0\n[rates]\nN = [10]\ntimes = [0.0, 500.0]\n";
  r = cbec::testing::runCbec("rates " + cfg.string() + " --json");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("rates.times"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("refused"), std::string::npos) << r.output;
  fs::remove(cfg);
}

}  // namespace
