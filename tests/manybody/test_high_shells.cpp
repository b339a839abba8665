// High oscillator shells (issue 13, "never a confident wrong answer"): the Gauss–Hermite weights of the
// two-body integrals must be accurate relative to each weight, not to the largest. With Golub–Welsch
// weights (squared eigenvector components) `cbec manybody` at shells = 30 reported "converged" with
// E_N^Q = -1.9e10 for a case whose energy is 0.8336.
#include <cbec/manybody/oscillator_modes.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <vector>

#include "../support/cli_runner.hpp"

namespace {

/// ∫ p_i p_k e^{-x²} dx / √π by the n-point rule, i, k < n (exact: δ_ik, degree ≤ 2n - 2).
double worstOrthonormalityDefect(int n) {
  const cbec::GaussHermite g = cbec::GaussHermite::rule(n);
  std::vector<std::vector<double>> p(n, std::vector<double>(n));
  for (int a = 0; a < n; ++a) cbec::hermitePolynomials(n - 1, g.nodes[a], p[a].data());
  double worst = 0;
  for (int i = 0; i < n; ++i)
    for (int k = 0; k <= i; ++k) {
      double s = 0;
      for (int a = 0; a < n; ++a) s += g.weights[a] * p[a][i] * p[a][k];
      worst = std::max(worst, std::abs(s / std::sqrt(std::numbers::pi) - (i == k ? 1.0 : 0.0)));
    }
  return worst;
}

double manybodyEnergy(int shells) {
  const auto cfg = cbec::testing::writeConfigFile(
      "high-shells", "s" + std::to_string(shells),
      "[model]\ndimension = 1\ninteraction = \"hartree\"\nbeta = 0.0\n[[species]]\nname = \"A\"\nparticles = 2\n"
      "a = 1.0\n[basis]\nshells = " + std::to_string(shells) + "\n[grid]\nhartree = false\n");
  const auto r = cbec::testing::runCbec("manybody " + cfg.string() + " --json");
  EXPECT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["converged"].get<bool>());
  return j["energy"].get<double>();
}

}  // namespace

TEST(GaussHermite, RulesUpToEightyNodesAreOrthonormalToRoundOff) {
  for (int n : {10, 40, 62, 80}) EXPECT_LT(worstOrthonormalityDefect(n), 1e-12) << n << " nodes";
}

TEST(GaussHermite, OuterWeightsMatchTheirAsymptoticSize) {
  // w_a e^{x_a²} varies slowly across a Gauss–Hermite rule (it is about π/√(2n) near the centre): a
  // weight wrong by orders of magnitude at the edge breaks these bounds; round-off relative to the
  // largest weight would not show in a check of the weights' sum.
  const int n = 80;
  const cbec::GaussHermite g = cbec::GaussHermite::rule(n);
  for (int a = 0; a < n; ++a) {
    const double scaled = g.weights[a] * std::exp(g.nodes[a] * g.nodes[a]);
    EXPECT_GT(scaled, 0.05) << a;
    EXPECT_LT(scaled, 1.0) << a;
  }
}

TEST(ManybodyHighShells, TheEnergyConvergesMonotonicallyUpToFortyShells) {
  // two bosons, 1D harmonic trap, Gaussian w with a = 1: variational in the basis, E decreases to its
  // limit 0.83363822928665 (the low shells agree with the earlier rule to 1e-15)
  const double e20 = manybodyEnergy(20), e30 = manybodyEnergy(30), e40 = manybodyEnergy(40);
  EXPECT_NEAR(e20, 0.833638229720, 1e-11);
  EXPECT_GE(e20, e30 - 1e-13);
  EXPECT_GE(e30, e40 - 1e-13);
  EXPECT_NEAR(e40, 0.83363822928665, 1e-12);
}
