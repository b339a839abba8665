// FourierTransform's r2c work buffer (fourier.hpp: fillReal, multiplierInBuffer, resolventInBuffer,
// drainReal): the fused passes give the same bits as the unfused operators on the same plans, visit every
// grid point once in the padded layout (rows straddling the 4096-point sum blocks included), and their
// sums have the same bits for every thread count.
#include <cbec/discretisation/fourier.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

using namespace cbec;

namespace {
Field someField(const Grid& g, double shift) {
  return g.sample([&](const double* x) {
    double r2 = 0;
    for (int i = 0; i < g.dimension(); ++i) r2 += (x[i] - shift * (i + 1)) * (x[i] - shift * (i + 1));
    return std::exp(-0.7 * r2) * (1 + 0.3 * x[0]);
  });
}
bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
}  // namespace

TEST(FourierBuffer, FusedPassesEqualTheOperatorsBitwise) {
  // 90² = 8100 points: rows of 90 straddle the sum blocks; 3D 20³; n = 46 (n/2 odd)
  for (const Grid& g : {Grid(2, 90, 10.0), Grid(3, 20, 8.0), Grid(2, 46, 9.0)}) {
    FourierTransform fft(g, 1, false);
    const Field u = someField(g, 0.2), D = someField(g, -0.1);
    Field lap, res, lapFused(g.shape()), resFused(g.shape());
    fft.laplacianNeg(u, lap);
    fft.applyResolvent(u, 1.7, 0.8, res, &D);
    const double inv = fft.inverseSize();
    fft.fillReal<0>([&](size_t i, auto&) { return u[i]; });
    fft.multiplierInBuffer(fft.k2());
    const auto [ul] = fft.drainReal<1>([&](size_t i, double b, std::array<double, 1>& a) {
      lapFused[i] = inv * b;
      a[0] += u[i] * lapFused[i];
    });
    fft.fillReal<0>([&](size_t i, auto&) { return D[i] * u[i]; });
    fft.resolventInBuffer(1.7, 0.8);
    fft.drainReal<0>([&](size_t i, double b, auto&) { resFused[i] = inv * D[i] * b; });
    double ref = 0;
    for (size_t i = 0; i < g.size(); ++i) {
      ASSERT_TRUE(sameBits(lap[i], lapFused[i])) << "n = " << g.points() << " i = " << i;
      ASSERT_TRUE(sameBits(res[i], resFused[i])) << "n = " << g.points() << " i = " << i;
      ref += u[i] * lap[i];
    }
    EXPECT_NEAR(ul, ref, 1e-12 * std::abs(ref));
    // ⟨u,-Δu⟩ by Parseval agrees
    EXPECT_NEAR(ul * g.cellVolume(), fft.quadraticForm(u, fft.k2()), 1e-12 * std::abs(ul * g.cellVolume()));
    EXPECT_EQ(fft.fftCount(), 9);   // 2 per operator, fused or not, and the Parseval form's one
  }
}

TEST(FourierBuffer, EveryPointOnceAndSumsIndependentOfTheThreadCount) {
  const Grid g(2, 90, 10.0);
  const Field u = someField(g, 0.3);
  std::array<double, 2> first{};
  for (int threads : {1, 2, 3, 5}) {
    FourierTransform fft(g, threads, false);
    const auto sums = fft.fillReal<2>([&](size_t i, std::array<double, 2>& a) {
      a[0] += u[i];
      a[1] += static_cast<double>(i);
      return static_cast<double>(i);   // the buffer then holds the grid index of each point
    });
    std::vector<int> hits(g.size(), 0);
    fft.drainReal<0>([&](size_t i, double b, auto&) {
      ASSERT_EQ(b, static_cast<double>(i));
      ++hits[i];
    });
    for (int h : hits) ASSERT_EQ(h, 1);
    EXPECT_EQ(sums[1], 0.5 * double(g.size()) * double(g.size() - 1));
    if (threads == 1) first = sums;
    EXPECT_TRUE(sameBits(sums[0], first[0])) << "threads " << threads;
  }
}
