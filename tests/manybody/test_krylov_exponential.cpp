// Krylov exponential against dense exponentials (eigendecomposition), its error bound, conservation.
#include <cbec/io/errors.hpp>
#include <cbec/manybody/complexified_operator.hpp>
#include <cbec/manybody/krylov_exponential.hpp>
#include "../support/few_mode_fock_operator.hpp"
#include <cbec/manybody/lanczos.hpp>

#include <gtest/gtest.h>

#include <random>

namespace {

using cd = std::complex<double>;

/// A dense real symmetric matrix as a LinearOperator<double>.
class DenseOperator final : public cbec::LinearOperator<double> {
 public:
  explicit DenseOperator(Eigen::MatrixXd A) : A_(std::move(A)) {}
  std::size_t dimension() const override { return A_.rows(); }
  void applyRows(const double* x, double* y, std::size_t b, std::size_t e) const override {
    const Eigen::Map<const Eigen::VectorXd> xv(x, A_.cols());
    for (std::size_t i = b; i < e; ++i) y[i] = A_.row(i).dot(xv);
  }
  const Eigen::MatrixXd& matrix() const { return A_; }

 private:
  Eigen::MatrixXd A_;
};

/// e^{-itA} psi by the eigendecomposition of the dense symmetric A (the independent method).
Eigen::VectorXcd denseExp(const Eigen::MatrixXd& A, const Eigen::VectorXcd& psi, double t) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(A);
  Eigen::VectorXcd c = es.eigenvectors().transpose().cast<cd>() * psi;
  for (int k = 0; k < c.size(); ++k) c[k] *= std::exp(cd(0, -t * es.eigenvalues()[k]));
  return es.eigenvectors().cast<cd>() * c;
}

Eigen::VectorXcd randomState(int D, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> g;
  Eigen::VectorXcd v(D);
  for (int i = 0; i < D; ++i) v[i] = cd(g(gen), g(gen));
  return v.normalized();
}

TEST(KrylovExponential, MatchesDenseExponentialWithinItsBound) {
  std::mt19937 gen(7);
  std::normal_distribution<double> g;
  const int D = 80;
  Eigen::MatrixXd A(D, D);
  for (int i = 0; i < D; ++i)
    for (int j = 0; j <= i; ++j) A(i, j) = A(j, i) = g(gen);
  const DenseOperator op(A);
  const cbec::ComplexifiedOperator H(op);
  for (double tol : {1e-6, 1e-10}) {
    cbec::KrylovExponential prop(H, {.tolerance = tol, .maxDimension = 25});
    Eigen::VectorXcd psi = randomState(D, 3);
    const Eigen::VectorXcd exact = denseExp(A, psi, 2.0);
    const auto st = prop.propagate(psi, 2.0);
    const double err = (psi - exact).norm();
    EXPECT_LE(err, st.errorBound + 1e-12) << "tol " << tol;
    EXPECT_LE(st.errorBound, tol * 2.0 * (1 + 1e-9));
    EXPECT_GT(st.steps, 1);  // ‖A‖·t ≈ 36: several steps are needed
    EXPECT_NEAR(psi.norm(), 1.0, 1e-12);
  }
}

TEST(KrylovExponential, BackwardFlowUndoesForward) {
  Eigen::MatrixXd A = Eigen::MatrixXd::Random(40, 40);
  A = (A + A.transpose()).eval();
  const DenseOperator op(A);
  const cbec::ComplexifiedOperator H(op);
  cbec::KrylovExponential prop(H, {.tolerance = 1e-11});
  const Eigen::VectorXcd psi0 = randomState(40, 5);
  Eigen::VectorXcd psi = psi0;
  prop.propagate(psi, 1.5);
  prop.propagate(psi, -1.5);
  EXPECT_LT((psi - psi0).norm(), 1e-9);
}

TEST(KrylovExponential, InvariantSubspaceIsExact) {
  // An eigenvector: the Krylov space has dimension 1, the step covers any time exactly.
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(5, 5);
  A.diagonal() << 1, 2, 3, 4, 5;
  const DenseOperator op(A);
  const cbec::ComplexifiedOperator H(op);
  cbec::KrylovExponential prop(H);
  Eigen::VectorXcd psi = Eigen::VectorXcd::Unit(5, 2);
  const auto st = prop.propagate(psi, 100.0);
  EXPECT_EQ(st.steps, 1);
  EXPECT_EQ(st.errorBound, 0.0);
  EXPECT_NEAR(std::abs(psi[2] - std::exp(cd(0, -300.0))), 0.0, 1e-12);
}

TEST(KrylovExponential, FockHamiltonianConservesNormAndEnergy) {
  const cbec::FewModeModel model = cbec::toyModelModes(3, 2.0, 1.5, 1.0);
  const cbec::FewModeFockOperator op(model, 12);
  const cbec::ComplexifiedOperator H(op);
  const Eigen::MatrixXd A = cbec::denseMatrix(op);
  ASSERT_LT((A - A.transpose()).cwiseAbs().maxCoeff(), 1e-13);
  Eigen::VectorXcd c(3);
  c << 1, 0, 0;
  Eigen::VectorXcd psi = cbec::condensateState(op.basis(), c);
  const Eigen::VectorXcd exact = denseExp(A, psi, 3.0);
  const double E0 = psi.dot(A.cast<cd>() * psi).real();
  cbec::KrylovExponential prop(H, {.tolerance = 1e-12});
  const auto st = prop.propagate(psi, 3.0);
  EXPECT_LE((psi - exact).norm(), st.errorBound + 1e-12);
  EXPECT_LT(st.errorBound, 3e-12);
  EXPECT_NEAR(psi.norm(), 1.0, 1e-12);
  EXPECT_NEAR(psi.dot(A.cast<cd>() * psi).real(), E0, 1e-10 * std::abs(E0) + 1e-12);
}

TEST(KrylovExponential, RejectsBadInput) {
  const DenseOperator op(Eigen::MatrixXd::Identity(3, 3));
  const cbec::ComplexifiedOperator H(op);
  EXPECT_THROW(cbec::KrylovExponential(H, {.tolerance = -1}), cbec::InputError);
  EXPECT_THROW(cbec::KrylovExponential(H, {.tolerance = 1e-8, .maxDimension = 1}), cbec::InputError);
  cbec::KrylovExponential prop(H);
  Eigen::VectorXcd bad(4);
  EXPECT_THROW(prop.propagate(bad, 1.0), cbec::InputError);
}

}  // namespace
