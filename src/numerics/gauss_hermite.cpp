// Gauss–Hermite nodes (Golub–Welsch) and Christoffel weights (gauss_hermite.hpp).
#include <cbec/numerics/gauss_hermite.hpp>

#include <cbec/numerics/hermite_polynomials.hpp>

#include <Eigen/Eigenvalues>

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace cbec {

GaussHermite GaussHermite::rule(int n) {
  if (n < 1) throw std::invalid_argument("GaussHermite: need at least one node");
  Eigen::MatrixXd J = Eigen::MatrixXd::Zero(n, n);
  for (int k = 1; k < n; ++k) J(k, k - 1) = J(k - 1, k) = std::sqrt(0.5 * k);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(J);
  GaussHermite g;
  g.nodes.resize(n);
  g.weights.resize(n);
  const double sqrtPi = std::sqrt(std::numbers::pi);
  // Weights from the Christoffel function w_a = √π / Σ_{k<n} p_k(x_a)² (p_k orthonormal for e^{-x²}/√π),
  // a sum of positive terms, accurate to round-off relative to each weight. The squared first eigenvector
  // component (Golub–Welsch) is accurate only relative to the largest weight: at n ≳ 40 the outer weights
  // (≲ 1e-20) came out wrong by orders of magnitude, and with them the two-body integrals of high shells.
  std::vector<double> p(n);
  for (int a = 0; a < n; ++a) {
    g.nodes[a] = es.eigenvalues()(a);
    hermitePolynomials(n - 1, g.nodes[a], p.data());
    double sum = 0;
    for (double v : p) sum += v * v;
    g.weights[a] = sqrtPi / sum;
  }
  // Symmetrise (the rule is even): removes round-off asymmetry of the eigensolver.
  for (int a = 0; a < n / 2; ++a) {
    const double t = 0.5 * (g.nodes[n - 1 - a] - g.nodes[a]);
    const double w = 0.5 * (g.weights[n - 1 - a] + g.weights[a]);
    g.nodes[a] = -t, g.nodes[n - 1 - a] = t;
    g.weights[a] = g.weights[n - 1 - a] = w;
  }
  if (n % 2 == 1) g.nodes[n / 2] = 0.0;
  return g;
}

}  // namespace cbec
