// --threads: the ground state on 2 (and 3) threads equals the one-thread result to round-off: same
// iterations and FFTs, energies and μ_s to 1e-13, fields to 1e-11 (the sums of parallel.hpp do not depend
// on the thread count; only FFTW's threaded plans round differently). Checked through the driver (what
// `cbec groundstate --threads N` calls) and for the Hamiltonian's pointwise passes on complex fields.
#include <cbec/drivers/groundstate.hpp>
#include <cbec/solver/ground_state.hpp>

#include <gtest/gtest.h>

#include "../support/quiet_solver.hpp"

#include <cmath>

using namespace cbec;

namespace {

double maxDiff(const State& a, const State& b) {
  double m = 0;
  for (size_t s = 0; s < a.size(); ++s)
    for (size_t i = 0; i < a[s].size(); ++i) m = std::max(m, std::abs(a[s][i] - b[s][i]));
  return m;
}

GroundStateConfig twoSpecies2d(int points) {
  SolverOptions o = cbec::testing::quietSolver();
  o.tolerance = 1e-9;
  return GroundStateConfig{Mixture::twoSpecies(2, 0.5, 3.0, 4.0, 2.0), Grid(2, points, 16.0), o, {}, {}};
}

}  // namespace

TEST(Threads, DriverGivesTheOneThreadGroundStateOnTwoAndThreeThreads) {
  const GroundStateConfig cfg = twoSpecies2d(96);
  drivers::RunOptions one, two, three;
  one.threads = 1;
  two.threads = 2;
  three.threads = 3;
  const drivers::GroundStateRun a = drivers::groundstate(cfg, one);
  ASSERT_TRUE(a.solution.converged);
  for (const drivers::RunOptions* run : {&two, &three}) {
    const drivers::GroundStateRun b = drivers::groundstate(cfg, *run);
    ASSERT_TRUE(b.solution.converged);
    EXPECT_EQ(b.solution.iterations, a.solution.iterations);
    EXPECT_EQ(b.solution.fft_count, a.solution.fft_count);
    EXPECT_NEAR(b.solution.energy, a.solution.energy, 1e-13);
    for (size_t s = 0; s < a.solution.mu.size(); ++s) EXPECT_NEAR(b.solution.mu[s], a.solution.mu[s], 1e-12);
    EXPECT_LT(maxDiff(a.solution.u, b.solution.u), 1e-11);
    EXPECT_NEAR(b.error_estimate, a.error_estimate, 1e-13);
  }
}

TEST(Threads, ThreeDimensionalSolveOnTwoThreadsMatchesOneThread) {
  const Mixture m = Mixture::singleSpecies(3, -20.0);
  const Grid g(3, 32, 16.0);
  SolverOptions o = cbec::testing::quietSolver();
  o.tolerance = 1e-9;
  const GroundStateResult a = groundState(m, g, o);
  o.threads = 2;
  const GroundStateResult b = groundState(m, g, o);
  ASSERT_TRUE(a.converged && b.converged);
  EXPECT_EQ(b.iterations, a.iterations);
  EXPECT_NEAR(b.energy, a.energy, 1e-13 * std::abs(a.energy));
  EXPECT_LT(maxDiff(a.u, b.u), 1e-11);
}

TEST(Threads, HamiltonianOnComplexFieldsIsTheSameOnTwoThreads) {
  const Mixture m = Mixture::twoSpecies(2, 0.5, 3.0, 4.0, 2.0);
  const Grid g(2, 96, 12.0);
  Hamiltonian h1(m, g, 1, false), h2(m, g, 2, false);
  ComplexState psi;
  for (int s = 0; s < 2; ++s) {
    ComplexField f(g.shape());
    Field re = g.sample([&](const double* x) { return std::exp(-0.5 * (x[0] * x[0] + (1 + s) * x[1] * x[1])); });
    for (size_t i = 0; i < f.size(); ++i) f[i] = re[i] * std::complex<double>(std::cos(0.3 * i), std::sin(0.3 * i));
    psi.push_back(std::move(f));
  }
  State U1, U2;
  h1.potential(psi, U1);
  h2.potential(psi, U2);
  EXPECT_EQ(maxDiff(U1, U2), 0.0);   // pointwise: bitwise equal
  EnergyTerms t1, t2;
  EXPECT_NEAR(h2.energy(psi, &t2), h1.energy(psi, &t1), 1e-13 * std::abs(h1.energy(psi)));
  ComplexField o1, o2;
  h1.apply(1, U1[1], psi[1], o1);
  h2.apply(1, U2[1], psi[1], o2);
  double d = 0, top = 0;
  for (size_t i = 0; i < o1.size(); ++i) d = std::max(d, std::abs(o1[i] - o2[i])), top = std::max(top, std::abs(o1[i]));
  EXPECT_LT(d, 1e-13 * top);
}

// Two species: every transform of the PCG solve runs as a batch over the species
// (FourierTransform::concurrently), each species on its own one-thread plans whatever the thread count,
// and the pointwise sums do not depend on it: the solve on 2 and 3 threads has the same bits as on one.
TEST(Threads, TwoSpeciesSolveIsBitwiseTheSameOnOneTwoAndThreeThreads) {
  const Mixture m = Mixture::twoSpecies(2, 0.5, 3.0, 4.0, 2.0);
  const Grid g(2, 96, 16.0);
  SolverOptions o = cbec::testing::quietSolver();
  o.tolerance = 1e-9;
  const GroundStateResult a = groundState(m, g, o);
  ASSERT_TRUE(a.converged);
  for (int threads : {2, 3}) {
    o.threads = threads;
    const GroundStateResult b = groundState(m, g, o);
    ASSERT_TRUE(b.converged);
    EXPECT_EQ(b.iterations, a.iterations) << threads;
    EXPECT_EQ(b.fft_count, a.fft_count) << threads;
    EXPECT_EQ(b.energy, a.energy) << threads;
    for (size_t s = 0; s < a.mu.size(); ++s) EXPECT_EQ(b.mu[s], a.mu[s]) << threads;
    EXPECT_EQ(maxDiff(a.u, b.u), 0.0) << threads;
  }
}
