#pragma once
/// @file adaptive_stepper.hpp
/// Time stepping to a target time, with a fixed step or with local error control by step doubling.
///
/// Step doubling (Richardson estimate) for a one-step method Φ_τ of order p: with u₁ = Φ_τ(u) and
/// u₂ = Φ_{τ/2}Φ_{τ/2}(u), the local error of u₂ is
///   err = ‖u₁ − u₂‖ / (2^p − 1)                                      (+ O(τ^{p+2})),
/// the step is accepted when err ≤ tol (u ← u₂) and the next step is τ·min(2, max(0.2, 0.9 (tol/err)^{1/(p+1)})).
/// A step shortened only to land on the target time does not shrink the next proposal. The state of the
/// controller (t, τ) is plain data, so a run resumed from a checkpoint continues bit-identically.
#include <cbec/io/errors.hpp>

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace cbec {

struct StepCounts {
  long accepted = 0, rejected = 0;
};

struct StepControl {
  double tolerance = 0;   ///< > 0: adaptive with this local tolerance; 0: fixed step
  int order = 2;          ///< order p of the one-step method
  double maxStep = 1e300;
};

/// Advance u from t to tEnd. `step(u, h)` advances by h; `distance(a, b)` is the norm of a − b. tau is
/// the current (proposed) step, updated in place.
/// `step(u, h, k)` (if it accepts a count) advances by k steps of h at once, which lets a splitting merge
/// the flows at the seams (SplittingScheme::step); otherwise `step(u, h)` is called k times.
template <class State, class Step, class Distance>
void advance(State& u, double& t, double tEnd, double& tau, const StepControl& control, Step&& step,
             Distance&& distance, StepCounts& counts) {
  auto steps = [&](State& v, double h, long k) {
    if constexpr (std::is_invocable_v<Step&, State&, double, int>) {
      step(v, h, static_cast<int>(k));
    } else {
      for (long j = 0; j < k; ++j) step(v, h);
    }
  };
  if (control.tolerance <= 0) {
    double n = std::ceil((tEnd - t) / tau * (1 - 1e-12));
    double h = (tEnd - t) / std::max(1.0, n);
    const long k = static_cast<long>(std::max(1.0, n));
    steps(u, h, k);
    counts.accepted += k;
    t = tEnd;
    return;
  }
  const double gain = 1.0 / (std::pow(2.0, control.order) - 1.0);
  while (t < tEnd) {
    tau = std::min(tau, control.maxStep);
    bool clipped = t + tau >= tEnd;
    double h = clipped ? tEnd - t : tau;
    State full = u, half = u;
    steps(full, h, 1);
    steps(half, h / 2, 2);
    double err = distance(full, half) * gain;
    if (!std::isfinite(err)) throw NumericalError("time stepping: non-finite state");
    double factor = err > 0 ? 0.9 * std::pow(control.tolerance / err, 1.0 / (control.order + 1)) : 2.0;
    factor = std::clamp(factor, 0.2, 2.0);
    if (err <= control.tolerance) {
      u = std::move(half);
      t = clipped ? tEnd : t + h;
      ++counts.accepted;
      if (!clipped || h * factor > tau) tau = h * factor;
    } else {
      ++counts.rejected;
      tau = h * factor;
      if (tau < 1e-14 * std::max(1.0, std::abs(t)))
        throw NumericalError("time stepping: step size underflow (tolerance unreachable)");
    }
  }
}

}  // namespace cbec
