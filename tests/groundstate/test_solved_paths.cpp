// Paths that no other test solved (issue 13, item 6): two-species Hartree and pair_scaling "N", each
// checked against an independent prediction rather than "it ran".
#include <cbec/solver/auto_grid.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../support/cli_runner.hpp"
#include "../support/quiet_solver.hpp"

using namespace cbec;
namespace fs = std::filesystem;

namespace {
Mixture twoSpeciesHartree(double N, double beta, double c1, double a1, double a2, double a12) {
  std::vector<Species> sp = {{"A", c1, a1, Trap::power(2.0, {0.0})}, {"B", 1 - c1, a2, Trap::power(2.0, {0.3})}};
  Eigen::MatrixXd inter = Eigen::MatrixXd::Zero(2, 2);
  inter(0, 1) = inter(1, 0) = a12;
  PairInteraction pair = N > 0 ? PairInteraction::hartree(std::make_shared<GaussianProfile>(), N, beta)
                             : PairInteraction::contact();
  return Mixture(1, sp, inter, pair);
}

fs::path scratch(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("cbec-solved-" + std::to_string(::getpid())) / name;
  fs::create_directories(d);
  return d;
}
}  // namespace

// Two species, Hartree with w_N = N^β w(N^β x) (1D): PCG and gradient flow agree, and E^H → E^GP of
// the same mixture at the rate N^{-2β} of a smooth even profile (MODEL §4), within ±0.05.
TEST(SolvedPaths, TwoSpeciesHartreeApproachesTwoSpeciesGp) {
  const double beta = 0.25;
  const Grid g(1, 128, 16.0);
  SolverOptions o = cbec::testing::quietSolver();
  o.tolerance = 1e-11;
  const double egp = groundState(twoSpeciesHartree(0, beta, 0.4, 2.0, 1.5, 1.0), g, o).energy;
  SolverOptions flow = o;
  flow.method = Method::GradientFlow;
  const Mixture h3 = twoSpeciesHartree(1e3, beta, 0.4, 2.0, 1.5, 1.0);
  EXPECT_NEAR(groundState(h3, g, o).energy, groundState(h3, g, flow).energy, 1e-9);
  std::vector<double> Ns = {1e3, 1e4, 1e5, 1e6}, diffs;
  for (double N : Ns) diffs.push_back(groundState(twoSpeciesHartree(N, beta, 0.4, 2.0, 1.5, 1.0), g, o).energy - egp);
  for (size_t i = 1; i < Ns.size(); ++i) {
    const double rate = std::log(diffs[i] / diffs[i - 1]) / std::log(Ns[i] / Ns[i - 1]);
    std::printf("N = %g: E^H - E^GP = %.4e, exponent %.4f (expected -2beta = %.2f)\n", Ns[i], diffs[i], rate, -2 * beta);
    EXPECT_GT(diffs[i], 0.0);   // smearing the attractive interactions raises the energy
    EXPECT_NEAR(rate, -2 * beta, 0.05);
  }
}

// pair_scaling = "N": the intra strength is a_s (N_s - 1)/N instead of a_s (M 1.1 vs F 3.5). For a weak
// coupling in the 1D harmonic trap, first-order perturbation theory gives
//   E = 1 - κ a/2 ∫φ0⁴ + O(a²),  ∫φ0⁴ = 1/sqrt(2π),  κ = (N - 1)/N,
// which tells κ = 0.9 (N = 10) from κ = 1 by 2e-6 at a = 1e-4, against a second-order term ~1e-9.
TEST(SolvedPaths, PairScalingNThroughTheCommandLine) {
  const fs::path dir = scratch("pairN");
  const double a = 1e-4;
  for (const auto& [scaling, kappa] : {std::pair<std::string, double>{"N", 0.9}, {"N-1", 1.0}}) {
    std::ofstream(dir / "c.toml") << "[model]\ndimension = 1\npair_scaling = \"" << scaling << "\"\nN = 10\n"
                                  << "[[species]]\na = " << a << "\n[grid]\npoints = 64\nbox = 16.0\n";
    auto r = cbec::testing::runCbec("groundstate " + (dir / "c.toml").string() + " --json");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    const double predicted = 1 - kappa * a / (2 * std::sqrt(2 * M_PI));
    EXPECT_NEAR(j["energy"].get<double>(), predicted, 1e-8) << scaling;
    EXPECT_NEAR(j["terms"]["intra"][0].get<double>(), -kappa * a / (2 * std::sqrt(2 * M_PI)), 1e-9) << scaling;
  }
}
