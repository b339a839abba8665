// Baseline: continuous normalised gradient flow (imaginary time) ∂_t u_s = -(H_s - μ_s) u_s, discretised
// by backward Euler in the linear part with a stabilising constant (Bao & Du, SIAM J. Sci. Comput. 25
// (2004), the BESP scheme), followed by the projection onto the spheres; see ground_state.hpp:
//   (1/τ + α_s - Δ) ũ_s = (1/τ + α_s + μ_s - U_s) u_s,   u_s ← ũ_s / ‖ũ_s‖,   α_s = ½(max U_s + min U_s)⁺,
// with U_s = V_s - ã_s w*ρ_s - Σ c_t a_st w*ρ_t and μ_s = ⟨u_s, H_s u_s⟩ at the old state. The μ_s term
// makes every eigenfunction an exact fixed point (without it the fixed point is off by O(μτ)).
// Cost: two FFTs per species per step (⟨u,-Δu⟩ for μ comes by Parseval from the same transform);
// the full residual (two more) every `residual_every` steps.
#include "iteration_monitor.hpp"

#include <algorithm>

namespace cbec::detail {

GroundStateResult normalisedGradientFlow(EnergyFunctional& f, const SolverOptions& o, State u) {
  const int S = f.speciesCount();
  const size_t n = f.grid().size();
  const Mixture& m = f.mixture();
  IterationMonitor monitor(f, o);
  Evaluation ev = f.evaluate(u);
  std::vector<double> kinetic(S), mult;
  for (int s = 0; s < S; ++s) kinetic[s] = ev.terms.kinetic[s] / m.fraction(s);
  std::vector<Field> rho(S), conv(S);
  Field rhs;
  long it = 0;
  bool conv_ = false;
  const long every = std::max(1, o.residual_every);
  for (;; ++it) {
    if (it % every == 0 || it >= o.max_iterations) {
      if (it > 0) f.evaluate(u, ev);
      if ((conv_ = monitor.converged(it, ev))) break;
      if (it >= o.max_iterations) break;
    } else {
      // mean-field potentials U_s at the current state (contact: no FFT)
      for (int s = 0; s < S; ++s) {
        rho[s].resize(n);
        for (size_t i = 0; i < n; ++i) rho[s][i] = u[s][i] * u[s][i];
        f.convolve(rho[s], conv[s]);
      }
      for (int s = 0; s < S; ++s) {
        Field& U = ev.potential[s];
        for (size_t i = 0; i < n; ++i) U[i] = f.trap(s)[i] - m.effectiveIntra(s) * conv[s][i];
        for (int t = 0; t < S; ++t)
          if (t != s && m.coupling(s, t) != 0)
            for (size_t i = 0; i < n; ++i) U[i] -= m.fraction(t) * m.coupling(s, t) * conv[t][i];
      }
    }
    for (int s = 0; s < S; ++s) {
      const Field& U = ev.potential[s];
      double uU = 0;
      for (size_t i = 0; i < n; ++i) uU += U[i] * u[s][i] * u[s][i];
      const double mu = kinetic[s] + uU * f.grid().cellVolume();
      const auto [lo, hi] = std::minmax_element(U.begin(), U.end());
      const double alpha = std::max(0.0, 0.5 * (*lo + *hi));
      const double shift = 1.0 / o.time_step + alpha;
      rhs.resize(n);
      for (size_t i = 0; i < n; ++i) rhs[i] = (shift + mu - U[i]) * u[s][i];
      const auto& k2 = f.fourier().k2();
      mult.resize(k2.size());
      for (size_t i = 0; i < k2.size(); ++i) mult[i] = 1.0 / (shift + k2[i]);
      const double kin = f.fourier().applyMultiplier(rhs, mult, u[s], k2);
      const double nrm2 = f.grid().dot(u[s], u[s]);
      kinetic[s] = kin / nrm2;
    }
    f.normalise(u);
  }
  return monitor.finish(std::move(u), ev, it, conv_);
}

}  // namespace cbec::detail
