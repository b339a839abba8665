#include <cbec/solver/error_estimate.hpp>

#include <cbec/discretisation/parallel.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cbec {
namespace {

/// Terms of E'(0) and E''(0) of species s along d_s (written into d); δρ_s = 2u_s d_s into drho.
struct Directional {
  double slope = 0, curvature = 0, norm = 0;
};

/// P_s r_s into d, P_s the PCG preconditioner (see error_estimate.hpp); returns ⟨u_s, P_s r_s⟩.
double preconditioned(Hamiltonian& h, int s, const Field& u, const Evaluation& ev, Field& d) {
  const int T = h.threads();
  const size_t n = u.size();
  const double nu = h.kineticPrefactor(s);
  const double mass = h.mixture().totalMass() ? ev.norm2[s] : h.fraction(s);   // α per unit mass, as in pcg.cpp
  const double alpha = std::max(mass > 0 ? 2 * (ev.terms.kinetic[s] + ev.terms.trap[s]) / mass : 0.0, 1e-3);
  const Field& V = h.trap(s);
  Field D(h.grid().shape());
  parallel::forEach(T, n, [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) D[i] = 1.0 / std::sqrt(1.0 + nu * V[i] / alpha);
  });
  d.resize(h.grid().shape());
  h.fourier().applyResolvent(ev.residual[s], alpha, nu, d, &D);   // P_s r_s
  return parallel::sum<1>(h.team(), n, [&](size_t i0, size_t i1) {
    double a = 0;
    for (size_t i = i0; i < i1; ++i) a += u[i] * d[i];
    return std::array<double, 1>{a};
  })[0] * h.grid().cellVolume();
}

/// d_s ← proj·u_s − d_s: the tangent descent direction −(P r − proj u), proj = ⟨u_s, P_s r_s⟩ (per species) or
/// Σ_s⟨u_s, P_s r_s⟩ (total-mass constraint: one sphere).
void descentDirection(Hamiltonian& h, const Field& u, double proj, Field& d) {
  parallel::forEach(h.threads(), u.size(), [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) d[i] = proj * u[i] - d[i];
  });
}

Directional directional(Hamiltonian& h, int s, const Field& u, const Evaluation& ev, const Field& d, Field& drho) {
  const size_t n = u.size();
  const Field& r = ev.residual[s];
  const Field& U = ev.potential[s];
  drho.resize(h.grid().shape());
  const auto [rd, dUd, dd] = parallel::sum<3>(h.team(), n, [&](size_t i0, size_t i1) {
    double a = 0, b = 0, c = 0;
    for (size_t i = i0; i < i1; ++i) {
      a += r[i] * d[i];
      b += U[i] * d[i] * d[i];
      c += d[i] * d[i];
      drho[i] = 2 * u[i] * d[i];
    }
    return std::array<double, 3>{a, b, c};
  });
  const double dV = h.grid().cellVolume(), c = h.fraction(s);
  return {2 * c * rd * dV, 2 * c * (h.kineticForm(s, d) + (dUd - ev.mu[s] * dd) * dV), std::sqrt(dd * dV)};
}

}  // namespace

ModelEnergy modelMinimumEnergy(Hamiltonian& h, const State& u) {
  const Evaluation ev = h.evaluate(u);
  const int S = h.speciesCount();
  double slope = 0, curvature = 0, maxNorm = 0;
  State drho(S);
  if (h.mixture().totalMass()) {   // one sphere: the projection and the geodesic's norm over all species
    State d(S);
    double proj = 0, norm2 = 0;
    for (int s = 0; s < S; ++s) proj += preconditioned(h, s, u[s], ev, d[s]);
    for (int s = 0; s < S; ++s) {
      descentDirection(h, u[s], proj, d[s]);
      const Directional t = directional(h, s, u[s], ev, d[s], drho[s]);
      slope += t.slope;
      curvature += t.curvature;
      norm2 += t.norm * t.norm;
    }
    maxNorm = std::sqrt(norm2);
  } else {
    Field d;
    for (int s = 0; s < S; ++s) {
      descentDirection(h, u[s], preconditioned(h, s, u[s], ev, d), d);
      const Directional t = directional(h, s, u[s], ev, d, drho[s]);
      slope += t.slope;
      curvature += t.curvature;
      maxNorm = std::max(maxNorm, t.norm);
    }
  }
  curvature += h.secondVariation(drho);
  ModelEnergy out{ev.energy, ev.energy, 0.0};
  if (!(slope < 0) || !(curvature > 0) || !(maxNorm > 0)) return out;
  const double theta = std::min(-slope / curvature, 0.5 * std::numbers::pi / maxNorm);
  out.decrease = std::max(0.0, -(slope * theta + 0.5 * curvature * theta * theta));
  out.energy = ev.energy - out.decrease;
  return out;
}

}  // namespace cbec
