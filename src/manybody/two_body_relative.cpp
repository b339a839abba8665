// The two-body ground energy from the relative coordinate (two_body_relative.hpp).
#include <cbec/manybody/two_body_relative.hpp>

#include <Eigen/Dense>

#include <numbers>
#include <vector>

namespace cbec {

double twoBodyGroundEnergy(double lambdaA, double g, int nmax) {
  const int n = nmax + 1;
  Eigen::MatrixXd J = Eigen::MatrixXd::Zero(n + 2, n + 2);   // Golub–Welsch: Laguerre Jacobi matrix
  for (int k = 0; k < n + 2; ++k) J(k, k) = 2 * k + 1;
  for (int k = 1; k < n + 2; ++k) J(k, k - 1) = J(k - 1, k) = k;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> gl(J);
  Eigen::MatrixXd H = Eigen::MatrixXd::Zero(n, n);
  for (int k = 0; k < n; ++k) H(k, k) = 4 * k + 2;
  const double c = 1 + 2 * g * g;   // e^{-g²r²} e^{-r²/b²}: t ↦ t/c with b² = 2
  std::vector<double> L(n);
  for (int q = 0; q < n + 2; ++q) {
    const double t = gl.eigenvalues()(q) / c, w = gl.eigenvectors()(0, q) * gl.eigenvectors()(0, q);
    L[0] = 1;
    if (n > 1) L[1] = 1 - t;
    for (int m = 1; m + 1 < n; ++m) L[m + 1] = ((2 * m + 1 - t) * L[m] - m * L[m - 1]) / (m + 1);
    for (int k = 0; k < n; ++k)
      for (int l = 0; l < n; ++l) H(k, l) -= lambdaA * g * g / std::numbers::pi * w / c * L[k] * L[l];
  }
  return 2.0 + Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(H).eigenvalues()(0);
}

}  // namespace cbec
