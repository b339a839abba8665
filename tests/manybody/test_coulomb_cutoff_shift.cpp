// The Coulomb cutoff of (F 5.16) in the toy model's modes (manybody/coulomb_cutoff_shift.hpp).
#include <cbec/manybody/coulomb_cutoff_shift.hpp>
#include <cbec/manybody/few_mode_model.hpp>

#include <gtest/gtest.h>

#include <cmath>

// To leading order ΔV_0000 = (2π a r_c²/3)(2π)^{-3/2}, r_c = |a|/c, so it falls like c^{-2} (N^{-6} for c = N³).
TEST(CoulombCutoffShift, LeadingOrderAndScaling) {
  const double a = 2.0;
  for (double c : {1e3, 1e5, 1e7}) {
    const double rc = a / c;
    const auto dV = cbec::coulombCutoffShift(3, a, c);
    const double predicted = 2 * M_PI * a * rc * rc / 3 * std::pow(2 * M_PI, -1.5);
    EXPECT_NEAR(dV[0] / predicted, 1.0, 5 * rc) << "c = " << c;
    const auto dV2 = cbec::coulombCutoffShift(3, a, 2 * c);
    for (std::size_t i = 0; i < dV.size(); ++i)
      if (std::abs(dV[i]) > 1e-3 * std::abs(dV[0])) EXPECT_NEAR(dV[i] / dV2[i], 4.0, 0.05);
  }
  const auto neg = cbec::coulombCutoffShift(2, -a, 1e3), pos = cbec::coulombCutoffShift(2, a, 1e3);
  for (std::size_t i = 0; i < neg.size(); ++i) EXPECT_DOUBLE_EQ(neg[i], -pos[i]);
}

// Against the toy model's own matrix elements for two moderate cutoffs (wide strips that its quadrature
// resolves): V(c1) − V(c2) = ΔV(c2) − ΔV(c1).
TEST(CoulombCutoffShift, AgreesWithTheToyModelMatrixElements) {
  const double a = 1.0;
  const double c1 = 1.0, c2 = 4.0;   // r_c = 1 and 0.25
  const cbec::FewModeModel V1 = cbec::toyModelModes(2, 1.0, cbec::PairInteraction::coulomb(a, c1));
  const cbec::FewModeModel V2 = cbec::toyModelModes(2, 1.0, cbec::PairInteraction::coulomb(a, c2));
  const auto d1 = cbec::coulombCutoffShift(2, a, c1), d2 = cbec::coulombCutoffShift(2, a, c2);
  for (std::size_t i = 0; i < d1.size(); ++i) {
    const double direct = V1.interaction()[i] - V2.interaction()[i], shifted = d2[i] - d1[i];
    EXPECT_NEAR(direct, shifted, 2e-6);   // the toy model's kinked quadrature: 1e-6 level
  }
  // independent: ΔV_0000(c = 1) by a midpoint rule on 1500² and 3000² points, Richardson-extrapolated
  // (0.1151969600, 0.1151955415 → 0.11519507)
  EXPECT_NEAR(d1[0], 0.11519507, 3e-8);
}
