// parallel.hpp: forEach covers every index once; sum<K> gives the same bits for every thread count and
// agrees with a quad-precision sum to double round-off.
#include <cbec/discretisation/parallel.hpp>

#include <gtest/gtest.h>

#include <quadmath.h>

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

using namespace cbec;

namespace {
std::vector<double> samples(size_t n) {
  std::vector<double> x(n);
  for (size_t i = 0; i < n; ++i) x[i] = std::sin(0.37 * static_cast<double>(i)) * (1.0 + 1e-3 * static_cast<double>(i % 977));
  return x;
}
}  // namespace

TEST(Parallel, ForEachVisitsEveryIndexOnceForAnyThreadCount) {
  for (size_t n : {size_t{0}, size_t{1}, size_t{5000}, size_t{3 * parallel::kBlock + 17}}) {
    for (int threads : {1, 2, 3, 7}) {
      std::vector<int> hits(n, 0);
      parallel::forEach(threads, n, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) ++hits[i];
      });
      for (size_t i = 0; i < n; ++i) ASSERT_EQ(hits[i], 1) << "n = " << n << " threads = " << threads << " i = " << i;
    }
  }
}

TEST(Parallel, SumHasTheSameBitsForEveryThreadCountAndIsAccurate) {
  const size_t n = 37 * parallel::kBlock + 123;
  const std::vector<double> x = samples(n);
  auto run = [&](int threads) {
    return parallel::sum<2>(threads, n, [&](size_t b, size_t e) {
      double s = 0, q = 0;
      for (size_t i = b; i < e; ++i) { s += x[i]; q += x[i] * x[i]; }
      return std::array<double, 2>{s, q};
    });
  };
  const auto one = run(1);
  for (int threads : {2, 3, 4, 8}) {
    const auto t = run(threads);
    EXPECT_EQ(t[0], one[0]) << threads;   // bitwise
    EXPECT_EQ(t[1], one[1]) << threads;
  }
  __float128 s = 0, q = 0;
  for (double v : x) { s += v; q += static_cast<__float128>(v) * v; }
  EXPECT_LT(std::abs(one[0] - static_cast<double>(s)), 1e-13 * static_cast<double>(q));
  EXPECT_LT(std::abs(one[1] - static_cast<double>(q)), 1e-14 * static_cast<double>(q));
}

// The helpers serve one pass at a time: passes started at once from two threads of the program, and a
// pass started from inside a pass, run on threads of their own instead, with the same coverage and sums.
TEST(Parallel, PassesFromTwoCallersAtOnceAndFromInsideAPassAreComplete) {
  const size_t n = 9 * parallel::kBlock + 5;
  const std::vector<double> x = samples(n);
  const auto reference = parallel::sum<1>(1, n, [&](size_t b, size_t e) {
    double s = 0;
    for (size_t i = b; i < e; ++i) s += x[i];
    return std::array<double, 1>{s};
  });
  auto caller = [&](int threads, int& failures) {
    for (int rep = 0; rep < 200; ++rep) {
      std::vector<int> hits(n, 0);
      parallel::forEach(threads, n, [&](size_t b, size_t e) {
        parallel::forEach(2, e - b, [&](size_t c, size_t d) {   // nested: the helpers are busy
          for (size_t i = b + c; i < b + d; ++i) ++hits[i];
        });
      });
      const auto s = parallel::sum<1>(threads, n, [&](size_t b, size_t e) {
        double acc = 0;
        for (size_t i = b; i < e; ++i) acc += x[i];
        return std::array<double, 1>{acc};
      });
      if (std::count(hits.begin(), hits.end(), 1) != static_cast<long>(n) || s[0] != reference[0]) ++failures;
    }
  };
  int failuresA = 0, failuresB = 0;
  std::thread a([&] { caller(2, failuresA); });
  std::thread b([&] { caller(3, failuresB); });
  a.join();
  b.join();
  EXPECT_EQ(failuresA, 0);
  EXPECT_EQ(failuresB, 0);
}
