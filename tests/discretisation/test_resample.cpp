// Exact grid transfers (discretisation/resample.hpp): Fourier resampling on the same box and
// restriction / extension on the same lattice.
#include <cbec/discretisation/resample.hpp>
#include <cbec/solver/ground_state.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace cbec;

namespace {
double maxDiff(const Field& a, const Field& b) {
  double m = 0;
  for (size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a[i] - b[i]));
  return m;
}
}  // namespace

TEST(Resample, SpectralIsExactForBandLimitedFields) {
  for (int d : {1, 2, 3}) {
    const double L = 2 * M_PI;
    Grid fine(d, d == 3 ? 24 : 48, L, std::vector<double>(d, 0.3)), coarse(d, d == 3 ? 12 : 20, L, std::vector<double>(d, 0.3));
    // modes |k| ≤ 4 < 10/2 and 12/2 are representable on both grids
    auto f = [d](const double* x) {
      double v = 1.0;
      for (int i = 0; i < d; ++i) v += std::cos(3 * x[i] + 0.1 * i) * std::sin(x[i]) + 0.5 * std::cos(4 * x[i]);
      return v;
    };
    Field onFine = fine.sample(f), onCoarse = coarse.sample(f);
    EXPECT_LT(maxDiff(resampleSpectral(fine, onFine, coarse), onCoarse), 1e-13) << "d = " << d;
    EXPECT_LT(maxDiff(resampleSpectral(coarse, onCoarse, fine), onFine), 1e-13) << "d = " << d;
  }
}

TEST(Resample, SpectralOfAGaussianMatchesDirectSampling) {
  Grid fine(2, 128, 16.0), coarse(2, 64, 16.0);
  auto g = [](const double* x) { return std::exp(-0.5 * (x[0] * x[0] + x[1] * x[1])); };
  EXPECT_LT(maxDiff(resampleSpectral(fine, fine.sample(g), coarse), coarse.sample(g)), 1e-14);
}

TEST(Resample, LatticeRestrictionAndExtensionAreExact) {
  Grid big(2, 40, 10.0, {1.0, -1.0}), small(2, 30, 7.5, {1.0, -1.0});
  ASSERT_TRUE(sameLattice(big, small));
  auto g = [](const double* x) { return std::exp(-(x[0] - 1) * (x[0] - 1) - (x[1] + 1) * (x[1] + 1)); };
  EXPECT_EQ(maxDiff(resampleLattice(big, big.sample(g), small), small.sample(g)), 0.0);
  Field ext = resampleLattice(small, small.sample(g), big), direct = big.sample(g);
  double outside = 0;
  for (size_t i = 0; i < ext.size(); ++i) outside = std::max(outside, std::abs(ext[i] - direct[i]));
  EXPECT_LT(outside, 1e-5);  // zero outside the small box, where g < e^{-(3.75)^2}
}

TEST(Resample, TransferStateUsesTheExactPaths) {
  Grid fine(2, 128, 16.0), coarse(2, 80, 16.0), other(2, 50, 11.0);   // e^{-x²/2} < 1e-13 at the box edge
  auto g = [](const double* x) { return std::exp(-0.5 * (x[0] * x[0] + x[1] * x[1])) / std::sqrt(M_PI); };
  State u{fine.sample(g)};
  EXPECT_LT(maxDiff(transferState(fine, u, coarse)[0], coarse.sample(g)), 1e-13);
  // Not the same box or lattice: interpolation, second order only.
  EXPECT_GT(maxDiff(transferState(fine, u, other)[0], other.sample(g)), 1e-8);
  EXPECT_THROW(resampleSpectral(fine, u[0], other), std::exception);
}

// Every transfer returns fields shaped for the target grid, also when the values arrive unshaped (read from a
// file) and the grids coincide: the Hamiltonian's terms read the shape (an unshaped field was read out of
// bounds in TrapTerm::addPotential).
TEST(Resample, TransfersCarryTheTargetShape) {
  Grid g(2, 32, 8.0), big(2, 40, 10.0);
  ASSERT_TRUE(sameLattice(big, g));
  auto f = [](const double* x) { return std::exp(-0.5 * (x[0] * x[0] + x[1] * x[1])); };
  const Field sampled = g.sample(f);
  const Field bare(std::vector<double>(sampled.begin(), sampled.end()));   // unshaped, as from a file
  ASSERT_FALSE(bare.shape().known());
  EXPECT_EQ(resampleSpectral(g, bare, g).shape(), g.shape());
  EXPECT_EQ(resampleLattice(big, big.sample(f), g).shape(), g.shape());
  EXPECT_EQ(transferState(g, State{bare}, g)[0].shape(), g.shape());
}
