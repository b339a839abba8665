#pragma once
// Internal: the bookkeeping shared by both ground-state methods (no physics here).
#include <cbec/io/progress.hpp>
#include <cbec/solver/ground_state.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <limits>

namespace cbec::detail {

class IterationMonitor {
 public:
  IterationMonitor(Hamiltonian& f, const SolverOptions& o)
      : f_(f), o_(o), fft0_(f.fftCount()), start_(std::chrono::steady_clock::now()),
        progress_(o.label, o.max_iterations, o.progress) {}

  /// Record the state at iteration `it` (ev evaluated at it); true when converged.
  bool converged(long it, const Evaluation& ev) {
    const double r = ev.maxResidual();
    const double dE = std::abs(ev.energy - lastEnergy_);
    lastEnergy_ = ev.energy;
    if (o_.keep_history) history_.push_back({it, ev.energy, r, f_.fftCount() - fft0_, seconds()});
    if (o_.progress) progress_.update(it, fmt::format("E = {:.12g}  residual {:.2e}", ev.energy, r));
    return r <= o_.tolerance && dE <= o_.energy_tolerance * std::max(1.0, std::abs(ev.energy));
  }
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

  GroundStateResult finish(State u, const Evaluation& ev, long iterations, bool converged) {
    GroundStateResult res;
    // non-negative representative: the ground state is positive up to a global sign per species
    for (auto& us : u) {
      double s = 0;
      if (f_.grid().distributed()) {
        s = f_.grid().integral(us);   // the whole field's sign, the same decision on every rank
      } else {
        for (double v : us) s += v;
      }
      if (s < 0) for (double& v : us) v = -v;
    }
    res.u = std::move(u);
    res.energy = ev.energy;
    res.terms = ev.terms;
    res.mu = ev.mu;
    res.residuals = ev.residualNorm;
    res.fractions = ev.norm2;
    res.residual = ev.maxResidual();
    res.iterations = iterations;
    res.converged = converged;
    res.fft_count = f_.fftCount() - fft0_;
    res.wall_seconds = seconds();
    res.method = o_.method;
    res.history = std::move(history_);
    if (o_.progress) progress_.finish(fmt::format("E = {:.15g}  residual {:.2e}  {} iterations", res.energy, res.residual, iterations));
    return res;
  }

 private:
  Hamiltonian& f_;
  const SolverOptions& o_;
  long fft0_;
  std::chrono::steady_clock::time_point start_;
  Progress progress_;
  double lastEnergy_ = std::numeric_limits<double>::infinity();
  std::vector<HistoryEntry> history_;
};

}  // namespace cbec::detail
