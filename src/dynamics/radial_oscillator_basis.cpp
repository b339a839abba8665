#include <cbec/dynamics/radial_oscillator_basis.hpp>
#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

RadialOscillatorBasis::RadialOscillatorBasis(int size) : M_(size) {
  if (size < 2 || size > 2000) throw InputError(fmt::format("radial basis size: must lie in [2, 2000], got {}", size));
  const double alpha = 0.5;
  Eigen::VectorXd diag(M_), off(M_ - 1);
  for (int n = 0; n < M_; ++n) diag[n] = 2 * n + alpha + 1;
  for (int n = 1; n < M_; ++n) off[n - 1] = std::sqrt(n * (n + alpha));
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig;
  eig.computeFromTridiagonal(diag, off, Eigen::ComputeEigenvectors);
  if (eig.info() != Eigen::Success) throw NumericalError("radial basis: Golub-Welsch eigensolver failed");
  y_ = eig.eigenvalues();
  Q_ = eig.eigenvectors();   // column i: (√W_i ψ_n(y_i))_n / √μ0 normalised, W_i = μ0 Q_{0i}²
  // two Newton–Schulz steps Q ← Q(3 − QᵀQ)/2 make Q orthogonal to round-off (the eigensolver leaves
  // ~1e-14, which would show as a slow drift of the norm over thousands of steps)
  for (int it = 0; it < 2; ++it)
    Q_ = 0.5 * Q_ * (3.0 * Eigen::MatrixXd::Identity(M_, M_) - Q_.transpose() * Q_);
  const double mu0 = std::tgamma(alpha + 1);
  r_.resize(M_);
  scale_.resize(M_);
  for (int i = 0; i < M_; ++i) {
    if (Q_(0, i) < 0) Q_.col(i) *= -1;
    r_[i] = std::sqrt(y_[i]);
    double W = mu0 * Q_(0, i) * Q_(0, i);
    scale_[i] = std::sqrt(2 * M_PI * W) * std::exp(y_[i] / 2);
  }
}

}  // namespace cbec
