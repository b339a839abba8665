// Blow-up of attractive 2D condensates along the paths of M Theorems 1–3 (MODEL.md §3).
#include <cbec/blowup/blowup_scan.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/soliton/blowup_constants.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace cbec;

namespace {
BlowupScanOptions quiet(std::vector<double> distances) {
  BlowupScanOptions o;
  o.distances = std::move(distances);
  o.solver.progress = false;
  o.solver.keep_history = false;
  return o;
}
Mixture separatedMixture(double a12) {
  std::vector<Species> sp = {{"A", 0.5, 0.0, Trap::power(2.0, {-0.5, 0.0})},
                             {"B", 0.5, 0.0, Trap::power(2.0, {0.5, 0.0})}};
  Eigen::MatrixXd inter = Eigen::MatrixXd::Zero(2, 2);
  inter(0, 1) = inter(1, 0) = a12;
  return Mixture(2, sp, inter);
}
}  // namespace

class SingleSpeciesBlowup : public ::testing::TestWithParam<double> {};

TEST_P(SingleSpeciesBlowup, EnergyExponentProfileAndScale) {
  const double p = GetParam();
  BlowupPath path(BlowupPath::Kind::Theorem1, Mixture::singleSpecies(2, 0.0, p));
  BlowupScan scan = runBlowupScan(path, quiet({1e-2, 1e-3, 1e-4, 1e-5}));
  ASSERT_EQ(scan.points.size(), 4u);
  // E ~ d^{p/(p+2)}: fitted exponent within 2% (issue 4); achieved ~1e-5 relative.
  EXPECT_NEAR(scan.fitted_exponent, p / (p + 2), 0.02 * p / (p + 2));
  EXPECT_NEAR(scan.fitted_exponent, p / (p + 2), 1e-3);
  for (size_t i = 0; i < scan.points.size(); ++i) {
    const BlowupPoint& pt = scan.points[i];
    SCOPED_TRACE(::testing::Message() << "d = " << pt.distance);
    EXPECT_TRUE(pt.converged);
    // E / leading term → 1 and the rescaled state → Q_0: both errors fall along the scan.
    if (i > 0) {
      EXPECT_LT(std::abs(pt.ratio - 1), std::abs(scan.points[i - 1].ratio - 1));
      EXPECT_LT(pt.error_L2[0], scan.points[i - 1].error_L2[0]);
      EXPECT_LT(pt.error_H1[0], scan.points[i - 1].error_H1[0]);
    }
    // The concentration scale ‖∇u‖ follows ℓ = Λ d^{-1/(p+2)} with the exponent 1/(p+2) in Λ
    // (M 2.3); the form printed in (M 2.9), Λ' = (p/2 M_p)^{2/(p+2)} = Λ², is off by a factor Λ.
    EXPECT_NEAR(pt.ell_measured[0] / pt.ell[0], 1.0, 5e-3);
    EXPECT_LT(pt.boundary, 1e-8);
    EXPECT_LT(pt.high_modes, 1e-7);
  }
  const BlowupPoint& last = scan.points.back();
  EXPECT_NEAR(last.ratio, 1.0, 1e-5);
  EXPECT_LT(last.error_H1[0], 1e-4);
  const double lambda = blowupConstants(TownesProfile::standard(), p, 1.0).Lambda;
  const double lambdaM29 = lambda * lambda;
  EXPECT_GT(std::abs(last.ell_measured[0] / (lambdaM29 * std::pow(last.distance, -1 / (p + 2))) - 1), 0.1);
}

INSTANTIATE_TEST_SUITE_P(Powers, SingleSpeciesBlowup, ::testing::Values(2.0, 4.0));

TEST(Theorem3Blowup, EachComponentCollapsesAtItsOwnTrapCentre) {
  BlowupPath path(BlowupPath::Kind::Theorem3, separatedMixture(-2.0));
  BlowupScan scan = runBlowupScan(path, quiet({1e-1, 1e-2, 1e-3}));
  double prevDistance = 1e9;
  for (const BlowupPoint& pt : scan.points) {
    const double dist = std::hypot(pt.peak[0][0] + 0.5, pt.peak[0][1]) + std::hypot(pt.peak[1][0] - 0.5, pt.peak[1][1]);
    EXPECT_LT(dist, prevDistance);
    prevDistance = dist;
  }
  EXPECT_LT(prevDistance, 1e-3);   // peaks within 1e-3 of z1 = (-0.5, 0) and z2 = (0.5, 0) at d = 1e-3
  EXPECT_LT(std::abs(scan.points.back().ratio - 1), 1e-4);
  EXPECT_LT(scan.points.back().error_L2[1], 1e-3);
}

TEST(BlowupPath, CouplingsFollowTheTheoremPaths) {
  const double aStar = TownesProfile::standard().aStar();
  BlowupPath t1(BlowupPath::Kind::Theorem1, Mixture::twoSpecies(2, 0.3, 0, 0, 2.0));
  Mixture m = t1.mixtureAt(1e-3);
  const double aN = 0.3 * m.coupling(0, 0) + 0.7 * m.coupling(1, 1) + 2 * 0.3 * 0.7 * m.coupling(0, 1);
  EXPECT_NEAR(aN, aStar - 1e-3, 1e-13);
  EXPECT_NEAR(m.coupling(0, 0), aStar - 0.7 * 2.0 - 1e-3, 1e-13);

  const double c1 = 0.4, c2 = 0.6, a1 = 8.0, a2 = aStar - c1 / c2 * (aStar - a1);
  BlowupPath t2(BlowupPath::Kind::Theorem2, Mixture::twoSpecies(2, c1, a1, a2, 0.0));
  const double alphaStar = (aStar - a1) / c2;
  EXPECT_NEAR(t2.mixtureAt(1e-4).coupling(0, 1), alphaStar - 1e-4, 1e-13);
  EXPECT_NEAR(t2.predictedEnergy(1e-4) / std::sqrt(1e-4),
              *blowupConstants(TownesProfile::standard(), 2.0, 1.0, {{c1, c2}}).limit_theorem2, 1e-14);
}

TEST(BlowupPath, RejectsSettingsOutsideTheTheorems) {
  EXPECT_THROW(BlowupPath::kindByName("theorem4"), InputError);
  EXPECT_THROW(BlowupPath(BlowupPath::Kind::Theorem1, Mixture::twoSpecies(2, 0.5, 0, 0, -1.0)), InputError);
  EXPECT_THROW(BlowupPath(BlowupPath::Kind::Theorem2, Mixture::twoSpecies(2, 0.5, 3.0, 4.0, 1.0)), InputError);
  EXPECT_THROW(BlowupPath(BlowupPath::Kind::Theorem3, separatedMixture(+1.0)), InputError);
  EXPECT_THROW(BlowupPath(BlowupPath::Kind::Theorem1, Mixture::singleSpecies(1, 0.0)), InputError);
  EXPECT_THROW(BlowupPath(BlowupPath::Kind::Theorem1, separatedMixture(1.0)), InputError);
  BlowupPath ok(BlowupPath::Kind::Theorem1, Mixture::singleSpecies(2, 0.0));
  EXPECT_THROW(ok.mixtureAt(-1e-3), InputError);
}

TEST(FitPowerLaw, RecoversExactExponents) {
  std::vector<double> x = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5}, y;
  for (double v : x) y.push_back(3 * std::pow(v, 0.4));
  EXPECT_NEAR(asymptoticExponent(x, y), 0.4, 1e-12);
}
