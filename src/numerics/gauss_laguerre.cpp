// Gauss–Laguerre nodes (Golub–Welsch, Newton-polished) and scaled Christoffel weights (gauss_laguerre.hpp).
#include <cbec/numerics/gauss_laguerre.hpp>

#include <Eigen/Eigenvalues>

#include <cmath>
#include <stdexcept>

namespace cbec {

namespace {

/// L_n(x) and L_{n-1}(x) by the three-term recurrence (k+1) L_{k+1} = (2k+1−x) L_k − k L_{k−1}.
void laguerrePair(int n, double x, double& Ln, double& Lnm1) {
  double a = 1.0, b = 1.0 - x;   // L_0, L_1
  if (n == 0) {
    Ln = 1.0, Lnm1 = 0.0;
    return;
  }
  for (int k = 1; k < n; ++k) {
    const double c = ((2 * k + 1 - x) * b - k * a) / (k + 1);
    a = b, b = c;
  }
  Ln = b, Lnm1 = a;
}

}  // namespace

GaussLaguerre GaussLaguerre::rule(int n) {
  if (n < 1 || n > 300) throw std::invalid_argument("GaussLaguerre: need 1 to 300 nodes");
  Eigen::MatrixXd J = Eigen::MatrixXd::Zero(n, n);
  for (int k = 0; k < n; ++k) J(k, k) = 2 * k + 1;
  for (int k = 1; k < n; ++k) J(k, k - 1) = J(k - 1, k) = -k;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(J, Eigen::EigenvaluesOnly);
  GaussLaguerre g;
  g.nodes.resize(n);
  g.scaled_weights.resize(n);
  for (int a = 0; a < n; ++a) {
    double x = es.eigenvalues()(a);
    for (int it = 0; it < 3; ++it) {   // Newton on L_n: L_n'(x) = n (L_n − L_{n−1}) / x
      double Ln, Lm;
      laguerrePair(n, x, Ln, Lm);
      const double d = n * (Ln - Lm) / x;
      if (d == 0.0 || !std::isfinite(d)) break;
      const double step = Ln / d;
      x -= step;
      if (std::abs(step) <= 1e-16 * x) break;
    }
    g.nodes[a] = x;
    // W_a = 1 / Σ_{k<n} (e^{-x/2} L_k(x))², the recurrence run on the scaled functions.
    double lm = 0.0, l = std::exp(-0.5 * x), sum = l * l;
    for (int k = 0; k + 1 < n; ++k) {
      const double next = ((2 * k + 1 - x) * l - k * lm) / (k + 1);
      lm = l, l = next;
      sum += l * l;
    }
    g.scaled_weights[a] = 1.0 / sum;
  }
  return g;
}

}  // namespace cbec
