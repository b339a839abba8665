#pragma once
/// @file runge_kutta4.hpp
/// The classical fourth-order Runge–Kutta method for an autonomous system y' = f(y) with a fixed step τ:
///
///   k_1 = f(y),  k_2 = f(y + τ/2 k_1),  k_3 = f(y + τ/2 k_2),  k_4 = f(y + τ k_3),
///   y ← y + τ/6 (k_1 + 2k_2 + 2k_3 + k_4),
///
/// local error O(τ⁵), global error O(τ⁴). Vec is any vector type with the usual operations (Eigen vectors).

namespace cbec {

/// y ← y(t) after `steps` ≥ 1 equal steps τ = t/steps (y unchanged when steps < 1 or t = 0).
template <class Vec, class F>
Vec integrateRk4(F&& f, Vec y, double t, int steps) {
  if (steps < 1 || t == 0) return y;
  const double h = t / steps;
  for (int n = 0; n < steps; ++n) {
    Vec k1 = f(y), k2 = f(y + 0.5 * h * k1), k3 = f(y + 0.5 * h * k2), k4 = f(y + h * k3);
    y += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return y;
}

}  // namespace cbec
