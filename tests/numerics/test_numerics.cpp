// The generic numerics (include/cbec/numerics/) against what each rule promises in its header: exactness
// of the quadratures on polynomials, exact recovery by the fits and Aitken's Δ², the orders of RK4 and
// DOPRI5, and DOPRI5's failure reported instead of thrown.
#include <cbec/numerics/aitken.hpp>
#include <cbec/numerics/block_eigen.hpp>
#include <cbec/numerics/dormand_prince.hpp>
#include <cbec/numerics/gauss_hermite.hpp>
#include <cbec/numerics/gauss_laguerre.hpp>
#include <cbec/numerics/gauss_legendre.hpp>
#include <cbec/numerics/power_law_fit.hpp>
#include <cbec/numerics/runge_kutta4.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <numbers>
#include <stdexcept>
#include <vector>

namespace {

using cbec::GaussHermite;

// ∫_a^b x^m dx for every m ≤ 2n − 1, n = 1..20, on [a, b] = [−1, 1] and [0.5, 3].
TEST(GaussLegendre, IntegratesPolynomialsOfDegreeUpTo2nMinus1) {
  for (auto [a, b] : {std::pair{-1.0, 1.0}, std::pair{0.5, 3.0}})
    for (int n = 1; n <= 20; ++n) {
      std::vector<double> x, w;
      cbec::gaussLegendre(n, a, b, x, w);
      ASSERT_EQ(x.size(), static_cast<size_t>(n));
      for (int m = 0; m <= 2 * n - 1; ++m) {
        double sum = 0;
        for (int i = 0; i < n; ++i) sum += w[i] * std::pow(x[i], m);
        const double exact = (std::pow(b, m + 1) - std::pow(a, m + 1)) / (m + 1);
        EXPECT_NEAR(sum, exact, 1e-13 * std::max(1.0, std::abs(exact))) << "n = " << n << ", m = " << m;
      }
    }
}

// ∫ t^{2k} e^{−t²} dt = Γ(k + ½), odd moments 0, for 2k ≤ 2n − 1.
TEST(GaussHermiteRule, MomentsAreExactAndTheRuleIsSymmetric) {
  for (int n = 1; n <= 30; ++n) {
    const GaussHermite g = GaussHermite::rule(n);
    for (int a = 0; a < n; ++a) {
      EXPECT_EQ(g.nodes[a], -g.nodes[n - 1 - a]);
      EXPECT_EQ(g.weights[a], g.weights[n - 1 - a]);
    }
    for (int m = 0; m <= 2 * n - 1; ++m) {
      double sum = 0, scale = 0;   // round-off is relative to Σ w_a |t_a|^m (odd moments cancel)
      for (int a = 0; a < n; ++a) {
        sum += g.weights[a] * std::pow(g.nodes[a], m);
        scale += g.weights[a] * std::pow(std::abs(g.nodes[a]), m);
      }
      const double exact = m % 2 ? 0.0 : std::tgamma(m / 2 + 0.5);
      EXPECT_NEAR(sum, exact, 1e-13 * std::max(1.0, scale)) << "n = " << n << ", m = " << m;
    }
  }
  EXPECT_THROW(GaussHermite::rule(0), std::invalid_argument);
}

// ∫_0^∞ x^m e^{−x} dx = m! for m ≤ 2n − 1, n = 1..60: the high moments live on the outer nodes, whose weights
// (below 1e-100 at n = 60) must be right relative to themselves.
TEST(GaussLaguerreRule, MomentsAreExactUpTo2nMinus1) {
  for (int n = 1; n <= 60; ++n) {
    const cbec::GaussLaguerre g = cbec::GaussLaguerre::rule(n);
    ASSERT_EQ(g.nodes.size(), static_cast<size_t>(n));
    for (int a = 1; a < n; ++a) EXPECT_LT(g.nodes[a - 1], g.nodes[a]);
    for (int m = 0; m <= 2 * n - 1; ++m) {
      double sum = 0;   // w_a x_a^m = W_a e^{m ln x_a − x_a}, relative to m!
      for (int a = 0; a < n; ++a)
        sum += g.scaled_weights[a] * std::exp(m * std::log(g.nodes[a]) - g.nodes[a] - std::lgamma(m + 1.0));
      EXPECT_NEAR(sum, 1.0, 1e-12) << "n = " << n << ", m = " << m;
    }
  }
  EXPECT_THROW(cbec::GaussLaguerre::rule(0), std::invalid_argument);
}

// A symmetric matrix with three blocks scattered over the indices: the blocks are found, and the block-wise
// eigenpairs are the dense solver's eigenvalues with eigenvectors that satisfy A v = λ v, orthonormal.
TEST(BlockEigen, FindsScatteredBlocksAndReproducesTheDenseSpectrum) {
  const int n = 12;
  const int blockOf[n] = {0, 1, 2, 0, 1, 2, 0, 0, 1, 2, 2, 1};
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j <= i; ++j)
      if (blockOf[i] == blockOf[j]) A(i, j) = A(j, i) = std::sin(1.0 + 3 * i + 7 * j) + (i == j ? 2.0 * i : 0.0);
  const auto blocks = cbec::diagonalBlocks({&A});
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[0], (std::vector<int>{0, 3, 6, 7}));
  const cbec::SymmetricEigenpairs e = cbec::blockSymmetricEigen(A);
  const Eigen::VectorXd dense = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(A).eigenvalues();
  EXPECT_LT((e.values - dense).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((A * e.vectors - e.vectors * e.values.asDiagonal()).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((e.vectors.transpose() * e.vectors - Eigen::MatrixXd::Identity(n, n)).cwiseAbs().maxCoeff(), 1e-13);
  EXPECT_LT((cbec::blockSymmetricEigen(A, false).values - dense).cwiseAbs().maxCoeff(), 1e-12);
}

TEST(PowerLawFit, RecoversExponentAndPrefactorAndSkipsNonPositivePoints) {
  const std::vector<double> x = {0.1, 1, 10, 100, -1, 5};   // the last two are skipped
  const std::vector<double> y = {2 * std::pow(0.1, -1.5), 2, 2 * std::pow(10, -1.5), 2 * std::pow(100, -1.5), 3, 0};
  const cbec::PowerLawFit f = cbec::fitPowerLaw(x, y);
  EXPECT_NEAR(f.exponent, -1.5, 1e-13);
  EXPECT_NEAR(f.prefactor, 2.0, 1e-13);
  EXPECT_TRUE(std::isnan(cbec::fitPowerLaw({1, 2}, {1, -1}).exponent));   // one usable point
  EXPECT_TRUE(std::isnan(cbec::fitPowerLaw({2, 2}, {1, 3}).exponent));    // all at one x
}

TEST(Aitken, ExactOnAGeometricSequenceAndTheLastTermOtherwise) {
  EXPECT_NEAR(cbec::aitkenLimit(3 + 0.5, 3 + 0.25, 3 + 0.125), 3.0, 1e-15);
  EXPECT_EQ(cbec::aitkenLimit(1, 2, 4), 4.0);   // growing differences
  EXPECT_EQ(cbec::aitkenLimit(1, 2, 1), 1.0);   // differences of opposite sign
}

// y' = iλy: the error of RK4 at t = 1 drops by 2⁴ when the step is halved.
TEST(RungeKutta4, IsFourthOrder) {
  const std::complex<double> lambda(0, 3);
  auto f = [&](const Eigen::VectorXcd& y) { return Eigen::VectorXcd(lambda * y); };
  const Eigen::VectorXcd one = Eigen::VectorXcd::Constant(1, 1.0);
  const std::complex<double> exact = std::exp(lambda);
  const double e1 = std::abs(cbec::integrateRk4(f, one, 1.0, 40)(0) - exact);
  const double e2 = std::abs(cbec::integrateRk4(f, one, 1.0, 80)(0) - exact);
  EXPECT_NEAR(e1 / e2, 16.0, 0.5);
  EXPECT_EQ(cbec::integrateRk4(f, one, 0.0, 10)(0), 1.0);
}

TEST(DormandPrince, MeetsItsToleranceAndReportsFailure) {
  auto f = [](double t, const Eigen::VectorXcd& y) {
    Eigen::VectorXcd d(2);
    d << std::complex<double>(0, 1) * y(0), -t * y(1);
    return d;
  };
  Eigen::VectorXcd y(2);
  y << 1.0, 1.0;
  const cbec::OdeStats st = cbec::integrateDopri5(f, y, 0.0, 2.0, 1e-10);
  EXPECT_TRUE(st.failure.empty());
  EXPECT_GT(st.accepted, 0);
  EXPECT_LT(std::abs(y(0) - std::exp(std::complex<double>(0, 2))), 1e-8);
  EXPECT_LT(std::abs(y(1) - std::exp(-2.0)), 1e-8);
  auto blowup = [](double, const Eigen::VectorXcd& z) { return Eigen::VectorXcd(z.cwiseProduct(z)); };
  Eigen::VectorXcd z = Eigen::VectorXcd::Constant(1, 1.0);   // z' = z², z = 1/(1 − t): infinite at t = 1
  const cbec::OdeStats bad = cbec::integrateDopri5(blowup, z, 0.0, 2.0, 1e-10);
  EXPECT_FALSE(bad.failure.empty());
  EXPECT_EQ(bad.failure.rfind("DOPRI5: ", 0), 0u) << bad.failure;
}

}  // namespace
