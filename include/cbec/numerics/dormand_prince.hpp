#pragma once
/// @file dormand_prince.hpp
/// The embedded Dormand–Prince 5(4) pair (DOPRI5; Dormand & Prince 1980, Hairer–Nørsett–Wanner II.5) for
/// y' = f(t, y), y ∈ C^n, with local error control:
///
///   k_i = f(t + c_i τ, y + τ Σ_{j<i} a_ij k_j),  i = 1..7,   y_{n+1} = y + τ Σ_i b_i k_i  (5th order; k_7 = f(t+τ, y_{n+1}),
///   first-same-as-last: the k_1 of the next step),
///   err = ‖τ Σ_i e_i k_i‖_∞,  e = b − b̂ (b̂ the embedded 4th-order weights),
///
///   c = (0, 1/5, 3/10, 4/5, 8/9, 1, 1),  b = (35/384, 0, 500/1113, 125/192, −2187/6784, 11/84, 0),
///   e = (71/57600, 0, −71/16695, 71/1920, −17253/339200, 22/525, −1/40).
///
/// A step is accepted when err ≤ tol·τ (absolute tolerance per unit time), and the next step is
/// τ·clamp(0.9 (tol τ/err)^{1/5}, 0.2, 5) (5 when err = 0); the first trial step is min(0.01, t1 − t0), the
/// last one is cut to land on t1. No exceptions: a non-finite error estimate or a step below
/// 1e-14·max(1, |t1|) stops the integration and says why in OdeStats::failure (y holds the last accepted state).
#include <Eigen/Dense>

#include <functional>
#include <string>

namespace cbec {

struct OdeStats {
  int accepted = 0, rejected = 0;
  /// Empty on success; otherwise "DOPRI5: non-finite state" or "DOPRI5: step size underflow".
  std::string failure;
};

/// y ← y(t1) for y' = f(t, y), y(t0) = y (t1 ≥ t0). Returns the step counts (and the failure, if any).
OdeStats integrateDopri5(const std::function<Eigen::VectorXcd(double, const Eigen::VectorXcd&)>& f,
                         Eigen::VectorXcd& y, double t0, double t1, double tol);

}  // namespace cbec
