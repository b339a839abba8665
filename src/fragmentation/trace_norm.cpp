// Trace norm of a self-adjoint matrix (trace_norm.hpp).
#include <cbec/fragmentation/trace_norm.hpp>

namespace cbec {

double traceNorm(const Eigen::MatrixXcd& A) {
  if (A.size() == 0) return 0;
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(A, Eigen::EigenvaluesOnly).eigenvalues().cwiseAbs().sum();
}

double traceNorm(const Eigen::MatrixXd& A) {
  if (A.size() == 0) return 0;
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(A, Eigen::EigenvaluesOnly).eigenvalues().cwiseAbs().sum();
}

double boundedTraceDistance(double d) { return d > 2 && d <= 2 + kTraceDistanceSlack ? 2.0 : d; }

double traceDistance(const Eigen::MatrixXcd& A, const Eigen::MatrixXcd& B) {
  return boundedTraceDistance(traceNorm(Eigen::MatrixXcd(A - B)));
}

}  // namespace cbec
