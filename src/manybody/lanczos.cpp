// Lowest eigenpairs by implicitly restarted Lanczos (lanczos.hpp).
#include <cbec/manybody/lanczos.hpp>

#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/io/errors.hpp>

#include <Spectra/SymEigsSolver.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cbec {

namespace {

/// A = σ - H as a Spectra operator.
class ShiftedOp {
 public:
  using Scalar = double;
  ShiftedOp(const LinearOperator<double>& H, double sigma, int threads, long& count)
      : H_(H), sigma_(sigma), threads_(threads), count_(count) {}
  Eigen::Index rows() const { return static_cast<Eigen::Index>(H_.dimension()); }
  Eigen::Index cols() const { return rows(); }
  void perform_op(const double* x, double* y) const {
    applyParallel(H_, x, y, threads_);
    ++count_;
    for (Eigen::Index i = 0; i < rows(); ++i) y[i] = sigma_ * x[i] - y[i];
  }

 private:
  const LinearOperator<double>& H_;
  double sigma_;
  int threads_;
  long& count_;
};

std::vector<double> residuals(const LinearOperator<double>& H, const EigenPairs& p, int threads) {
  std::vector<double> r;
  Eigen::VectorXd Hv(p.vectors.rows());
  for (Eigen::Index k = 0; k < p.vectors.cols(); ++k) {
    applyParallel(H, p.vectors.col(k).data(), Hv.data(), threads);
    r.push_back((Hv - p.values(k) * p.vectors.col(k)).norm());
  }
  return r;
}

EigenPairs denseEigenpairs(const LinearOperator<double>& H, int count) {
  const Eigen::MatrixXd A = denseMatrix(H);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(0.5 * (A + A.transpose()));
  EigenPairs p;
  const int k = std::min<int>(count, static_cast<int>(A.rows()));
  p.values = es.eigenvalues().head(k);
  p.vectors = es.eigenvectors().leftCols(k);
  p.operator_applications = A.rows();
  p.converged = es.info() == Eigen::Success;
  return p;
}

/// Upper bound of spec H: the largest Ritz value of a short Lanczos run plus its residual.
double spectralUpperBound(const LinearOperator<double>& H, int threads, long& count) {
  ShiftedOp op(H, 0.0, threads, count);   // A = -H: smallest algebraic of A = -max H
  const Eigen::Index n = op.rows();
  Spectra::SymEigsSolver<ShiftedOp> solver(op, 1, std::min<Eigen::Index>(n, 20));
  solver.init();
  solver.compute(Spectra::SortRule::SmallestAlge, 3, 1e-2);
  if (solver.info() != Spectra::CompInfo::Successful)   // a hard case: more restarts, then give up by name
    solver.compute(Spectra::SortRule::SmallestAlge, 300, 1e-2);
  if (solver.info() != Spectra::CompInfo::Successful || solver.eigenvalues().size() < 1)
    throw NumericalError(fmt::format("Lanczos: no estimate of the largest eigenvalue of H (dimension {}) after 300 "
                                     "restarts", n));
  const double ritz = -solver.eigenvalues()(0);
  return ritz + 0.1 * std::abs(ritz) + 1.0;
}

}  // namespace

Eigen::MatrixXd denseMatrix(const LinearOperator<double>& H) {
  const std::size_t D = H.dimension();
  Eigen::MatrixXd A(D, D);
  Eigen::VectorXd e = Eigen::VectorXd::Zero(D);
  for (std::size_t c = 0; c < D; ++c) {
    e(c) = 1.0;
    H.apply(e.data(), A.col(c).data());
    e(c) = 0.0;
  }
  return A;
}

EigenPairs lowestEigenpairs(const LinearOperator<double>& H, const LanczosOptions& o) {
  if (o.count < 1) throw InputError("lowestEigenpairs: count must be >= 1");
  const Eigen::Index n = static_cast<Eigen::Index>(H.dimension());
  EigenPairs p;
  if (H.dimension() <= o.dense_below || n <= 2 * o.count + 2) {
    p = denseEigenpairs(H, o.count);
  } else {
    long count = 0;
    const double sigma = spectralUpperBound(H, o.threads, count);
    ShiftedOp op(H, sigma, o.threads, count);
    const Eigen::Index ncv = std::min<Eigen::Index>(n, o.krylov_dimension > 0 ? o.krylov_dimension
                                                                              : std::max(2 * o.count + 1, 30));
    Spectra::SymEigsSolver<ShiftedOp> solver(op, o.count, ncv);
    solver.init();   // Spectra's deterministic pseudo-random start
    solver.compute(Spectra::SortRule::LargestAlge, o.max_restarts, o.tolerance);
    p.converged = solver.info() == Spectra::CompInfo::Successful;
    if (!p.converged)   // Spectra returns no Ritz pairs then: there is no answer to report
      throw NumericalError(fmt::format("Lanczos: the lowest eigenvalue of H (dimension {}) did not converge to "
                                       "tolerance {:.1e} in {} restarts", n, o.tolerance, o.max_restarts));
    const Eigen::VectorXd a = solver.eigenvalues();   // descending in A = ascending in H
    p.values = sigma - a.array();
    p.vectors = solver.eigenvectors();
    p.operator_applications = count;
  }
  p.residuals = residuals(H, p, o.threads);
  return p;
}

}  // namespace cbec
