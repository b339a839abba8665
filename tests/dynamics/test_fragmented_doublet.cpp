// The degenerate doublet with spatially different orbitals (issue 23 item 3): the ν-rate of
// Tr|γ^(1)_{∞,ν,t} − γ^(1)_{∞,∞,t}| (F 3.16) where K(t) of (F 3.17–3.18) moves, against the bound's 1/√ν
// and the first-order (in 1/ν) prediction of dynamics/fragmented_doublet.hpp.
#include <cbec/dynamics/fragmented_doublet.hpp>
#include <cbec/dynamics/infinite_gap.hpp>
#include <cbec/io/errors.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace cbec;

namespace {

DoubletModel doubleWell() {
  DoubletModel m;
  m.occupations = {0.6, 0.4};
  m.wellMinimum = 2;
  m.potential = PairInteraction::gaussian(2.0, 0.6);
  return m;
}

DoubletOptions fastOptions() {
  DoubletOptions o;
  o.tolerance = 1e-9;
  return o;
}

}  // namespace

TEST(FragmentedDoublet, KMovesAndKeepsRankTwo) {
  // the non-trivial case of F Thm 3.2: K(t) ≠ K(0) = diag(n) (pair tunnelling), rank 2 (F 3.19); the values
  // agree with the κ test of test_infinite_gap.cpp (128 points, box 16: K_11(1) = 0.5679958)
  Grid g(1, 64, 12.0);
  const DoubletModel model = doubleWell();
  DoubletSpectrum sp(g, model);
  EXPECT_GT(sp.energies()[1] - sp.energies()[0], 0.05);   // the tunnel splitting h_0 has and h_ν removes
  EXPECT_EQ(sp.g()[0], 0.0);
  EXPECT_EQ(sp.g()[1], 0.0);
  EXPECT_DOUBLE_EQ(sp.g()[2], 1.0);
  DoubletOptions o = fastOptions();
  o.prediction = false;
  DoubletLimit lim = doubletLimit(sp, model, {1.0, 2.0}, o);
  EXPECT_NEAR(lim.K[0](0, 0).real(), 0.5679958, 2e-7);
  EXPECT_NEAR(lim.K[1](0, 0).real(), 0.4999288, 2e-7);
  for (const auto& K : lim.K) {
    EXPECT_LT(std::abs(K(0, 1)), 1e-12);   // parity
    EXPECT_EQ(numericalRank(K), 2);
  }
}

TEST(FragmentedDoublet, WithoutInteractionNothingMoves) {
  // V = 0: the datum lies in ker h_ν, so φ_t = φ_0 for every ν and K = diag(n): distance 0
  Grid g(1, 48, 12.0);
  DoubletModel model = doubleWell();
  model.potential = PairInteraction::gaussian(0.0, 0.6);
  model.nu = 50;
  DoubletSpectrum sp(g, model);
  const std::vector<double> times{0.5, 1.0};
  DoubletLimit lim = doubletLimit(sp, model, times, fastOptions());
  DoubletEvolution e = evolveFragmentedDoublet(sp, model, lim, times, fastOptions());
  for (const auto& s : e.snapshots) {
    EXPECT_LT(s.distance, 1e-12);
    EXPECT_LT(s.predicted, 1e-12);
    EXPECT_LT(s.normDrift, 1e-12);   // round-off of the dense transforms
  }
}

TEST(FragmentedDoublet, NuRateIsOneOverNuNotOneOverSquareRoot) {
  // The bound (F 3.16) is 1/√ν; the first-order theory predicts 1/ν. At a fixed t the distance oscillates
  // in ν (phases e^{−iνg_n t}), so single-time slopes scatter; sup over 8 times in (0, 1] gives the rate.
  // Observed (64 points, box 12, ν = 20 … 160): sup exponent ≈ −1.0, and the first-order prediction follows
  // the oscillation pointwise, to a few % at ν = 20 and ≈ 0.2 % at ν = 160 (relative error O(1/ν)).
  Grid g(1, 64, 12.0);
  const DoubletModel model = doubleWell();
  DoubletSpectrum sp(g, model);
  std::vector<double> times;
  for (int k = 1; k <= 8; ++k) times.push_back(0.125 * k);
  const std::vector<double> nu{20, 40, 80, 160};
  const DoubletOptions o = fastOptions();
  DoubletLimit lim = doubletLimit(sp, model, times, o);
  DoubletSweep w = sweepDoubletNu(sp, model, lim, nu, times, o);
  EXPECT_GT(w.fittedExponentSup, -1.15);
  EXPECT_LT(w.fittedExponentSup, -0.85);   // near −1, well below the bound's −1/2
  // √ν · sup_t d falls by more than 2 from ν = 20 to 160 (it would stay bounded below if the bound were attained)
  EXPECT_GT(std::sqrt(20.0) * w.supDistance[0], 2 * std::sqrt(160.0) * w.supDistance[3]);
  auto relative = [&](size_t k) {
    double r = 0;
    for (size_t m = 0; m < times.size(); ++m)
      r = std::max(r, std::abs(w.distance[k][m] - w.predicted[k][m]) / w.distance[k][m]);
    return r;
  };
  EXPECT_LT(relative(3), 0.01);
  EXPECT_GT(relative(0), 4 * relative(3));   // the prediction's error falls faster than the distance
  for (size_t k = 0; k < nu.size(); ++k)
    for (size_t m = 0; m < times.size(); ++m) {
      EXPECT_GT(w.distance[k][m], 1e-4);
      EXPECT_LT(w.phaseError[k][m], 1e-3 * w.distance[k][m]);
    }
}

TEST(FragmentedDoublet, DistancesConvergedInStepAndGrid) {
  // the splitting's tolerance 1e-9 → 1e-11 and the grid 64 points (box 12) → 96 points (box 14) change the
  // distances by far less than their size
  const DoubletModel base = [] { DoubletModel m = doubleWell(); m.nu = 40; return m; }();
  const std::vector<double> times{0.5, 1.0};
  auto run = [&](int points, double box, double tol) {
    Grid g(1, points, box);
    DoubletSpectrum sp(g, base);
    DoubletOptions o = fastOptions();
    o.tolerance = tol;
    o.prediction = false;
    DoubletLimit lim = doubletLimit(sp, base, times, o);
    return evolveFragmentedDoublet(sp, base, lim, times, o);
  };
  const DoubletEvolution a = run(64, 12.0, 1e-9), b = run(64, 12.0, 1e-11), c = run(96, 14.0, 1e-9);
  for (size_t m = 0; m < times.size(); ++m) {
    const double d = a.snapshots[m].distance;
    EXPECT_GT(d, 1e-3);
    EXPECT_LT(std::abs(b.snapshots[m].distance - d), 1e-4 * d) << "time step, t = " << times[m];
    EXPECT_LT(std::abs(c.snapshots[m].distance - d), 1e-4 * d) << "grid, t = " << times[m];
  }
}

TEST(FragmentedDoublet, RefusesWhatItCannotRepresent) {
  const DoubletModel model = doubleWell();
  EXPECT_THROW(DoubletSpectrum(Grid(2, 16, 12.0), model), InputError);
  try {
    DoubletSpectrum(Grid(1, 64, 5.0), model);   // the wells at ±2 do not fit
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("grid.box"), std::string::npos) << e.what();
  }
}

TEST(FragmentedDoublet, FlatSpectrumPredictionCouplesTheDegenerateExcitedLevels) {
  // h_ν = ν(1 − P): every excited level at ν, so the resonant part of Q DN Q couples all of them (the full
  // matrix: with its diagonal only the prediction is off by 4.5 % and 11 %). Observed: within 1e-3 of the
  // distance at ν = 80 (t = 0.5, 1).
  Grid g(1, 48, 12.0);
  DoubletModel model = doubleWell();
  model.flatExcited = true;
  model.nu = 80;
  DoubletSpectrum sp(g, model);
  EXPECT_DOUBLE_EQ(sp.g()[5], 1.0);
  const std::vector<double> times{0.5, 1.0};
  DoubletLimit lim = doubletLimit(sp, model, times, fastOptions());
  DoubletEvolution e = evolveFragmentedDoublet(sp, model, lim, times, fastOptions());
  for (const auto& s : e.snapshots) {
    EXPECT_GT(s.distance, 1e-3);
    EXPECT_LT(std::abs(s.distance - s.predicted), 1e-3 * s.distance);
  }
}
