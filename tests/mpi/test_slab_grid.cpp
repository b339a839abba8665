// Grids split into FFTW-MPI slabs (discretisation/slab.hpp). ctest runs this binary on one process (no slabs:
// the tests skip) and under mpirun -np 1, 2 and 3 (tests/CMakeLists.txt: mpi.slab_grid.np*), where 64 planes
// split 22 + 22 + 20 and a 64² grid is one block of parallel::sum, shared by all three ranks.
#include <cbec/discretisation/fourier.hpp>
#include <cbec/discretisation/parallel.hpp>
#include <cbec/discretisation/slab.hpp>
#include <cbec/dynamics/harmonic_flow.hpp>
#include <cbec/hamiltonian/hamiltonian.hpp>
#include <cbec/mpi/communicator.hpp>
#include <cbec/solver/ground_state.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <utility>
#include <cstdio>
#include <random>

#include "../support/gaussian_mixture.hpp"

namespace {

cbec::mpi::Session session(nullptr, nullptr);

#define REQUIRE_SLABS() \
  if (!cbec::slabsAvailable()) GTEST_SKIP() << "not started by mpirun, or built without FFTW-MPI"

cbec::Field randomField(const cbec::Grid& whole, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> g;
  cbec::Field f(whole.shape());
  for (double& v : f) v = g(gen);
  return f;
}

// The split sum equals the one-process sum bit for bit: the global blocks, shared blocks folded in order.
TEST(SlabGrid, SplitSumsEqualTheOneProcessSumBitForBit) {
  REQUIRE_SLABS();
  for (int n : {4, 64, 96, 130}) {   // 4 planes on 3 ranks: 2 + 2 + 0, a rank with no points
    for (int d : {2, 3}) {
      if (d == 3 && n > 64) continue;
      const cbec::Grid whole(d, n, 10.0);
      const cbec::Grid slab = cbec::slabOf(whole);
      const cbec::Field f = randomField(whole, 7 + n), g = randomField(whole, 11 + n);
      const cbec::State part = cbec::slabPart(slab, {f, g});
      auto terms = [](const cbec::Field& a, const cbec::Field& b) {
        return [&a, &b](size_t i0, size_t i1) {
          std::array<double, 3> acc{};
          for (size_t i = i0; i < i1; ++i) { acc[0] += a[i] * b[i]; acc[1] += a[i]; acc[2] += b[i] * b[i]; }
          return acc;
        };
      };
      const auto one = cbec::parallel::sum<3>(1, whole.size(), terms(f, g));
      const auto split = cbec::parallel::sum<3>(slab.team(1), slab.size(), terms(part[0], part[1]));
      for (int k = 0; k < 3; ++k) EXPECT_EQ(split[k], one[k]) << "n " << n << " d " << d << " sum " << k;
      // with threads on each rank (the whole blocks by threads): the same bits
      const auto threaded = cbec::parallel::sum<3>(slab.team(2), slab.size(), terms(part[0], part[1]));
      for (int k = 0; k < 3; ++k) EXPECT_EQ(threaded[k], one[k]);
      EXPECT_EQ(slab.dot(part[0], part[1]), cbec::parallel::sum<1>(1, whole.size(), [&](size_t i0, size_t i1) {
        std::array<double, 1> a{};
        for (size_t i = i0; i < i1; ++i) a[0] += f[i] * g[i];
        return a;
      })[0] * whole.cellVolume());
    }
  }
}

TEST(SlabGrid, UnevenSplitsFollowFftwMpi) {
  REQUIRE_SLABS();
  const auto& ranks = cbec::mpi::Communicator::world();
  const cbec::Grid slab = cbec::slabOf(cbec::Grid(2, 64, 8.0));
  EXPECT_EQ(ranks.sum(slab.planes()), 64);
  const int P = ranks.size(), block = (64 + P - 1) / P;
  EXPECT_EQ(slab.firstPlane(), std::min(64, ranks.rank() * block));
  if (P == 3) EXPECT_EQ(slab.planes(), ranks.rank() < 2 ? 22 : 20);
  // the whole field back from the slabs
  const cbec::Grid whole(2, 64, 8.0);
  const cbec::Field f = randomField(whole, 3);
  const cbec::Field back = cbec::gatherSlabs(slab, cbec::slabPart(slab, {f})[0]);
  ASSERT_EQ(back.size(), f.size());
  for (size_t i = 0; i < f.size(); ++i) ASSERT_EQ(back[i], f[i]);
  // 4 planes: on 3 ranks the last holds none, and still takes part in the transforms and sums
  const cbec::Grid tiny(2, 4, 3.0);
  const cbec::Grid tslab = cbec::slabOf(tiny);
  if (P == 3) EXPECT_EQ(tslab.planes(), ranks.rank() < 2 ? 2 : 0);
  const cbec::Field t = randomField(tiny, 5);
  cbec::FourierTransform one(tiny, 1, false), split(tslab, 1, false);
  cbec::Field a, b;
  one.laplacianNeg(t, a);
  split.laplacianNeg(cbec::slabPart(tslab, {t})[0], b);
  const cbec::Field bb = cbec::gatherSlabs(tslab, b);
  for (size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(bb[i], a[i], 1e-13 * 40);
  EXPECT_NEAR(split.quadraticForm(cbec::slabPart(tslab, {t})[0], split.k2()), one.quadraticForm(t, one.k2()), 1e-12 * 40);
}

// -Δ, a resolvent and a Parseval form on the slab against the one-process transforms (round-off: the slab
// transform is the row/column decomposition, the one-process one FFTW's multidimensional plan).
TEST(SlabGrid, TransformsAgreeWithTheOneProcessPlans) {
  REQUIRE_SLABS();
  for (int d : {2, 3}) {
    const int n = d == 2 ? 64 : 20;
    const cbec::Grid whole(d, n, 9.0);
    const cbec::Grid slab = cbec::slabOf(whole);
    const cbec::Field u = whole.sample([&](const double* x) {
      double q = 0;
      for (int i = 0; i < d; ++i) q += (x[i] - 0.3 * i) * (x[i] - 0.3 * i);
      return std::exp(-q) * (1 + 0.2 * x[0]);
    });
    cbec::FourierTransform one(whole, 1, false), split(slab, 1, false);
    const cbec::Field part = cbec::slabPart(slab, {u})[0];
    cbec::Field a, b;
    one.laplacianNeg(u, a);
    split.laplacianNeg(part, b);
    const cbec::Field bb = cbec::gatherSlabs(slab, b);
    double err = 0, top = 0;
    for (size_t i = 0; i < a.size(); ++i) err = std::max(err, std::abs(a[i] - bb[i])), top = std::max(top, std::abs(a[i]));
    EXPECT_LT(err, 1e-13 * top) << d << "D";
    one.applyResolvent(u, 2.0, 1.0, a);
    split.applyResolvent(part, 2.0, 1.0, b);
    const cbec::Field rb = cbec::gatherSlabs(slab, b);
    err = top = 0;
    for (size_t i = 0; i < a.size(); ++i) err = std::max(err, std::abs(a[i] - rb[i])), top = std::max(top, std::abs(a[i]));
    EXPECT_LT(err, 1e-13 * top) << d << "D";
    const double q1 = one.quadraticForm(u, one.k2()), q2 = split.quadraticForm(part, split.k2());
    EXPECT_NEAR(q2, q1, 1e-13 * q1) << d << "D";
    EXPECT_EQ(split.fftCount(), one.fftCount());   // one slab transform counts as one FFT
  }
}

// The ground state on slabs: E and μ_s of the one-process solve to 1e-12 relative (2D contact, two species;
// 3D Hartree, two species), and the same FFT count.
TEST(SlabGrid, GroundStateOnSlabsAgreesWithTheOneProcessSolve) {
  REQUIRE_SLABS();
  struct Case { cbec::Mixture m; int n; double box; };
  std::vector<Case> cases;
  cases.push_back({cbec::Mixture::twoSpecies(2, 0.5, 3.0, 4.0, 2.0), 64, 12.0});
  cases.push_back({cbec::testing::gaussianMixture(3, {3.0, 2.0}, 1.5, 10, 0.2), 20, 9.0});
  for (const Case& c : cases) {
    cbec::SolverOptions o;
    o.measure = false;
    o.keep_history = false;
    const cbec::Grid whole(c.m.dimension(), c.n, c.box);
    cbec::Hamiltonian h1(c.m, whole, 1, false), h2(c.m, cbec::slabOf(whole), 1, false);
    const cbec::GroundStateResult a = cbec::groundState(h1, o), b = cbec::groundState(h2, o);
    ASSERT_TRUE(a.converged);
    ASSERT_TRUE(b.converged);
    EXPECT_NEAR(b.energy, a.energy, 1e-12 * std::abs(a.energy)) << c.m.describe();
    EXPECT_EQ(b.fft_count, a.fft_count);
    if (cbec::mpi::Communicator::world().root())
      std::printf("%s on %d ranks: E relative to one process %.2e, mu_0 %.2e, iterations %ld / %ld\n",
                  c.m.describe().c_str(), cbec::mpi::Communicator::world().size(), std::abs(b.energy - a.energy) / std::abs(a.energy),
                  std::abs(b.mu[0] - a.mu[0]) / std::abs(a.mu[0]), b.iterations, a.iterations);
    for (int s = 0; s < c.m.speciesCount(); ++s) EXPECT_NEAR(b.mu[s], a.mu[s], 1e-12 * std::abs(a.mu[s]));
    const cbec::State u = cbec::gatherSlabs(h2.grid(), b.u);
    double err = 0;
    for (int s = 0; s < c.m.speciesCount(); ++s)
      for (size_t i = 0; i < u[s].size(); ++i) err = std::max(err, std::abs(u[s][i] - a.u[s][i]));
    EXPECT_LT(err, 1e-8) << c.m.describe();
  }
}

// The gradient flow (the baseline method) on slabs: the whole grid's extremes of U_s in its shift.
TEST(SlabGrid, GradientFlowOnSlabsAgreesWithTheOneProcessFlow) {
  REQUIRE_SLABS();
  const cbec::Mixture m = cbec::Mixture::twoSpecies(2, 0.5, 3.0, 4.0, 2.0);
  cbec::SolverOptions o;
  o.method = cbec::Method::GradientFlow;
  o.measure = false;
  o.keep_history = false;
  o.tolerance = 1e-9;
  const cbec::Grid whole(2, 32, 12.0);
  cbec::Hamiltonian h1(m, whole, 1, false), h2(m, cbec::slabOf(whole), 1, false);
  const cbec::GroundStateResult a = cbec::groundState(h1, o), b = cbec::groundState(h2, o);
  ASSERT_TRUE(a.converged);
  EXPECT_EQ(b.iterations, a.iterations);
  EXPECT_NEAR(b.energy, a.energy, 1e-12 * std::abs(a.energy));
  for (int s = 0; s < 2; ++s) EXPECT_NEAR(b.mu[s], a.mu[s], 1e-12 * std::abs(a.mu[s]));
}

}  // namespace

namespace {

cbec::ComplexField randomComplexField(const cbec::Grid& whole, unsigned seed) {
  const cbec::Field re = randomField(whole, seed), im = randomField(whole, seed + 1000);
  cbec::ComplexField u(whole.shape());
  for (size_t i = 0; i < u.size(); ++i) u[i] = {re[i], im[i]};
  return u;
}

double maxDifference(const cbec::ComplexField& a, const cbec::ComplexField& b) {
  double e = 0;
  for (size_t i = 0; i < a.size(); ++i) e = std::max(e, std::abs(a[i] - b[i]));
  return e;
}

}  // namespace

// The complex-to-complex slab transforms (the real-time flow's, slab_transform.hpp) against FFTW's one-process
// multidimensional plans: the free propagator e^{−iτ|k|²}, −Δ, the Parseval form and the exact harmonic flow
// (chirps in real space, the drift in the transposed spectrum), on 64², 20³ and 4² (3 ranks: 2 + 2 + 0 planes).
TEST(SlabGrid, ComplexTransformsAndTheHarmonicFlowAgreeWithTheOneProcessRun) {
  REQUIRE_SLABS();
  for (auto [d, n] : {std::pair{2, 64}, std::pair{3, 20}, std::pair{2, 4}}) {
    const cbec::Grid whole(d, n, 9.0);
    const cbec::Grid slab = cbec::slabOf(whole);
    const cbec::ComplexField u = randomComplexField(whole, 5 + n);
    const cbec::ComplexField part = cbec::slabPart(slab, cbec::ComplexState{u})[0];
    cbec::FourierTransform one(whole, 1, false), split(slab, 1, false);
    auto free = [](double k2) { return std::polar(1.0, -0.3 * k2); };
    const auto m1 = one.tabulateFullComplex(free), ms = split.tabulateFullComplex(free);
    cbec::ComplexField a, b;
    one.applyMultiplier(u, m1, a);
    split.applyMultiplier(part, ms, b);
    const cbec::ComplexField bw = cbec::gatherSlabs(slab, b);
    const double scale = std::sqrt(static_cast<double>(whole.size()));
    EXPECT_LT(maxDifference(a, bw), 1e-13 * scale) << d << "D " << n;
    one.laplacianNeg(u, a);
    split.laplacianNeg(part, b);
    double top = 0;
    for (const auto& z : a) top = std::max(top, std::abs(z));
    EXPECT_LT(maxDifference(a, cbec::gatherSlabs(slab, b)), 1e-13 * top * scale) << d << "D " << n;
    const double q1 = one.quadraticForm(u, one.k2Full()), qs = split.quadraticForm(part, split.k2Full());
    EXPECT_NEAR(qs, q1, 1e-13 * std::abs(q1));
    // unnormalised round trip in the buffer: n^d times the field
    std::complex<double>* buf = split.complexBuffer();
    std::copy(part.begin(), part.end(), buf);
    split.forwardInBuffer();
    split.backwardInBuffer();
    for (size_t i = 0; i < part.size(); ++i)
      ASSERT_LT(std::abs(buf[i] / static_cast<double>(whole.size()) - part[i]), 1e-13 * scale);
    // the exact harmonic flow, several angles (one rotation, and ωθ beyond π/4: several)
    const std::vector<double> omega(d, 1.3), centre(d, 0.4);
    cbec::HarmonicFlow f1(whole, one, omega, centre), fs(slab, split, omega, centre);
    cbec::ComplexField v1 = u, vs = part;
    for (double theta : {0.05, 0.9, 2.7}) {
      f1.apply(v1, theta);
      fs.apply(vs, theta);
    }
    EXPECT_LT(maxDifference(v1, cbec::gatherSlabs(slab, vs)), 1e-12 * scale) << d << "D " << n;
  }
}
