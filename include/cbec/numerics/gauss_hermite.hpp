#pragma once
/// @file gauss_hermite.hpp
/// The n-point Gauss–Hermite rule
///
///   ∫ f(t) e^{-t²} dt ≈ Σ_a w_a f(t_a),   exact for polynomials of degree ≤ 2n − 1.
///
/// Nodes: the eigenvalues of the Jacobi matrix J_{k,k-1} = J_{k-1,k} = √(k/2) (Golub–Welsch). Weights: the
/// Christoffel function w_a = √π / Σ_{k<n} p_k(t_a)² with the orthonormal p_k of hermite_polynomials.hpp —
/// a sum of positive terms, accurate to round-off relative to each weight (the squared first eigenvector
/// component of Golub–Welsch is accurate only relative to the largest weight: at n ≳ 40 the outer weights
/// ≲ 1e-20 come out wrong by orders of magnitude). The rule is symmetrised (t_{n-1-a} = −t_a, equal weights;
/// the middle node of an odd rule is 0).
#include <vector>

namespace cbec {

struct GaussHermite {
  std::vector<double> nodes, weights;
  /// The n-point rule (n ≥ 1; std::invalid_argument otherwise), nodes increasing.
  static GaussHermite rule(int n);
};

}  // namespace cbec
