#pragma once
/// @file gauss_laguerre.hpp
/// The n-point Gauss–Laguerre rule
///
///   ∫_0^∞ f(x) e^{-x} dx ≈ Σ_a w_a f(x_a),   exact for polynomials of degree ≤ 2n − 1.
///
/// Nodes: the eigenvalues of the Jacobi matrix J_kk = 2k + 1, J_{k,k-1} = −k (Golub–Welsch), each polished by
/// Newton steps on L_n. Weights in scaled form, W_a = w_a e^{x_a}, from the Christoffel function
///
///   W_a = 1 / Σ_{k<n} ℓ_k(x_a)²,   ℓ_k(x) = e^{-x/2} L_k(x)   (L_k orthonormal for e^{-x} on [0, ∞)),
///
/// a sum of positive terms, accurate to round-off relative to each weight (the outer w_a fall below 1e-100
/// at n ≈ 60; stored as W_a they neither underflow nor lose their relative accuracy). A caller with an
/// integrand g(x) = e^{-x} p(x) that it can evaluate only as g itself uses ∫ g ≈ Σ_a W_a g(x_a).
#include <vector>

namespace cbec {

struct GaussLaguerre {
  std::vector<double> nodes;            ///< x_a, increasing
  std::vector<double> scaled_weights;   ///< W_a = w_a e^{x_a}
  /// The n-point rule (1 ≤ n ≤ 300; std::invalid_argument otherwise).
  static GaussLaguerre rule(int n);
};

}  // namespace cbec
