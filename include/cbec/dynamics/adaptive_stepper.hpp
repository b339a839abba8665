#pragma once
/// @file adaptive_stepper.hpp
/// Time stepping to a target time, with a fixed step or with local error control by step doubling
/// (`advance`) or by an embedded pair (`advanceEmbedded`).
///
/// Step doubling (Richardson estimate) for a one-step method Φ_τ of order p, generalised to a step ratio k ≥ 2:
/// with u₁ = Φ_τ(u) and u_k = (Φ_{τ/k})^k(u) (the k substeps' seams merged, SplittingScheme::step), the local
/// errors are C τ^{p+1} and k·C(τ/k)^{p+1}, so the error of the propagated u_k is
///   err = ‖u₁ − u_k‖ / (k^p − 1)                                     (+ O(τ^{p+2})),
/// the step is accepted when err ≤ tol (u ← u_k) and the next step is τ·min(2, max(0.2, 0.9 (tol/err)^{1/(p+1)})).
/// The comparison step u₁ is the whole overhead: one step per k propagated substeps (k = 2, classic step doubling:
/// +50%; k = 4: +25%), and the estimate has the propagated method's own order (an embedded pair's lower-order
/// member does not, which makes pairs lose at tight tolerances: docs/dynamics.md). The big step τ must itself be
/// in the asymptotic regime (checked on the lens identity, tests/dynamics): an error that is not a truncation
/// error of order p (e.g. the split-step resonance of unresolved grid modes, docs/dynamics.md) is divided by
/// k^p − 1 all the same and goes unseen.
/// A step shortened only to land on the target time does not shrink the next proposal. The state of the
/// controller (t, τ) is plain data, so a run resumed from a checkpoint continues bit-identically.
/// Estimating every m-th macro step only (StepControl::every = m, "estimate_every"): the m − 1 macro steps after
/// an accepted estimated one are taken at the proposed τ without the comparison step (overhead 1/(k·m) instead
/// of 1/k), trusting the proposal 0.9(tol/err)^{1/(p+1)}·h, which predicts a local error ≈ 0.9^{p+1}·tol
/// while the error's τ^{p+1} law holds; a change of the dynamics within m macro steps goes unseen. Whether a
/// step is estimated depends only on the accepted count (checkpointed), so resume stays bit-identical.
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
  int ratio = 2;          ///< step ratio k of the Richardson estimate (2: step doubling)
  int every = 1;          ///< Richardson: estimate on one macro step in `every` (the others unestimated, see advance)
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
  const int k = std::max(2, control.ratio);
  const long every = std::max(1, control.every);
  const double gain = 1.0 / (std::pow(double(k), control.order) - 1.0);
  while (t < tEnd) {
    tau = std::min(tau, control.maxStep);
    bool clipped = t + tau >= tEnd;
    double h = clipped ? tEnd - t : tau;
    if (counts.accepted % every != 0) {
      // an unestimated macro step: the k substeps only, at the step the last estimate proposed (or shorter, to
      // land on tEnd); which steps are estimated follows from the accepted count, so a resume repeats it
      steps(u, h / k, k);
      t = clipped ? tEnd : t + h;
      ++counts.accepted;
      continue;
    }
    State full = u, half = u;
    steps(full, h, 1);
    steps(half, h / k, k);
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

/// As `advance` with tolerance > 0, the error estimate coming with the step itself (an embedded pair,
/// splitting.hpp's SplittingPair): `trial(v, h)` advances v by h and returns the estimate err ≈ C h^{q+1},
/// q = control.order. A step is accepted when err ≤ tol, and the next step is
/// τ·min(2, max(0.2, 0.9 (tol/err)^{1/(q+1)})), as for step doubling (same clipping at tEnd, same plain-data
/// controller state, so a resumed run continues bit-identically).
template <class State, class Trial>
void advanceEmbedded(State& u, double& t, double tEnd, double& tau, const StepControl& control, Trial&& trial,
                     StepCounts& counts, State& scratch) {
  while (t < tEnd) {
    tau = std::min(tau, control.maxStep);
    bool clipped = t + tau >= tEnd;
    double h = clipped ? tEnd - t : tau;
    scratch = u;
    double err = trial(scratch, h);
    if (!std::isfinite(err)) throw NumericalError("time stepping: non-finite state");
    double factor = err > 0 ? 0.9 * std::pow(control.tolerance / err, 1.0 / (control.order + 1)) : 2.0;
    factor = std::clamp(factor, 0.2, 2.0);
    if (err <= control.tolerance) {
      std::swap(u, scratch);
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
