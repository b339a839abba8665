// The fluctuation generators 𝓛, 𝓛₂ of F §5 in a few-mode space (manybody/fluctuation_dynamics.hpp).
#include <cbec/fragmentation/reduced_density_matrix.hpp>
#include <cbec/manybody/complexified_operator.hpp>
#include "../support/few_mode_fock_operator.hpp"
#include <cbec/manybody/fluctuation_dynamics.hpp>
#include <cbec/manybody/krylov_exponential.hpp>
#include <cbec/manybody/mode_hartree_flow.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

cbec::FewModeModel toy(int M, double nu, double strength) { return cbec::toyModelModes(M, nu, strength, 1.0); }

}  // namespace

// V = 0: 𝓛 = 𝓛₂ = dΓ(h), the two propagators agree exactly, and nothing leaks out of the vacuum.
TEST(FluctuationDynamics, NonInteractingFullEqualsQuadratic) {
  const cbec::FewModeModel H = toy(3, 2.0, 0.0);
  const Eigen::VectorXcd c0 = Eigen::VectorXcd::Unit(3, 0);
  const auto r = cbec::compareFluctuationDynamics(H, c0, {10, 100}, {0.5, 1.0}, 6);
  for (const auto& row : r.difference)
    for (double d : row) EXPECT_EQ(d, 0.0);
  for (double n : r.quadraticExcitations) EXPECT_LT(n, 1e-14);
}

// 𝒰₂(t;0)Ω is quasi-free: its ⟨a_j†a_i⟩ equals V V† of the Bogoliubov map (A = h + H + K1, B = K2).
TEST(FluctuationDynamics, QuadraticMatchesBogoliubovMap) {
  const cbec::FewModeModel H = toy(2, 1.0, 1.0);
  const Eigen::VectorXcd c0 = Eigen::VectorXcd::Unit(2, 0);
  const std::vector<double> times = {0.5, 1.0, 2.0};
  const cbec::FluctuationGenerator G(H, 64);
  const auto run = cbec::evolveFluctuations(G, c0, kInf, times, 1e-12);
  const auto ref = cbec::quadraticFluctuationDensity(H, c0, times);
  for (std::size_t q = 0; q < times.size(); ++q) {
    const double trace = ref[q].trace().real();
    EXPECT_GT(trace, 1e-3);   // excitations are created
    EXPECT_LT(run.truncationBound[q], 1e-8);
    EXPECT_LT((G.density(run.states[q]) - ref[q]).norm(), 1e-9) << "t = " << times[q];
    EXPECT_NEAR(run.states[q].norm(), 1.0, 1e-10);
  }
}

// The full generator against the exact coherent-state evolution: the sectors n of e^{-itℋ_N}W(√Nφ0)Ω evolve
// exactly with pair factor 1/N, and Σ_n Poisson_N(n) n γ_n^(1)(t) = N c c† + √N(c α† + α c†) + ⟨a†a⟩ of 𝒰Ω.
// (With the printed factors 1 and 1/N instead of ½ on pairing and 𝓛₄ this fails by O(1).)
TEST(FluctuationDynamics, FullGeneratorMatchesCoherentStateEvolution) {
  const int M = 2;
  const cbec::FewModeModel H = toy(M, 1.0, 1.0);
  const Eigen::VectorXcd c0 = Eigen::VectorXcd::Unit(M, 0);
  const double N = 8, t = 1.0;
  Eigen::MatrixXcd Gamma = Eigen::MatrixXcd::Zero(M, M);
  double weight = 0;
  for (int n = 1; n <= 44; ++n) {
    const double p = std::exp(-N + n * std::log(N) - std::lgamma(n + 1.0));
    weight += p;
    const cbec::FewModeFockOperator op(H, n, 1.0 / N);
    const cbec::ComplexifiedOperator Hc(op);
    const cbec::KrylovExponential prop(Hc, {.tolerance = 1e-13});
    Eigen::VectorXcd psi = cbec::condensateState(op.basis(), c0);
    prop.propagate(psi, t);
    Gamma += p * n * cbec::reducedDensityMatrix(op.basis(), psi, 1);
  }
  ASSERT_GT(weight, 1 - std::exp(-8.0) - 1e-13);
  const cbec::FluctuationGenerator G(H, 48);
  const auto run = cbec::evolveFluctuations(G, c0, N, {t}, 1e-12);
  ASSERT_LT(run.truncationBound[0], 1e-8);
  const Eigen::VectorXcd c = run.orbitals[0], alpha = G.field(run.states[0]);
  const Eigen::MatrixXcd rho = G.density(run.states[0]);
  const Eigen::MatrixXcd predicted = N * c * c.adjoint() + std::sqrt(N) * (c * alpha.adjoint() + alpha * c.adjoint()) + rho;
  std::printf("coherent-state check: |Gamma - predicted| = %.3e, truncation bound %.3e\n", (Gamma - predicted).norm(),
              run.truncationBound[0]);
  EXPECT_LT((Gamma - predicted).norm(), 1e-8);
  // and the fluctuations are not trivial: the cubic/quartic terms matter at this N
  const auto quad = cbec::evolveFluctuations(G, c0, kInf, {t}, 1e-12);
  const Eigen::MatrixXcd rho2 = G.density(quad.states[0]);
  const Eigen::MatrixXcd predicted2 = N * c * c.adjoint() + rho2;
  EXPECT_GT((Gamma - predicted2).norm(), 1e-3);
}

// ‖(𝒰 − 𝒰₂)Ω‖ falls like N^{-1/2} (F 5.36): local slopes over N = 1e2 … 1e5.
TEST(FluctuationDynamics, DifferenceFallsLikeInverseSquareRootN) {
  const cbec::FewModeModel H = toy(2, 1.0, 1.0);
  const Eigen::VectorXcd c0 = Eigen::VectorXcd::Unit(2, 0);
  const std::vector<double> Ns = {1e2, 1e3, 1e4, 1e5};
  const auto r = cbec::compareFluctuationDynamics(H, c0, Ns, {1.0}, 32);
  for (std::size_t n = 1; n < Ns.size(); ++n) {
    const double slope = std::log(r.difference[n][0] / r.difference[n - 1][0]) / std::log(Ns[n] / Ns[n - 1]);
    EXPECT_NEAR(slope, -0.5, 0.02) << "N = " << Ns[n];
    EXPECT_LT(r.truncationBound[n][0], 1e-3 * r.difference[n][0]);
  }
  EXPECT_NEAR(r.fittedExponent[0], -0.5, 0.02);
}

// The a-posteriori truncation bound covers the actual truncation error (cutoff 4 against 24).
TEST(FluctuationDynamics, TruncationBoundCoversError) {
  const cbec::FewModeModel H = toy(2, 1.0, 1.0);
  const Eigen::VectorXcd c0 = Eigen::VectorXcd::Unit(2, 0);
  const cbec::FluctuationGenerator small(H, 4), large(H, 24);
  const auto a = cbec::evolveFluctuations(small, c0, 20, {1.0, 2.0}, 1e-12);
  const auto b = cbec::evolveFluctuations(large, c0, 20, {1.0, 2.0}, 1e-12);
  for (std::size_t q = 0; q < 2; ++q) {
    Eigen::VectorXcd padded = Eigen::VectorXcd::Zero(b.states[q].size());
    padded.head(a.states[q].size()) = a.states[q];
    const double error = (b.states[q] - padded).norm();
    EXPECT_GT(error, 1e-7);   // the small cutoff is visibly truncated
    EXPECT_LE(error, a.truncationBound[q] + b.truncationBound[q]);
  }
}

