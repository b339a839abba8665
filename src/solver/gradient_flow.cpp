// Baseline: continuous normalised gradient flow (imaginary time) ∂_t u_s = -(H_s - μ_s) u_s, discretised
// by backward Euler in the linear part with a stabilising constant (Bao & Du, SIAM J. Sci. Comput. 25
// (2004), the BESP scheme), followed by the projection onto the spheres; see ground_state.hpp:
//   (1/τ + α_s - ν_sΔ) ũ_s = (1/τ + α_s + μ_s - U_s) u_s,   u_s ← ũ_s / ‖ũ_s‖,   α_s = ½(max U_s + min U_s)⁺,
// with U_s = U_s[ρ] from the Hamiltonian (hamiltonian.hpp) and μ_s = ⟨u_s, H_s u_s⟩ at the old state. The μ_s
// term makes every eigenfunction an exact fixed point (without it the fixed point is off by O(μτ)).
// Cost: two FFTs per species per step (⟨u,-Δu⟩ for μ comes by Parseval from the same transform);
// the full residual (two more) every `residual_every` steps.
#include "iteration_monitor.hpp"

#include <algorithm>

namespace cbec::detail {
namespace {

/// One semi-implicit step of species s; returns the new ν_s⟨u_s,-Δu_s⟩ (u_s normalised afterwards).
double besp(Hamiltonian& h, int s, const Field& U, double kinetic, double tau, Field& us, Field& rhs,
            std::vector<double>& mult) {
  const size_t n = us.size();
  double uU = 0;
  for (size_t i = 0; i < n; ++i) uU += U[i] * us[i] * us[i];
  const double mu = kinetic + uU * h.grid().cellVolume();
  const auto [lo, hi] = std::minmax_element(U.begin(), U.end());
  const double alpha = std::max(0.0, 0.5 * (*lo + *hi));
  const double shift = 1.0 / tau + alpha, nu = h.kineticPrefactor(s);
  rhs.resize(n);
  for (size_t i = 0; i < n; ++i) rhs[i] = (shift + mu - U[i]) * us[i];
  const auto& k2 = h.fourier().k2();
  mult.resize(k2.size());
  for (size_t i = 0; i < k2.size(); ++i) mult[i] = 1.0 / (shift + nu * k2[i]);
  const double kin = nu * h.fourier().applyMultiplier(rhs, mult, us, k2);
  return kin / h.grid().dot(us, us);
}

}  // namespace

GroundStateResult normalisedGradientFlow(Hamiltonian& h, const SolverOptions& o, State u) {
  const int S = h.speciesCount();
  IterationMonitor monitor(h, o);
  Evaluation ev = h.evaluate(u);
  std::vector<double> kinetic(S), mult;
  for (int s = 0; s < S; ++s) kinetic[s] = ev.terms.kinetic[s] / h.fraction(s);
  Field rhs;
  long it = 0;
  bool conv = false;
  const long every = std::max(1, o.residual_every);
  for (;; ++it) {
    if (it % every == 0 || it >= o.max_iterations) {
      if (it > 0) h.evaluate(u, ev);
      if ((conv = monitor.converged(it, ev))) break;
      if (it >= o.max_iterations) break;
    } else {
      h.potential(u, ev.potential);   // U_s at the current state (contact: no FFT)
    }
    for (int s = 0; s < S; ++s) kinetic[s] = besp(h, s, ev.potential[s], kinetic[s], o.time_step, u[s], rhs, mult);
    normalise(h.grid(), u);
  }
  return monitor.finish(std::move(u), ev, it, conv);
}

}  // namespace cbec::detail
