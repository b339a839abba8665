#pragma once
// Test support: an independent solver of the radial Hartree flow of the toy model (F 4.4),
//   i∂_t φ = (ν/2)(−Δ + r² − 3)φ + (V∗|φ|²)φ,
// with another discretisation and another integrator than src/dynamics/radial_hartree.cpp:
//   - u(r) = rφ(r) on (0, R) in the sine DVR (points r_i = iΔ, Δ = R/M; −u'' is exact on sin(nπr/R)),
//     −Δφ = −u''/r for radial φ, so h_ν is a dense (M−1)×(M−1) matrix, diagonalised once;
//   - V∗|φ|² by the trapezoidal rule in r' with the spherical average K(r, r'):
//     U(r_i) = 4πΔ Σ_j K(r_i, r_j)|u_j|²;
//   - time stepping by Lawson's integrating-factor RK4 (an exponential Runge–Kutta, not a splitting).
#include <cbec/model/pair_interaction.hpp>

#include <Eigen/Dense>

#include <cmath>
#include <complex>

namespace cbec::testing {

class RadialReference {
 public:
  using V = Eigen::VectorXcd;
  RadialReference(double nu, const PairInteraction& pot, double R, int M) : nu_(nu), dr_(R / M), w_(4 * M_PI * R / M) {
    const int n = M - 1;
    r_.resize(n);
    for (int i = 0; i < n; ++i) r_[i] = (i + 1) * dr_;
    Eigen::MatrixXd S(n, n), L(n, n);
    for (int i = 0; i < n; ++i)
      for (int k = 0; k < n; ++k) S(i, k) = std::sqrt(2.0 / M) * std::sin(M_PI * (i + 1) * (k + 1) / M);
    Eigen::VectorXd k2(n);
    for (int k = 0; k < n; ++k) k2[k] = std::pow((k + 1) * M_PI / R, 2);
    L = S * k2.asDiagonal() * S.transpose();
    for (int i = 0; i < n; ++i) L(i, i) += r_[i] * r_[i] - 3;
    L *= nu / 2;
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(L);
    E_ = eig.eigenvectors();
    lambda_ = eig.eigenvalues();
    L_ = L;
    K_.resize(n, n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) K_(i, j) = pot.sphericalAverage(r_[i], r_[j]);
    u0_.resize(n);
    for (int i = 0; i < n; ++i) u0_[i] = r_[i] * std::pow(M_PI, -0.75) * std::exp(-r_[i] * r_[i] / 2);
    u0_ /= std::sqrt(w_) * u0_.norm();
  }
  V ground() const { return u0_.cast<std::complex<double>>(); }
  Eigen::VectorXd potential(const V& u) const { return w_ * (K_ * u.cwiseAbs2()); }
  V linear(const V& u, double h) const {
    Eigen::VectorXcd c = E_.transpose() * u;
    for (int k = 0; k < c.size(); ++k) c[k] *= std::polar(1.0, -lambda_[k] * h);
    return E_ * c;
  }
  V rhs(const V& u) const { return std::complex<double>(0, -1) * potential(u).cast<std::complex<double>>().cwiseProduct(u); }
  /// One Lawson RK4 step (integrating factor e^{−ih_ν t}).
  void step(V& u, double h) const {
    V k1 = rhs(u);
    V k2 = rhs(linear(u + (h / 2) * k1, h / 2));
    V k3 = rhs(linear(u, h / 2) + (h / 2) * k2);
    V k4 = rhs(linear(u, h) + h * linear(k3, h / 2));
    u = linear(u, h) + (h / 6) * (linear(k1, h) + 2.0 * linear(k2 + k3, h / 2) + k4);
  }
  V evolve(V u, double t, int steps) const {
    for (int s = 0; s < steps; ++s) step(u, t / steps);
    return u;
  }
  double norm(const V& u) const { return std::sqrt(w_) * u.norm(); }
  double x2(const V& u) const { return w_ * (r_.array().square() * u.cwiseAbs2().array()).sum(); }
  double energy(const V& u) const {
    return w_ * (u.adjoint() * L_.cast<std::complex<double>>() * u)(0).real() + 0.5 * w_ * potential(u).dot(u.cwiseAbs2());
  }
  std::complex<double> groundOverlap(const V& u) const { return w_ * u0_.cast<std::complex<double>>().dot(u); }
  double orthogonalNorm(const V& u) const {
    return std::sqrt(w_) * (u - groundOverlap(u) * u0_.cast<std::complex<double>>()).norm();
  }

 private:
  double nu_, dr_, w_;
  Eigen::VectorXd r_, lambda_, u0_;
  Eigen::MatrixXd E_, K_, L_;
};

}  // namespace cbec::testing
