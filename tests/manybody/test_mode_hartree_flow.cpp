// Galerkin Hartree flow (exact solutions, conservation) and Bogoliubov fluctuations against exact dynamics.
#include <cbec/fragmentation/trace_norm.hpp>
#include <cbec/manybody/exact_marginals.hpp>
#include "../support/few_mode_fock_operator.hpp"
#include <cbec/manybody/mode_hartree_flow.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace {

using cd = std::complex<double>;

TEST(ModeHartreeFlow, FreeFlowIsTheLinearExponential) {
  const cbec::FewModeModel H = cbec::toyModelModes(4, 1.3, 0.0, 1.0);  // V = 0
  Eigen::VectorXcd c0 = Eigen::VectorXcd::Random(4).normalized();
  const auto cs = cbec::hartreeOrbitals(H, c0, {0.7, 2.0});
  for (int n = 0; n < 4; ++n)
    EXPECT_LT(std::abs(cs[1][n] - std::exp(cd(0, -2.0 * 2.6 * n)) * c0[n]), 1e-10);
}

TEST(ModeHartreeFlow, SelfPhaseModulationOfDecoupledModes) {
  // h = 0, V_iiii = U_i only: c_i(t) = c_i e^{-i U_i |c_i|² t}.
  std::vector<double> V(16, 0.0);
  V[0] = 0.8;    // V_0000
  V[15] = 2.5;   // V_1111
  const cbec::FewModeModel H(Eigen::MatrixXd::Zero(2, 2), V);
  Eigen::VectorXcd c0(2);
  c0 << std::sqrt(0.3), cd(0, std::sqrt(0.7));
  const auto cs = cbec::hartreeOrbitals(H, c0, {3.0});
  EXPECT_LT(std::abs(cs[0][0] - c0[0] * std::exp(cd(0, -0.8 * 0.3 * 3.0))), 1e-10);
  EXPECT_LT(std::abs(cs[0][1] - c0[1] * std::exp(cd(0, -2.5 * 0.7 * 3.0))), 1e-10);
}

TEST(ModeHartreeFlow, ConservesNormAndEnergy) {
  const cbec::FewModeModel H = cbec::toyModelModes(5, 1.0, 4.0, 0.8);
  Eigen::VectorXcd c0 = Eigen::VectorXcd::Zero(5);
  c0[0] = 1;
  const auto cs = cbec::hartreeOrbitals(H, c0, {1.0, 5.0});
  EXPECT_NEAR(cs[1].norm(), 1.0, 1e-10);
  EXPECT_NEAR(H.energy(cs[1]), H.energy(c0), 1e-10);
  EXPECT_GT(1 - std::norm(cs[1][0]), 1e-4);  // the flow does leave the initial mode
}

TEST(BogoliubovFlow, NoInteractionNoExcitations) {
  const cbec::FewModeModel H = cbec::toyModelModes(3, 1.0, 0.0, 1.0);
  Eigen::VectorXcd c0 = Eigen::VectorXcd::Zero(3);
  c0[0] = 1;
  const auto b = cbec::bogoliubovFlow(H, c0, {2.0});
  EXPECT_LT(b[0].excitationDensity.norm(), 1e-14);
}

/// N·Qγ_N^(1)Q against the Bogoliubov density V V†; and the depletion N(1 - ⟨φ,γφ⟩) against Tr V V†.
struct BogoliubovGap {
  double block, depletion;
};

BogoliubovGap bogoliubovGap(const cbec::FewModeModel& H, const Eigen::VectorXcd& c0, int N, double t) {
  const auto bog = cbec::bogoliubovFlow(H, c0, {t});
  const auto ex = cbec::exactMarginals(H, N, cbec::condensateState(cbec::FockBasis(H.modes(), N), c0), 1, {t},
                                       {.tolerance = 1e-11});
  const Eigen::VectorXcd& c = bog[0].orbital;
  const Eigen::MatrixXcd Q = Eigen::MatrixXcd::Identity(H.modes(), H.modes()) - c * c.adjoint();
  const Eigen::MatrixXcd G = ex.gamma[0];
  return {cbec::traceNorm(Eigen::MatrixXcd(double(N) * Q * G * Q - bog[0].excitationDensity)),
          std::abs(N * (1 - c.dot(G * c).real()) - bog[0].excitationDensity.trace().real())};
}

TEST(BogoliubovFlow, CouplingDerivativeMatchesFiniteDifferences) {
  // w = ∂_λ φ_t from the variational equation against (φ_t(λ=1) - φ_t(λ=1-ε))/ε.
  const cbec::FewModeModel H = cbec::toyModelModes(3, 1.0, 5.0, 1.0);
  const Eigen::VectorXcd e0 = Eigen::VectorXcd::Unit(3, 0);
  const double eps = 1e-6;
  const Eigen::VectorXcd fd = (cbec::hartreeOrbitals(H, e0, {1.0}, 1.0)[0] -
                               cbec::hartreeOrbitals(H, e0, {1.0}, 1.0 - eps)[0]) / eps;
  const Eigen::VectorXcd w = cbec::bogoliubovFlow(H, e0, {1.0})[0].couplingDerivative;
  EXPECT_LT((w - fd).norm(), 1e-5 * fd.norm());
}

TEST(BogoliubovFlow, PairFactorExplainsMostOfTheOffDiagonalCorrection) {
  // N Qγ_N^(1)φ_t → -Q ∂_λφ_t up to the cubic fluctuation terms (small with the depletion, ~0.03 here).
  const cbec::FewModeModel T = cbec::toyModelModes(3, 1.0, 5.0, 1.0);
  const Eigen::VectorXcd e0 = Eigen::VectorXcd::Unit(3, 0);
  const auto bog = cbec::bogoliubovFlow(T, e0, {1.0});
  const int N = 40;
  const auto ex = cbec::exactMarginals(T, N, cbec::condensateState(cbec::FockBasis(3, N), e0), 1, {1.0});
  const Eigen::VectorXcd& c = bog[0].orbital;
  const Eigen::MatrixXcd Q = Eigen::MatrixXcd::Identity(3, 3) - c * c.adjoint();
  const Eigen::VectorXcd off = double(N) * (Q * ex.gamma[0] * c);
  EXPECT_GT(off.norm(), 0.1);
  EXPECT_LT((off + Q * bog[0].couplingDerivative).norm(), 0.15 * off.norm());
}

TEST(BogoliubovFlow, PredictsTheOneOverNCorrectionOfExactDynamics) {
  // Double well, condensate in a superposition of both modes: the gap to Bogoliubov closes like 1/N.
  const cbec::FewModeModel H = cbec::doubleWellModes(1.0, 1.0);
  Eigen::VectorXcd c0(2);
  c0 << std::sqrt(0.7), std::sqrt(0.3);
  const BogoliubovGap g1 = bogoliubovGap(H, c0, 50, 1.0), g2 = bogoliubovGap(H, c0, 200, 1.0);
  EXPECT_NEAR(g1.block / g2.block, 4.0, 0.4);
  EXPECT_NEAR(g1.depletion / g2.depletion, 4.0, 0.4);
  EXPECT_LT(g2.block, 5e-4);
  // Three s-wave modes of the toy model: the same 1/N approach.
  const cbec::FewModeModel T = cbec::toyModelModes(3, 1.0, 5.0, 1.0);
  Eigen::VectorXcd e0 = Eigen::VectorXcd::Unit(3, 0);
  const BogoliubovGap h1 = bogoliubovGap(T, e0, 20, 1.0), h2 = bogoliubovGap(T, e0, 80, 1.0);
  EXPECT_NEAR(h1.block / h2.block, 4.0, 0.5);
}

}  // namespace

#include <cbec/dynamics/fragmented_toy_evolution.hpp>
#include <cbec/dynamics/mean_field_flow.hpp>
#include <cbec/dynamics/toy_grid.hpp>

#include <cstdio>

namespace {

TEST(ModeHartreeFlow, ToyModelFlowIsTheSameInModesOnTheRadialDvrAndOnThe3DGrid) {
  // One toy model (F 3.3–3.5; ν = 1, V = 5 e^{−|x|²/2}), three independently written flows:
  //   modes: the s-wave Galerkin flow (quadrature V_ijkl, DOPRI5; manybody/mode_hartree_flow.hpp),
  //   radial: the radial DVR splitting flow of `cbec evolve` (dynamics/radial_hartree.hpp),
  //   grid: the 3D FFT grid flow, exact harmonic part + Blanes–Moan splitting (dynamics/mean_field_flow.hpp),
  // compared on |⟨φ_0, φ_t⟩|² at t = 0.5 and 1. The Galerkin flow converges in M to the radial one
  // (measured gaps 1.1e-4, 3.5e-8, 1.1e-10, 2.0e-11 at M = 4, 8, 12, 16); all three agree to 1e-10.
  cbec::FragmentedToyModel model;
  model.nu = 1.0;
  model.occupations = {0.5, 0.5};
  model.potential = cbec::RadialPotential::gaussian(5.0, 1.0);
  const std::vector<double> times{0.5, 1.0};
  const auto radial = cbec::evolveFragmentedToy(model, times, {});

  std::vector<double> previous(times.size(), 1.0);
  std::vector<double> modes(times.size());
  for (int M : {4, 8, 12, 16}) {
    const cbec::FewModeModel H = cbec::toyModelModes(M, 1.0, model.potential);
    const auto cs = cbec::hartreeOrbitals(H, Eigen::VectorXcd::Unit(M, 0), times);
    for (size_t m = 0; m < times.size(); ++m) {
      modes[m] = std::norm(cs[m][0]);
      const double gap = std::abs(modes[m] - radial.snapshots[m].overlap);
      EXPECT_LT(gap, previous[m]) << "M = " << M << ", t = " << times[m];
      previous[m] = gap;
    }
  }

  const cbec::Grid g(3, 32, 14.0);
  const auto Hg = cbec::toyHamiltonian(model, g);
  cbec::MeanFieldFlow f(*Hg, cbec::LinearPart::ExactHarmonic);
  const auto phi0 = g.sample([](const double* x) {
    return std::pow(M_PI, -0.75) * std::exp(-(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]) / 2);
  });
  cbec::ComplexField u0(g.shape());
  for (size_t i = 0; i < g.size(); ++i) u0[i] = phi0[i];
  cbec::ComplexState u{u0};
  double t = 0;
  for (size_t m = 0; m < times.size(); ++m) {
    for (int k = 0; k < 100; ++k) f.step(u, (times[m] - t) / 100, cbec::SplittingScheme::blanesMoan());
    t = times[m];
    const double grid = std::norm(f.overlaps(cbec::ComplexState{u0}, u)[0]);
    const double ref = radial.snapshots[m].overlap;
    std::printf("t = %.1f: |<φ0,φt>|² radial %.15f, modes (M = 16) %+.2e, grid %+.2e\n", t, ref, modes[m] - ref,
                grid - ref);
    EXPECT_GT(1 - ref, 1e-3);   // a flow that moves
    EXPECT_NEAR(modes[m], ref, 1e-10) << "t = " << t;
    EXPECT_NEAR(grid, ref, 1e-10) << "t = " << t;
    EXPECT_NEAR(grid, modes[m], 1e-10) << "t = " << t;
  }
}

}  // namespace
