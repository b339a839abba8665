// The exponentially small cross term of M Theorem 3 (blowup/cross_term.hpp, radial_tail.hpp).
#include <cbec/blowup/cross_term.hpp>
#include <cbec/blowup/radial_tail.hpp>
#include <cbec/soliton/townes_profile.hpp>

#include <gtest/gtest.h>

#include <cbec/hamiltonian/hamiltonian.hpp>
#include <cbec/solver/auto_grid.hpp>
#include <cmath>
#include <cstdio>

namespace cbec {
namespace {

// a = 0, V = |x|²: u = π^{-1/2} e^{-r²/2}, μ = 2 exactly. The Riccati tail must reproduce log u where
// u is far below the round-off of any grid (u(12) ~ e^{-72}).
TEST(RadialTail, HarmonicOscillatorTailToEMinus72) {
  const Grid g(2, 128, 16.0);
  const Field u = g.sample([](const double* x) { return std::exp(-0.5 * (x[0] * x[0] + x[1] * x[1])) / std::sqrt(M_PI); });
  FourierTransform fourier(g, 1, false);
  const RadialLogProfile prof(fourier, u, {0.0, 0.0}, 2.0, 0.0, 2.0, 12.0);
  EXPECT_LT(prof.tailMismatch(), 1e-9);
  double worst = 0;
  for (double r = 0; r <= 12.0; r += 0.0137)
    worst = std::max(worst, std::abs(prof.logValue(r) - (-0.5 * r * r - 0.5 * std::log(M_PI))));
  EXPECT_LT(worst, 1e-9);
}

TEST(CrossTerm, ExponentialFitRecoversItsParameters) {
  std::vector<double> x, y;
  for (double t = 3; t < 60; t *= 1.3) { x.push_back(t); y.push_back(-1.7 + 1.5 * std::log(t) - 2.25 * t); }
  const ExponentialFit f = fitExponentialDecay(x, y);
  EXPECT_NEAR(f.rate, 2.25, 1e-10);
  EXPECT_NEAR(f.power, 1.5, 1e-9);
  EXPECT_NEAR(f.log_prefactor, -1.7, 1e-8);
}

Mixture theorem3Base(double a12, double half) {
  Eigen::MatrixXd inter = Eigen::MatrixXd::Zero(2, 2);
  inter(0, 1) = inter(1, 0) = a12;
  return Mixture(2, {Species{"A", 0.5, 10.0, Trap::power(2.0, {-half, 0.0})}, Species{"B", 0.5, 10.0, Trap::power(2.0, {half, 0.0})}},
                 inter);
}

// The direct formula Δ = c1c2|a12| I - c1R1 - c2R2 against the energy difference of three grid solves,
// where both are accurate (κD ≈ 6: Δ ~ 1e-5, neglected terms ~ e^{-2κD} relative).
TEST(CrossTerm, DirectFormulaMatchesEnergyDifference) {
  const Mixture base = theorem3Base(-2.0, 0.5);
  const BlowupPath path(BlowupPath::Kind::Theorem3, base);
  CrossTermOptions o;
  o.distances = {1e-2};
  o.compare_above = 0;
  o.log = [](const std::string& s) { std::fprintf(stderr, "%s\n", s.c_str()); };
  const CrossTermStudy st = runCrossTermStudy(path, base, o);
  ASSERT_EQ(st.path.size(), 1u);
  const CrossTermPoint& p = st.path[0];
  std::fprintf(stderr, "first %.12e direct %.12e energy %.12e rel %.3e\n", p.first_order, p.direct, p.energy_difference,
               (p.direct - p.energy_difference) / p.energy_difference);
}

}  // namespace
}  // namespace cbec
namespace cbec {
TEST(CrossTermDebug, GridPieces) {
  const double d = 1e-2;
  const Mixture base = theorem3Base(-2.0, 0.5);
  const BlowupPath path(BlowupPath::Kind::Theorem3, base);
  const Mixture m = path.mixtureAt(d);
  const double ell = path.predictedScale(d)[0];
  const double box = 1 + 48 / ell;
  const int n = fftFriendlySize(static_cast<int>(std::ceil(box * 8 * ell)));
  const Grid g(2, n, box);
  SolverOptions so; so.tolerance = 1e-10 * ell; so.energy_tolerance = 1e-12 * ell * ell; so.keep_history = false;
  State single;
  std::vector<double> Es, mus;
  for (int s = 0; s < 2; ++s) {
    Species sp = m.species(s); sp.fraction = 1;
    const Mixture one(2, {sp}, Eigen::MatrixXd::Zero(1, 1));
    const auto& z = sp.trap.centre();
    State init{g.sample([&](const double* x) { return ell * TownesProfile::standard().normalised(ell * std::hypot(x[0] - z[0], x[1] - z[1])); })};
    normalise(g, init);
    const GroundStateResult r = solveInGridFrame(one, g, so, &init);
    single.push_back(r.u[0]); Es.push_back(r.energy); mus.push_back(r.mu[0]);
  }
  Field rho(g.shape());
  for (size_t i = 0; i < rho.size(); ++i) rho[i] = single[0][i] * single[0][i] * single[1][i] * single[1][i];
  const double Igrid = g.integral(rho);
  Hamiltonian h(m, g, 1, false);
  const double F = h.energy(single);
  const GroundStateResult rc = solveInGridFrame(m, g, so, &single);
  std::fprintf(stderr, "n %d  E1 %.15g E2 %.15g mu %.12g  Igrid %.12e  F-ΣcE %.12e (0.5 Igrid %.12e)  Ecoupled-ΣcE %.12e conv %d res %.2e it %ld\n",
               n, Es[0], Es[1], mus[0], Igrid, F - 0.5 * Es[0] - 0.5 * Es[1], 0.5 * Igrid, rc.energy - 0.5 * Es[0] - 0.5 * Es[1], rc.converged, rc.residual, rc.iterations);
}
}  // namespace cbec
