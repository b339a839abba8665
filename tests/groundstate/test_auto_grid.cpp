// Default settings (automatic grid, tolerance 1e-10) give harmonic-trap energies to ≥ 10 digits for
// 0 ≤ a ≤ 10 (issue 3 "done when"), checked against an independent fine, large fixed grid; the
// a posteriori error estimate must be small and honest.
#include <cbec/solver/auto_grid.hpp>

#include <gtest/gtest.h>

#include "../support/quiet_solver.hpp"

#include <cmath>
#include <cstdio>

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
