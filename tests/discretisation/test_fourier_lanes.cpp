// FourierTransform::concurrently: a batch of independent items (one per species in the solvers) gives,
// on 2 and 3 threads, the bits of the same items run one after the other on a one-thread transform; the
// items run on one-thread lanes, one per thread; the lanes' transforms count in fftCount().
#include <cbec/discretisation/fourier.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <mutex>
#include <set>
#include <thread>

using namespace cbec;

namespace {

std::vector<Field> fields(const Grid& g, int count) {
  std::vector<Field> u;
  for (int s = 0; s < count; ++s)
    u.push_back(g.sample([&](const double* x) {
      double r2 = 0;
      for (int i = 0; i < g.dimension(); ++i) r2 += (1.0 + 0.3 * s + 0.1 * i) * x[i] * x[i];
      return std::exp(-0.5 * r2) * (1.0 + 0.2 * x[0]);
    }));
  return u;
}

/// -Δu_i, the preconditioner's sandwich D·F⁻¹[F(D·u_i)/(α + ν|k|²)] and ⟨u_i,-Δu_i⟩ for each item.
struct Batch {
  std::vector<Field> lap, res;
  std::vector<double> form, fused;   // ⟨u,-Δu⟩ by Parseval, and by the buffer passes (fill, multiplier, drain)
  std::set<const FourierTransform*> lanes;
  std::set<std::thread::id> threads;
};

Batch runBatch(FourierTransform& f, const std::vector<Field>& u, const Field& D) {
  const size_t n = u.size();
  Batch b{std::vector<Field>(n), std::vector<Field>(n), std::vector<double>(n), std::vector<double>(n), {}, {}};
  std::mutex m;
  f.concurrently(n, [&](size_t i, FourierTransform& lane) {
    lane.laplacianNeg(u[i], b.lap[i]);
    lane.applyResolvent(u[i], 2.0 + i, 0.5, b.res[i], &D);
    b.form[i] = lane.quadraticForm(u[i], lane.k2());
    lane.fillReal<0>([&](size_t j, auto&) { return u[i][j]; });
    lane.multiplierInBuffer(lane.k2());
    const double inv = lane.inverseSize();
    b.fused[i] = lane.drainReal<1>([&](size_t j, double v, std::array<double, 1>& a) { a[0] += u[i][j] * inv * v; })[0];
    std::lock_guard<std::mutex> lock(m);
    b.lanes.insert(&lane);
    b.threads.insert(std::this_thread::get_id());
  });
  return b;
}

}  // namespace

TEST(FourierLanes, BatchOnTwoAndThreeThreadsHasTheBitsOfTheOneThreadBatch) {
  for (int d : {2, 3}) {
    const Grid g(d, d == 2 ? 48 : 16, 12.0);
    const std::vector<Field> u = fields(g, 3);
    const Field D = g.sample([](const double* x) { return 1.0 / std::sqrt(1.0 + x[0] * x[0]); });
    FourierTransform f1(g, 1, false);
    const Batch one = runBatch(f1, u, D);
    EXPECT_EQ(f1.fftCount(), 3 * 7);
    EXPECT_EQ(one.lanes, std::set<const FourierTransform*>{&f1});   // one thread: no lanes
    for (int threads : {2, 3}) {
      FourierTransform f(g, threads, false);
      for (int rep = 0; rep < 2; ++rep) {   // the second batch reuses the lanes
        const Batch b = runBatch(f, u, D);
        EXPECT_EQ(f.fftCount(), (rep + 1) * 3 * 7) << threads;
        // a thread takes items until none is left: on a busy machine one thread may take them all
        EXPECT_GE(b.lanes.size(), 1u) << threads;
        EXPECT_LE(b.lanes.size(), std::min<size_t>(threads, 3)) << threads;
        EXPECT_EQ(b.lanes.count(&f), 0u) << threads;   // lanes are one-thread transforms, not f
        EXPECT_EQ(b.threads.size(), b.lanes.size()) << threads;   // one lane per thread
        for (const FourierTransform* lane : b.lanes) EXPECT_EQ(lane->threads(), 1);
        for (size_t i = 0; i < u.size(); ++i) {
          for (size_t j = 0; j < u[i].size(); ++j) {
            ASSERT_EQ(b.lap[i][j], one.lap[i][j]) << "d " << d << " threads " << threads << " item " << i;
            ASSERT_EQ(b.res[i][j], one.res[i][j]) << "d " << d << " threads " << threads << " item " << i;
          }
          EXPECT_EQ(b.form[i], one.form[i]);
          EXPECT_EQ(b.fused[i], one.fused[i]);
          EXPECT_NEAR(b.fused[i] * g.cellVolume(), b.form[i], 1e-12 * std::abs(b.form[i]));   // the same ⟨u,-Δu⟩
        }
      }
    }
  }
}

TEST(FourierLanes, ASingleItemRunsOnTheTransformItself) {
  const Grid g(2, 32, 10.0);
  FourierTransform f(g, 2, false);
  const FourierTransform* used = nullptr;
  f.concurrently(1, [&](size_t, FourierTransform& lane) { used = &lane; });
  EXPECT_EQ(used, &f);
}
