// Baseline: continuous normalised gradient flow (imaginary time) ∂_t u_s = -(H_s - μ_s) u_s, discretised
// by backward Euler in the linear part with a stabilising constant (Bao & Du, SIAM J. Sci. Comput. 25
// (2004), the BESP scheme), followed by the projection onto the spheres; see ground_state.hpp:
//   (1/τ + α_s - ν_sΔ) ũ_s = (1/τ + α_s + μ_s - U_s) u_s,   u_s ← ũ_s / ‖ũ_s‖,   α_s = ½(max U_s + min U_s)⁺,
// with U_s = U_s[ρ] from the Hamiltonian (hamiltonian.hpp) and μ_s = ⟨u_s, H_s u_s⟩ at the old state. The μ_s
// term makes every eigenfunction an exact fixed point (without it the fixed point is off by O(μτ)).
// Total-mass constraint: μ = Σ_s⟨v_s, H_s v_s⟩ shared by the species and one normalisation of the whole state.
// Cost: two FFTs per species per step (⟨u,-Δu⟩ for μ comes by Parseval from the same transform);
// the full residual (two more) every `residual_every` steps.
#include "iteration_monitor.hpp"

#include <cbec/mpi/communicator.hpp>

#include <algorithm>
#include <array>
#include <limits>

namespace cbec::detail {
namespace {

/// ⟨u_s, U_s u_s⟩.
double potentialExpectation(Hamiltonian& h, const Field& U, const Field& us) {
  if (h.grid().distributed())   // a slab: the sum over the whole grid in its global order
    return parallel::sum<1>(h.team(), us.size(), [&](size_t i0, size_t i1) {
      std::array<double, 1> a{};
      for (size_t i = i0; i < i1; ++i) a[0] += U[i] * us[i] * us[i];
      return a;
    })[0] * h.grid().cellVolume();
  double uU = 0;
  for (size_t i = 0; i < us.size(); ++i) uU += U[i] * us[i] * us[i];
  return uU * h.grid().cellVolume();
}

struct StepResult {
  double kinetic;   ///< ν_s⟨ũ_s,-Δũ_s⟩ of the new, not yet normalised ũ_s
  double norm2;     ///< ‖ũ_s‖²
};

/// One semi-implicit step of species s with the multiplier μ (u_s normalised by the caller afterwards).
StepResult besp(Hamiltonian& h, int s, const Field& U, double mu, double tau, Field& us, Field& rhs,
                std::vector<double>& mult) {
  const size_t n = us.size();
  const auto [lop, hip] = std::minmax_element(U.begin(), U.end());
  double lo = U.empty() ? std::numeric_limits<double>::infinity() : *lop;
  double hi = U.empty() ? -std::numeric_limits<double>::infinity() : *hip;
  if (const mpi::Communicator* ranks = h.grid().ranks()) {   // a slab: the whole grid's extremes
    lo = -ranks->max(-lo);
    hi = ranks->max(hi);
  }
  const double alpha = std::max(0.0, 0.5 * (lo + hi));
  const double shift = 1.0 / tau + alpha, nu = h.kineticPrefactor(s);
  rhs.resize(n);
  for (size_t i = 0; i < n; ++i) rhs[i] = (shift + mu - U[i]) * us[i];
  const auto& k2 = h.fourier().k2();
  mult.resize(k2.size());
  for (size_t i = 0; i < k2.size(); ++i) mult[i] = 1.0 / (shift + nu * k2[i]);
  const double kin = nu * h.fourier().applyMultiplier(rhs, mult, us, k2);
  return {kin, h.grid().dot(us, us)};
}

}  // namespace

// Total-mass constraint (ground_state.hpp): one multiplier μ = Σ_s⟨v_s, H_s v_s⟩ (Σ_s‖v_s‖² = 1) in every
// species' step, then the whole state normalised; `kinetic` holds the unnormalised ν_s⟨v_s,-Δv_s⟩ there.
GroundStateResult normalisedGradientFlow(Hamiltonian& h, const SolverOptions& o, State u) {
  const int S = h.speciesCount();
  const bool total = h.mixture().totalMass();
  IterationMonitor monitor(h, o);
  Evaluation ev = h.evaluate(u);
  std::vector<double> kinetic(S), mult, mu(S);
  std::vector<StepResult> steps(S);
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
    double shared = 0;
    for (int s = 0; s < S; ++s) shared += mu[s] = kinetic[s] + potentialExpectation(h, ev.potential[s], u[s]);
    double mass = 0;
    for (int s = 0; s < S; ++s) {
      steps[s] = besp(h, s, ev.potential[s], total ? shared : mu[s], o.time_step, u[s], rhs, mult);
      mass += steps[s].norm2;
    }
    for (int s = 0; s < S; ++s) kinetic[s] = steps[s].kinetic / (total ? mass : steps[s].norm2);
    normalise(h.grid(), u, h.mixture().massConstraint());
  }
  return monitor.finish(std::move(u), ev, it, conv);
}

}  // namespace cbec::detail
