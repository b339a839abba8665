#pragma once
/// @file gauss_legendre.hpp
/// The n-point Gauss–Legendre rule on [a, b]
///
///   ∫_a^b f(x) dx ≈ Σ_i w_i f(x_i),   exact for polynomials of degree ≤ 2n − 1,
///
///   x_i = (a+b)/2 + (b−a)/2 · z_i,   w_i = (b − a) / ((1 − z_i²) P_n'(z_i)²),
///
/// z_i the zeros of the Legendre polynomial P_n, found by Newton's method from the starting guess
/// cos(π(i + 3/4)/(n + 1/2)) with P_n and P_n' = n(z P_n − P_{n-1})/(z² − 1) from the recurrence
/// k P_k = (2k − 1) z P_{k-1} − (k − 1) P_{k-2} (until the Newton step is below 1e-16). The nodes come out
/// in decreasing order of z (largest first).
#include <vector>

namespace cbec {

/// Nodes x and weights w (resized to n ≥ 1) of the n-point rule on [a, b].
void gaussLegendre(int n, double a, double b, std::vector<double>& x, std::vector<double>& w);

}  // namespace cbec
