// `cbec manybody` with only `[basis] tolerance`: the energy-truncated ladder in a rescaled oscillator basis
// reaches the two-body continuum energy, against the relative-coordinate reference (written here again,
// independently of the Hermite/Cartesian many-body code: Laguerre functions of the m = 0 relative motion).
#include <gtest/gtest.h>
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

/// 2ω + lowest eigenvalue of -2Δ + ½r² - λa (g²/π) e^{-g²r²} (ω = 1, m = 0, radial quanta ≤ nmax).
double twoBodyEnergy(double lambdaA, double g, int nmax) {
  const int n = nmax + 1;
  Eigen::MatrixXd J = Eigen::MatrixXd::Zero(n + 2, n + 2);
  for (int k = 0; k < n + 2; ++k) J(k, k) = 2 * k + 1;
  for (int k = 1; k < n + 2; ++k) J(k, k - 1) = J(k - 1, k) = k;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> gl(J);
  Eigen::MatrixXd H = Eigen::MatrixXd::Zero(n, n);
  for (int k = 0; k < n; ++k) H(k, k) = 4 * k + 2;
  const double c = 1 + 2 * g * g;
  std::vector<double> L(n);
  for (int q = 0; q < n + 2; ++q) {
    const double t = gl.eigenvalues()(q) / c, w = gl.eigenvectors()(0, q) * gl.eigenvectors()(0, q);
    L[0] = 1;
    if (n > 1) L[1] = 1 - t;
    for (int m = 1; m + 1 < n; ++m) L[m + 1] = ((2 * m + 1 - t) * L[m] - m * L[m - 1]) / (m + 1);
    for (int k = 0; k < n; ++k)
      for (int l = 0; l < n; ++l) H(k, l) -= lambdaA * g * g / std::numbers::pi * w / c * L[k] * L[l];
  }
  return 2.0 + Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(H).eigenvalues()(0);
}

TEST(ManybodyLadder, TwoBodyEnergyToOneInTenToTheEight) {
  const double exact = twoBodyEnergy(2.0, 1.0, 60);   // one species, a = 2, λ = 1/(N_s - 1) = 1, β = 0
  ASSERT_NEAR(exact, twoBodyEnergy(2.0, 1.0, 50), 1e-12);
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
