// The a posteriori error estimate (auto_grid.hpp: gridErrorEstimate) by evaluation with the one-step
// quadratic model (error_estimate.hpp, the default) against the former estimate by re-solving on the two
// coarser grids ("resolve") and against the true discretisation error |E_G − E_ref| (E_ref on a finer,
// larger grid): 1D/2D/3D, one and two species, attraction near a_*, far-apart traps, Hartree, an
// under-resolved grid and too-small boxes. The table is docs/benchmarks.md (Issue 14, third session).
#include <cbec/io/errors.hpp>
#include <cbec/model/pair_interaction.hpp>
#include <cbec/solver/auto_grid.hpp>
#include <cbec/solver/error_estimate.hpp>

#include <gtest/gtest.h>

#include "../support/quiet_solver.hpp"

#include <cmath>
#include <cstdio>

using namespace cbec;

namespace {

SolverOptions tight() {
  SolverOptions o = cbec::testing::quietSolver();
  o.tolerance = 1e-10;
  o.keep_history = false;
  return o;
}

Species species(const std::string& name, double c, double a, std::vector<double> centre) {
  return Species{name, c, a, Trap::power(2, std::move(centre))};
}

struct Case {
  std::string name;
  Mixture mixture;
  Grid grid, reference;
  bool nearCollapse = false;   ///< attraction near a_*: the re-solve on a coarser grid collapses
};

struct Estimates {
  double truth, evaluate, resolve;
};

Estimates estimates(const Case& c) {
  SolverOptions o = tight();
  const GroundStateResult sol = solveInGridFrame(c.mixture, c.grid, o);
  const double ref = solveInGridFrame(c.mixture, c.reference, o).energy;
  const double evaluate = gridErrorEstimate(c.mixture, c.grid, sol, o);
  o.error_estimate = ErrorEstimateMethod::Resolve;
  const double resolve = gridErrorEstimate(c.mixture, c.grid, sol, o);
  std::printf("%-32s |E - E_ref| %8.1e   evaluate %8.1e   resolve %8.1e\n", c.name.c_str(), std::abs(sol.energy - ref),
              evaluate, resolve);
  return {std::abs(sol.energy - ref), evaluate, resolve};
}

std::vector<Case> cases() {
  Eigen::MatrixXd attract(2, 2), repel(2, 2);
  attract << 0, 2, 2, 0;
  repel << 0, -1, -1, 0;
  const Mixture two(2, {species("A", 0.5, 3, {0, 0}), species("B", 0.5, 4, {0, 0})}, attract);
  const Mixture far(2, {species("A", 0.5, 3, {-4, 0}), species("B", 0.5, 3, {4, 1})}, repel);
  const Mixture two1d(1, {species("A", 0.4, 3, {-1}), species("B", 0.6, 2, {1})}, attract);
  const Mixture hartree(2, {species("A", 1, 5, {0, 0})}, Eigen::MatrixXd::Zero(1, 1),
                        PairInteraction::hartree(PairProfile::byName("gaussian", "w"), 100.0, 0.3), PairScaling::NMinusOne,
                        100.0);
  auto one = [](int d, double a) { return Mixture::singleSpecies(d, a); };
  return {
      {"1D a=5, 64 on 16", one(1, 5), Grid(1, 64, 16), Grid(1, 256, 24)},
      {"1D a=5, 24 on 16 (under-resolved)", one(1, 5), Grid(1, 24, 16), Grid(1, 256, 24)},
      {"1D a=5, 64 on 5 (small box)", one(1, 5), Grid(1, 64, 5), Grid(1, 256, 24)},
      {"1D two species, 48 on 16", two1d, Grid(1, 48, 16), Grid(1, 256, 24)},
      {"2D a=5, 64 on 16", one(2, 5), Grid(2, 64, 16), Grid(2, 256, 20)},
      {"2D a=5, 32 on 16", one(2, 5), Grid(2, 32, 16), Grid(2, 256, 20)},
      {"2D a=5, 24 on 16 (under-resolved)", one(2, 5), Grid(2, 24, 16), Grid(2, 256, 20)},
      {"2D a=5, 64 on 5 (small box)", one(2, 5), Grid(2, 64, 5), Grid(2, 256, 20)},
      {"2D a=5, 64 on 7 (small box)", one(2, 5), Grid(2, 64, 7), Grid(2, 256, 20)},
      {"2D a=11.5 (a_* - 0.2), 96 on 12", one(2, 11.5), Grid(2, 96, 12), Grid(2, 320, 16), true},
      {"2D two species, 48 on 16", two, Grid(2, 48, 16), Grid(2, 256, 20)},
      {"2D traps 8 apart, 64 on 24", far, Grid(2, 64, 24, {0, 0.5}), Grid(2, 256, 32, {0, 0.5})},
      {"2D traps 8 apart, 96 on 14 (box)", far, Grid(2, 96, 14, {0, 0.5}), Grid(2, 256, 32, {0, 0.5})},
      {"2D Hartree, 32 on 16", hartree, Grid(2, 32, 16), Grid(2, 192, 20)},
      {"3D a=-5, 16 on 12", one(3, -5), Grid(3, 16, 12), Grid(3, 64, 16)},
  };
}

}  // namespace

// Never orders of magnitude below the true error (at least a quarter of it), and within a factor 4
// of the former estimate (measured: 0.92–3.4×; the quadratic model is what brings it there: the
// energy of the transferred state alone is 0.1–0.2× the former estimate on under-resolved grids).
TEST(ErrorEstimate, TracksTheTrueErrorAndTheFormerEstimate) {
  for (const Case& c : cases()) {
    const Estimates e = estimates(c);
    EXPECT_GE(e.evaluate, 0.25 * e.truth) << c.name;
    if (c.nearCollapse) {
      // the coarser grids of the re-solve let the state collapse (E' far below: the estimate was
      // ~1e1 here); the evaluation stays an honest bound
      EXPECT_GE(e.evaluate, e.truth) << c.name;
      EXPECT_LT(e.evaluate, 1e-2) << c.name;
      continue;
    }
    EXPECT_GT(e.evaluate, 1e-9) << c.name;   // every case here has a visible discretisation error
    EXPECT_GE(e.evaluate, 0.5 * e.resolve) << c.name;
    EXPECT_LE(e.evaluate, 4.0 * e.resolve) << c.name;
  }
}

TEST(ErrorEstimate, RoundOffOnAResolvedGrid) {
  const Mixture m = Mixture::singleSpecies(2, 5);
  const Grid g(2, 128, 16);
  SolverOptions o = tight();
  const GroundStateResult sol = solveInGridFrame(m, g, o);
  const double evaluate = gridErrorEstimate(m, g, sol, o);
  o.error_estimate = ErrorEstimateMethod::Resolve;
  const double resolve = gridErrorEstimate(m, g, sol, o);
  EXPECT_LT(evaluate, 1e-13);
  EXPECT_LT(resolve, 1e-13);
}

// The one-step model on a perturbed minimiser: E(u_ε) − Δ lies between the minimum and E(u_ε), and
// removes most of the excess E(u_ε) − E_min = O(ε²) (one preconditioned steepest-descent step of the
// exact quadratic model along the geodesic).
TEST(ErrorEstimate, OneStepModelOnAPerturbedMinimiser) {
  Eigen::MatrixXd a12(2, 2);
  a12 << 0, 2, 2, 0;
  const Mixture m(2, {species("A", 0.5, 3, {0, 0}), species("B", 0.5, 4, {0.5, 0})}, a12);
  const Grid g(2, 64, 14);
  Hamiltonian h(m, g, 1, false);
  const GroundStateResult sol = groundState(h, tight());
  for (double eps : {1e-2, 1e-3}) {
    State u = sol.u;
    for (size_t s = 0; s < u.size(); ++s) {
      const Field bump = g.sample([&](const double* x) { return std::exp(-(x[0] - 1) * (x[0] - 1) - x[1] * x[1]) * x[1]; });
      for (size_t i = 0; i < u[s].size(); ++i) u[s][i] += eps * (s + 1) * bump[i];
    }
    normalise(g, u);
    const ModelEnergy e = modelMinimumEnergy(h, u);
    const double excess = e.evaluated - sol.energy;
    std::printf("eps %.0e: E(u) - E_min %.3e, model decrease %.3e\n", eps, excess, e.decrease);
    EXPECT_GT(excess, 0);
    EXPECT_LE(e.decrease, excess * (1 + 1e-3) + 1e-14);
    EXPECT_GE(e.decrease, 0.3 * excess);
    EXPECT_NEAR(e.energy, e.evaluated - e.decrease, 1e-15);
  }
  // at the minimiser the model removes nothing measurable
  EXPECT_LT(modelMinimumEnergy(h, sol.u).decrease, 1e-18);
}

TEST(ErrorEstimate, MethodNames) {
  EXPECT_EQ(errorEstimateByName("evaluate"), ErrorEstimateMethod::Evaluate);
  EXPECT_EQ(errorEstimateByName("resolve"), ErrorEstimateMethod::Resolve);
  EXPECT_EQ(errorEstimateName(ErrorEstimateMethod::Resolve), "resolve");
  EXPECT_THROW(errorEstimateByName("exact"), InputError);
}
