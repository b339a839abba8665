#pragma once
/// @file radial_oscillator_basis.hpp
/// The s-wave eigenfunctions of the 3D oscillator −Δ + |x|² and their Gauss quadrature (a discrete
/// variable representation, DVR), for radial functions φ(|x|) on R³:
///
///   φ_n(r) = (2π)^{−1/2} ψ_n(r²) e^{−r²/2},   (−Δ + r²) φ_n = (4n + 3) φ_n,   n = 0..M−1,
///
/// ψ_n the orthonormal polynomials of the weight y^{1/2} e^{−y} on (0, ∞) (generalised Laguerre, α = ½),
/// so that ∫|φ|² d³x = 2π ∫_0^∞ y^{1/2}|φ(√y)|² dy. φ_0 = π^{−3/4} e^{−r²/2}.
/// Nodes y_i and weights W_i are the M-point Gauss rule of that weight (Golub–Welsch: eigenvalues of the
/// Jacobi matrix with diagonal 2n + α + 1 and off-diagonal √(n(n+α))); its normalised eigenvectors give
/// the orthogonal matrix Q_{ni} = √W_i ψ_n(y_i) (up to the sign fixed by Q_{0i} > 0).
///
/// A state is held as nodal values v_i = √(2π W_i e^{y_i}) φ(r_i), r_i = √y_i, so that
///   Σ|v_i|² = ∫|φ|² (exact on the span), c = Q v (coefficients in φ_n), v = Qᵀ c, ⟨r²⟩ = Σ y_i|v_i|²,
/// and a multiplication by a radial function g acts as v_i ↦ g(r_i) v_i.
#include <Eigen/Dense>

namespace cbec {

class RadialOscillatorBasis {
 public:
  explicit RadialOscillatorBasis(int size);
  int size() const { return M_; }
  const Eigen::VectorXd& nodes() const { return r_; }    ///< r_i
  const Eigen::VectorXd& nodesSquared() const { return y_; }
  /// Q (rows n, columns i).
  const Eigen::MatrixXd& transform() const { return Q_; }
  /// √(2π W_i e^{y_i}): v_i = scale_i φ(r_i).
  const Eigen::VectorXd& scale() const { return scale_; }
  Eigen::VectorXcd toCoefficients(const Eigen::VectorXcd& v) const { return Q_ * v; }
  Eigen::VectorXcd toNodes(const Eigen::VectorXcd& c) const { return Q_.transpose() * c; }

 private:
  int M_;
  Eigen::VectorXd r_, y_, scale_;
  Eigen::MatrixXd Q_;
};

}  // namespace cbec
