// Preconditioned nonlinear conjugate gradient on the product of unit spheres
// (Antoine, Levitt & Tang, J. Comput. Phys. 343 (2017) 92–109), see ground_state.hpp.
//
// Iteration k, state u = (u_s) with ‖u_s‖ = 1, evaluation ev at u:
//   r_s = H_s u_s - μ_s u_s                        (Riemannian gradient of E is 2c_s r_s)
//   d_s = -P_s r_s, then d_s ← d_s - ⟨u_s,d_s⟩u_s    (tangent; descent since ⟨r_s,P_s r_s⟩ > 0)
//   β   = max(0, Σ c_s⟨r_s - r_s', P_s r_s⟩ / Σ c_s⟨r_s', P_s r_s'⟩)   (Polak–Ribière⁺; ' = previous)
//   p_s = d_s + β p_s',  p_s ← p_s - ⟨u_s,p_s⟩u_s;   restart p = d if E'(0) ≥ 0
//   u_s(θ) = cos(θ n_s) u_s + sin(θ n_s) p_s/n_s,  n_s = ‖p_s‖                    (geodesic = retraction)
//   E'(0)  = Σ_s 2c_s ⟨r_s, p_s⟩
//   E''(0) = Σ_s 2c_s (⟨p_s, H_s p_s⟩ - μ_s n_s²) + D²F[2u p, 2u p]              (exact, F = interaction)
//   θ = -E'(0)/E''(0) (if E'' > 0), halved while E(u(θ)) rises above E(u) (+ round-off allowance).
// The c_s in the gradient is absorbed by the preconditioner (P_s approximates (2c_s Hess_s)^{-1}·2c_s),
// hence the c_s weights in the β inner products.
#include "iteration_monitor.hpp"

#include <cbec/io/errors.hpp>

#include <cmath>
#include <numbers>

namespace cbec::detail {
namespace {

class Preconditioner {
 public:
  explicit Preconditioner(int species) : cache_(species) {}
  // P_s = P_V^{1/2} (α - Δ)^{-1} P_V^{1/2},  P_V = (1 + V/α)^{-1},  α = 2⟨u_s,(-Δ + V_s)u_s⟩.
  // The shift α sets where the preconditioner switches from 1/α to 1/|k|² (and 1/V); twice the
  // one-body energy of the current iterate was the best of the choices tried (kinetic energy ×0.3..10:
  // 16–54 iterations on the 2D benchmark mixture, broad optimum at 3–5× the kinetic energy).
  // The tables are rebuilt only when α moves by more than 5% (α settles within a few iterations).
  void apply(EnergyFunctional& f, int s, double alpha, const Field& r, Field& out) {
    Cache& c = cache_[s];
    if (!(std::abs(alpha - c.alpha) <= 0.05 * c.alpha)) {
      c.alpha = alpha;
      const Field& V = f.trap(s);
      c.D.resize(V.size());
      for (size_t i = 0; i < V.size(); ++i) c.D[i] = 1.0 / std::sqrt(1.0 + V[i] / alpha);
      c.m = f.fourier().tabulate([alpha](double k2) { return 1.0 / (alpha + k2); });
    }
    const size_t n = r.size();
    tmp_.resize(n);
    for (size_t i = 0; i < n; ++i) tmp_[i] = c.D[i] * r[i];
    f.fourier().applyMultiplier(tmp_, c.m, out);
    for (size_t i = 0; i < n; ++i) out[i] *= c.D[i];
  }

 private:
  struct Cache {
    double alpha = -1;
    Field D;
    std::vector<double> m;
  };
  std::vector<Cache> cache_;
  Field tmp_;
};

}  // namespace

GroundStateResult preconditionedConjugateGradient(EnergyFunctional& f, const SolverOptions& o, State u) {
  const int S = f.speciesCount();
  const Grid& g = f.grid();
  const size_t n = g.size();
  const Mixture& m = f.mixture();
  IterationMonitor monitor(f, o);

  Evaluation ev = f.evaluate(u), trial;
  State Pr(S), p(S), rPrev(S), PrPrev(S), uNew(S), drho(S);
  Preconditioner precond(S);
  double prevDenominator = 0;
  bool havePrev = false;
  long it = 0;
  bool conv = false;
  for (; it <= o.max_iterations; ++it) {
    if ((conv = monitor.converged(it, ev))) break;
    if (it == o.max_iterations) break;
    // preconditioned steepest descent direction, Polak–Ribière numerator/denominator, and the
    // projections ⟨u_s, P_s r_s⟩, ⟨u_s, p_s'⟩ (fused passes)
    double numer = 0, denom = 0;
    std::vector<double> uPr(S), uPp(S);
    for (int s = 0; s < S; ++s) {
      const double c = m.fraction(s);
      const double alpha = std::max(2 * (ev.terms.kinetic[s] + ev.terms.trap[s]) / c, 1e-3);
      precond.apply(f, s, alpha, ev.residual[s], Pr[s]);
      const Field& r = ev.residual[s];
      const Field& us = u[s];
      const Field& q = Pr[s];
      double rq = 0, dq = 0, uq = 0, up = 0;
      if (havePrev) {
        const Field& rp = rPrev[s];
        const Field& pp = p[s];
        for (size_t i = 0; i < n; ++i) { rq += r[i] * q[i]; dq += rp[i] * q[i]; uq += us[i] * q[i]; up += us[i] * pp[i]; }
      } else {
        for (size_t i = 0; i < n; ++i) { rq += r[i] * q[i]; uq += us[i] * q[i]; }
      }
      const double dV = g.cellVolume();
      denom += c * rq * dV;
      numer += c * (rq - dq) * dV;
      uPr[s] = uq * dV;
      uPp[s] = up * dV;
    }
    const double beta = havePrev && prevDenominator > 0 ? std::max(0.0, numer / prevDenominator) : 0.0;
    // p_s = -P_s r_s + β p_s' projected on the tangent space at u_s
    auto buildDirection = [&](double b) {
      double sl = 0;
      for (int s = 0; s < S; ++s) {
        Field& ps = p[s];
        ps.resize(n, 0.0);
        const Field& us = u[s];
        const Field& q = Pr[s];
        const Field& r = ev.residual[s];
        const double proj = -uPr[s] + b * uPp[s];
        double rp = 0;
        for (size_t i = 0; i < n; ++i) {
          ps[i] = -q[i] + b * ps[i] - proj * us[i];
          rp += r[i] * ps[i];
        }
        sl += 2 * m.fraction(s) * rp * g.cellVolume();
      }
      return sl;
    };
    double slope = buildDirection(havePrev ? beta : 0.0);
    if (!(slope < 0)) slope = buildDirection(0.0);   // not a descent direction: restart
    for (int s = 0; s < S; ++s) { rPrev[s] = ev.residual[s]; }
    prevDenominator = denom;
    havePrev = true;

    // exact second-order model of E along the geodesic: curvature = kinetic part + the rest
    std::vector<double> nrm(S);
    double rest = 0, maxNorm = 0;
    for (int s = 0; s < S; ++s) {
      const Field& ps = p[s];
      nrm[s] = g.norm(ps);
      maxNorm = std::max(maxNorm, nrm[s]);
      double pUp = 0;
      for (size_t i = 0; i < n; ++i) pUp += ev.potential[s][i] * ps[i] * ps[i];
      rest += 2 * m.fraction(s) * (pUp * g.cellVolume() - ev.mu[s] * nrm[s] * nrm[s]);
      drho[s].resize(n);
      for (size_t i = 0; i < n; ++i) drho[s][i] = 2 * u[s][i] * ps[i];
    }
    rest += f.interactionHessian(drho);
    if (maxNorm == 0) break;
    const double thetaMax = 0.5 * std::numbers::pi / maxNorm;
    auto optimalStep = [&](double kinetic) {
      const double curv = kinetic + rest;
      return curv > 0 ? std::min(-slope / curv, thetaMax) : std::min(1.0, thetaMax);
    };
    // u_s(θ) = (cos(θn_s)u_s + sin(θn_s)/n_s p_s)/σ_s (σ_s = 1 up to round-off), then evaluated
    std::vector<double> ca(S), cb(S), sigma(S);
    auto tryStep = [&](double theta) {
      for (int s = 0; s < S; ++s) {
        uNew[s].resize(n);
        ca[s] = std::cos(theta * nrm[s]);
        cb[s] = nrm[s] > 0 ? std::sin(theta * nrm[s]) / nrm[s] : 0.0;
        Field& w = uNew[s];
        double ww = 0;
        for (size_t i = 0; i < n; ++i) { w[i] = ca[s] * u[s][i] + cb[s] * p[s][i]; ww += w[i] * w[i]; }
        sigma[s] = std::sqrt(ww * g.cellVolume());
        if (!(sigma[s] > 0) || !std::isfinite(sigma[s])) throw NumericalError("PCG: non-finite iterate");
        const double inv = 1.0 / sigma[s];
        for (size_t i = 0; i < n; ++i) w[i] *= inv;
      }
      f.evaluate(uNew, trial);
      return trial.energy;
    };
    // Round-off allowance relative to the size of the terms, not of E: near collapse (blow-up scans)
    // E = kinetic - interaction is a small difference of large terms.
    double magnitude = std::abs(ev.terms.inter);
    for (int s = 0; s < S; ++s)
      magnitude += std::abs(ev.terms.kinetic[s]) + std::abs(ev.terms.trap[s]) + std::abs(ev.terms.intra[s]);
    // Sums over 10⁶–10⁷ points carry ~1e-13 relative noise, above the true decrease (~residual²) near
    // convergence, where the exact quadratic model is reliable anyway: spurious backtracks there reset
    // the conjugacy (3D 128³: 24 instead of 20 iterations), hence the generous factor.
    const double allowance = 1e-11 * std::max(1.0, magnitude);
    double theta;
    bool accepted = false;
    {
      double kinetic = 0;   // Σ 2c_s⟨p_s,-Δp_s⟩ by Parseval (one FFT per species)
      for (int s = 0; s < S; ++s) kinetic += 2 * m.fraction(s) * f.kineticForm(p[s]);
      theta = optimalStep(kinetic);
    }
    for (int tries = 0; !accepted && tries < 30; ++tries) {
      if (tryStep(theta) <= ev.energy + allowance) { accepted = true; break; }
      theta *= 0.5;
      havePrev = false;   // the conjugacy is lost after a backtrack
    }
    if (!accepted) break;
    std::swap(u, uNew);
    std::swap(ev, trial);
  }
  return monitor.finish(std::move(u), ev, it, conv);
}

}  // namespace cbec::detail
