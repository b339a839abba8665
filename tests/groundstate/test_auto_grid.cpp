// Default settings (automatic grid, tolerance 1e-10) give harmonic-trap energies to ≥ 10 digits for
// 0 ≤ a ≤ 10 (issue 3 "done when"), checked against an independent fine, large fixed grid; the
// a posteriori error estimate must be small and honest.
#include <cbec/io/errors.hpp>
#include <cbec/solver/auto_grid.hpp>

#include <gtest/gtest.h>

#include "../support/quiet_solver.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace cbec;

namespace {
SolverOptions quiet() { return cbec::testing::quietSolver(); }
}  // namespace

TEST(AutoGrid, TenDigitsInAHarmonicTrapFor0To10) {
  for (int d : {1, 2}) {
    for (double a : {0.0, 2.5, 5.0, 7.5, 10.0}) {
      Mixture m = Mixture::singleSpecies(d, a);
      GridSolution s = solveOnAutomaticGrid(m, quiet());
      ASSERT_TRUE(s.result.converged);
      const double ref = groundState(m, Grid(d, d == 1 ? 768 : 384, 28.0), quiet()).energy;
      const double err = std::abs(s.result.energy - ref);
      std::printf("d = %d a = %-4g E = %.15f  grid %d^%d box %.3g  |E - E_ref| = %.1e  estimate %.1e\n", d, a,
                  s.result.energy, s.grid.points(), d, s.grid.box(), err, s.error_estimate);
      EXPECT_LT(err, 1e-10 * std::max(1.0, std::abs(ref))) << "d = " << d << " a = " << a;
      EXPECT_LT(s.error_estimate, 1e-10);
      // the estimate is not wildly below the actual error (allowing for round-off ~1e-13)
      EXPECT_LT(err, 100 * s.error_estimate + 1e-12);
    }
  }
}

TEST(AutoGrid, OffCentreTwoSpeciesBoxCoversBothTraps) {
  Species A{"A", 0.5, 3.0, Trap::power(2, {-2.0, 0.0})}, B{"B", 0.5, 3.0, Trap::power(2, {2.0, 0.0})};
  Eigen::MatrixXd c(2, 2);
  c << 0, -1, -1, 0;
  Mixture m(2, {A, B}, c);
  GridSolution s = solveOnAutomaticGrid(m, quiet());
  EXPECT_GT(s.grid.box(), 4.0 + 8.0);
  EXPECT_LT(s.error_estimate, 1e-10);
  // mirror symmetry x ↦ -x exchanges the species
  EXPECT_NEAR(s.result.mu[0], s.result.mu[1], 1e-9);
}

TEST(AutoGrid, FftFriendlySizes) {
  EXPECT_EQ(fftFriendlySize(7), 8);
  EXPECT_EQ(fftFriendlySize(61), 64);
  EXPECT_EQ(fftFriendlySize(97), 100);
  EXPECT_EQ(fftFriendlySize(121), 128);
}

// Issue 22 item 6: two species inside Theorem 6's existence region near its edge (2D, c = 0.3/0.7,
// a = 2/8, a12 = 13.05, harmonic traps at 0). On the trap's first grid (h = 1/4) the aliased |u|⁴ lets
// the solve collapse onto a few points (E ≈ -0.66/h², a minimiser on every finer grid it is carried
// to), which the trap ladder refined up to "needs 1519 points per direction (> 1024)". The state itself
// (E = 0.0752, extent ~7) converges on an automatic grid that follows it, and agrees with the
// hand-given grid of the issue (box 6 at 1024²) to the error estimates.
TEST(AutoGrid, StateNearTheEdgeOfExistenceConvergesWithoutAGrid) {
  const Mixture m = Mixture::twoSpecies(2, 0.3, 2.0, 8.0, 13.05);
  const auto t0 = std::chrono::steady_clock::now();
  const GridSolution s = solveOnAutomaticGrid(m, quiet());
  const double tAuto = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto& line : s.log) std::printf("  %s\n", line.c_str());
  ASSERT_TRUE(s.result.converged);
  EXPECT_LT(s.error_estimate, 1e-10);
  EXPECT_LE(s.grid.points(), 1024);
  EXPECT_LT(s.grid.box(), 13.5);   // the state's extent, not the trap's box
  const Grid hand(2, 1024, 6.0);
  const auto t1 = std::chrono::steady_clock::now();
  const GroundStateResult r = solveInGridFrame(m, hand, quiet());
  const double refEstimate = gridErrorEstimate(m, hand, r, quiet());
  const double tHand = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  ASSERT_TRUE(r.converged);
  const double diff = std::abs(s.result.energy - r.energy);
  std::printf("automatic %d^2 box %.4g: E = %.15f estimate %.1e (%.2f s); hand 1024^2 box 6: E = %.15f estimate "
              "%.1e (%.2f s); |dE| = %.1e\n", s.grid.points(), s.grid.box(), s.result.energy, s.error_estimate, tAuto,
              r.energy, refEstimate, tHand, diff);
  EXPECT_GT(s.result.energy, 0.07);   // not a lattice-collapsed state
  EXPECT_LE(diff, std::max(s.error_estimate, refEstimate) + 1e-13);
}

// States the trap's grid resolves keep the trap ladder: grids and energies as before issue 22
// (recorded with the trap-based algorithm of 13f9820; energies to 1e-10).
TEST(AutoGrid, DiffuseStatesKeepTheirGrids) {
  struct Case {
    const char* name;
    Mixture m;
    int points;
    double box, energy;
  };
  const std::vector<Case> cases = {
      {"1D a = 0", Mixture::singleSpecies(1, 0.0), 54, 13.5, 1.0},
      {"1D a = 2.5", Mixture::singleSpecies(1, 2.5), 144, 16.0, 0.461751955648136},
      {"2D a = 5", Mixture::singleSpecies(2, 5.0), 162, 18.0, 1.54230235154578},
      {"2D a = 10", Mixture::singleSpecies(2, 10.0), 324, 24.0, 0.806604374579932},
      {"2D two species (INTERFACE example)", Mixture::twoSpecies(2, 0.5, 3.0, 4.0, 2.0), 144, 16.0, 1.59418988838839},
  };
  for (const Case& c : cases) {
    const GridSolution s = solveOnAutomaticGrid(c.m, quiet());
    std::printf("%s: %d points, box %.6g, E = %.15f, estimate %.1e\n", c.name, s.grid.points(), s.grid.box(),
                s.result.energy, s.error_estimate);
    EXPECT_EQ(s.grid.points(), c.points) << c.name;
    EXPECT_NEAR(s.grid.box(), c.box, 1e-9) << c.name;
    EXPECT_NEAR(s.result.energy, c.energy, 1e-10) << c.name;
  }
}

// What does not fit is refused before anything of that size is allocated, with the key to give
// ([grid]), the estimate and the limit.
TEST(AutoGrid, WhatDoesNotFitIsRefusedWithTheEstimateAndTheLimit) {
  auto refusal = [](const Mixture& m, const AutoGridOptions& a) -> std::string {
    try {
      solveOnAutomaticGrid(m, quiet(), a);
    } catch (const NumericalError& e) {
      return e.what();
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  };
  auto pointsIn = [](const std::string& msg) {
    const size_t at = msg.find("needs ") + 6;
    return std::atof(msg.c_str() + (msg.compare(at, 9, "at least ") == 0 ? at + 9 : at));
  };
  AutoGridOptions small;
  small.max_points_2d = 256;
  // two scales: species A free in the trap (extent ~13), species B uncoupled at a_* - 9e-4 (scale
  // ~0.2, spacing ~0.01 when alone): B is not resolved on A's box within the limit
  const std::string a = refusal(Mixture::twoSpecies(2, 0.5, 0.0, 11.7, 0.0), small);
  std::printf("%s\n", a.c_str());
  EXPECT_NE(a.find("automatic grid: needs"), std::string::npos) << a;
  EXPECT_NE(a.find("(> 256)"), std::string::npos) << a;
  EXPECT_NE(a.find("[grid]"), std::string::npos) << a;
  EXPECT_GT(pointsIn(a), 256);
  // one species at a_* - 6.5e-6 with the limit at 128: not resolved on any box that fits
  AutoGridOptions tiny;
  tiny.max_points_2d = 128;
  const std::string u = refusal(Mixture::singleSpecies(2, 11.70089), tiny);
  std::printf("%s\n", u.c_str());
  EXPECT_NE(u.find("(> 128)"), std::string::npos) << u;
  EXPECT_NE(u.find("not resolved"), std::string::npos) << u;
  EXPECT_NE(u.find("[grid]"), std::string::npos) << u;
  EXPECT_GT(pointsIn(u), 128);
  // the issue-22 state, resolved, but its extent at its smallest scale needs more than the limit
  const std::string b = refusal(Mixture::twoSpecies(2, 0.3, 2.0, 8.0, 13.05), small);
  std::printf("%s\n", b.c_str());
  EXPECT_NE(b.find("(> 256)"), std::string::npos) << b;
  EXPECT_NE(b.find("the state's extent and smallest scale"), std::string::npos) << b;
  EXPECT_NE(b.find("[grid]"), std::string::npos) << b;
  EXPECT_GT(pointsIn(b), 256);
  // traps 2e4 apart in 1D: refused before any solve, naming the key
  Species A{"A", 0.5, 0.0, Trap::power(2, {-1e4})}, B{"B", 0.5, 0.0, Trap::power(2, {1e4})};
  const std::string c = refusal(Mixture(1, {A, B}, Eigen::MatrixXd::Zero(2, 2)), {});
  std::printf("%s\n", c.c_str());
  EXPECT_NE(c.find("species[].trap.center"), std::string::npos) << c;
  EXPECT_NE(c.find("8192"), std::string::npos) << c;
  EXPECT_NE(c.find("[grid]"), std::string::npos) << c;
}
