// The exponentially small cross term of M Theorem 3 (blowup/cross_term.hpp, radial_tail.hpp).
#include <cbec/blowup/cross_term.hpp>
#include <cbec/blowup/radial_tail.hpp>
#include <cbec/soliton/townes_profile.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

namespace cbec {
namespace {

// a = 0, V = |x|²: u = π^{-1/2} e^{-r²/2}, μ = 2 exactly. The Riccati tail must reproduce log u where
// u is far below the round-off of any grid (u(12) ~ e^{-72}).
TEST(RadialTail, HarmonicOscillatorTailToEMinus72) {
  const Grid g(2, 128, 16.0);
  const Field u = g.sample([](const double* x) { return std::exp(-0.5 * (x[0] * x[0] + x[1] * x[1])) / std::sqrt(M_PI); });
  FourierTransform fourier(g, 1, false);
  const RadialLogProfile prof(fourier, u, {0.0, 0.0}, 2.0, 0.0, 2.0, 12.0);
  EXPECT_LT(prof.tailMismatch(), 1e-9);
  double worst = 0;
  for (double r = 0; r <= 12.0; r += 0.0137)
    worst = std::max(worst, std::abs(prof.logValue(r) - (-0.5 * r * r - 0.5 * std::log(M_PI))));
  EXPECT_LT(worst, 1e-9);
}

TEST(CrossTerm, ExponentialFitRecoversItsParameters) {
  std::vector<double> x, y;
  for (double t = 3; t < 60; t *= 1.3) { x.push_back(t); y.push_back(-1.7 + 1.5 * std::log(t) - 2.25 * t); }
  const ExponentialFit f = fitExponentialDecay(x, y);
  EXPECT_NEAR(f.rate, 2.25, 1e-10);
  EXPECT_NEAR(f.power, 1.5, 1e-9);
  EXPECT_NEAR(f.log_prefactor, -1.7, 1e-8);
}

Mixture theorem3Base(double a12, double half) {
  Eigen::MatrixXd inter = Eigen::MatrixXd::Zero(2, 2);
  inter(0, 1) = inter(1, 0) = a12;
  return Mixture(2, {Species{"A", 0.5, 10.0, Trap::power(2.0, {-half, 0.0})}, Species{"B", 0.5, 10.0, Trap::power(2.0, {half, 0.0})}},
                 inter);
}

// The direct formula Δ = c1c2|a12| I - c1R1 - c2R2 against the energy difference of three grid solves on one
// grid, where both are accurate: d = 3e-3, κD = 8.2, Δ = 2.87e-6 (the energy difference carries ~1e-13 absolute,
// the formula's next order ~ (κ⁴I)² ≈ 4e-5 relative: measured 3.7e-5). The first order alone is 2.5% off and the
// relaxation without the soft global modes (local box, full_below = 0) 0.3%: the test tells the three apart.
TEST(CrossTerm, DirectFormulaMatchesEnergyDifference) {
  const Mixture base = theorem3Base(-2.0, 0.5);
  const BlowupPath path(BlowupPath::Kind::Theorem3, base);
  CrossTermOptions o;
  o.distances = {3e-3};
  o.compare_above = 0;
  const CrossTermStudy st = runCrossTermStudy(path, base, o);
  ASSERT_EQ(st.path.size(), 1u);
  const CrossTermPoint& p = st.path[0];
  ASSERT_TRUE(std::isfinite(p.energy_difference));
  EXPECT_TRUE(p.relaxation_full);
  EXPECT_NEAR(p.direct / p.energy_difference, 1.0, 1e-4);
  EXPECT_GT(std::abs(p.first_order / p.energy_difference - 1), 1e-2);
  EXPECT_LT(p.quadrature_error, 1e-10);
  EXPECT_LT(std::max(p.tail_mismatch[0], p.tail_mismatch[1]), 1e-6);
  // the overlap I against the grid: the first-order energy F(u1*, u2*) - c1E1 - c2E2 = c1c2|a12| I is what the
  // comparison above rests on; the log form must equal the plain value here (no underflow at κD = 8)
  EXPECT_NEAR(std::exp(p.log_direct), p.direct, 1e-12 * p.direct);
}

// The same point with the relaxation from the local box only: off by the soft-mode part (~0.3% here).
TEST(CrossTerm, LocalRelaxationMissesTheSoftModes) {
  const Mixture base = theorem3Base(-2.0, 0.5);
  const BlowupPath path(BlowupPath::Kind::Theorem3, base);
  CrossTermOptions o;
  o.distances = {3e-3};
  o.compare_above = 0;
  o.relaxation.full_below = 0;
  const CrossTermStudy st = runCrossTermStudy(path, base, o);
  const CrossTermPoint& p = st.path[0];
  EXPECT_FALSE(p.relaxation_full);
  EXPECT_GT(std::abs(p.direct / p.energy_difference - 1), 1e-3);
}

}  // namespace
}  // namespace cbec
