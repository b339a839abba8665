// M Theorem 2 path solved (issue 13, item 6): E / leading term → 1 and both rescaled components → Q_0.
#include <cbec/blowup/blowup_scan.hpp>
#include <cbec/soliton/townes_profile.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

using namespace cbec;

// M Theorem 2 path (c1 = 0.4, a1 = 8, the example's a2): E/leading term → 1 and the rescaled
// components → Q_0 as d decreases; both components share the scale Θ d^{-1/4}.
TEST(SolvedPaths, Theorem2ScanApproachesTheLeadingTerm) {
  const double aStar = TownesProfile::standard().aStar();
  const double c1 = 0.4, c2 = 0.6, a1 = 8.0, a2 = aStar - (c1 / c2) * (aStar - a1);
  std::vector<Species> sp = {{"A", c1, a1, Trap::power(2.0, {0.0, 0.0})}, {"B", c2, a2, Trap::power(2.0, {0.0, 0.0})}};
  BlowupPath path(BlowupPath::Kind::Theorem2, Mixture(2, sp, Eigen::MatrixXd::Zero(2, 2)));
  BlowupScanOptions o;
  o.distances = {1e-1, 1e-2, 1e-3};
  o.solver.progress = false;
  o.solver.keep_history = false;
  o.solver.measure = false;
  const BlowupScan scan = runBlowupScan(path, o);
  ASSERT_EQ(scan.points.size(), 3u);
  for (size_t i = 0; i < scan.points.size(); ++i) {
    const BlowupPoint& p = scan.points[i];
    std::printf("d = %g: ratio %.8f, L2 errors %.3e %.3e, ell measured/predicted %.5f\n", p.distance, p.ratio,
                p.error_L2[0], p.error_L2[1], p.ell_measured[0] / p.ell[0]);
    EXPECT_TRUE(p.converged);
    EXPECT_NEAR(p.ell[0], p.ell[1], 1e-14 * p.ell[0]);
    if (i > 0) {
      EXPECT_LT(std::abs(p.ratio - 1), std::abs(scan.points[i - 1].ratio - 1));
      for (int s = 0; s < 2; ++s) EXPECT_LT(p.error_L2[s], scan.points[i - 1].error_L2[s]);
    }
  }
  EXPECT_NEAR(scan.points.back().ratio, 1.0, 1e-4);   // observed 1 - 1.5e-5 at d = 1e-3
  for (const BlowupPoint& p : scan.points) EXPECT_NEAR(p.ell_measured[0] / p.ell[0], 1.0, 5e-3);
  EXPECT_NEAR(scan.fitted_exponent, 0.5, 0.02);
}
