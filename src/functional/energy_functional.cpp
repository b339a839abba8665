#include <cbec/functional/energy_functional.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cbec {

double EnergyTerms::total() const {
  double e = inter;
  for (size_t s = 0; s < kinetic.size(); ++s) e += kinetic[s] + trap[s] + intra[s];
  return e;
}

double Evaluation::maxResidual() const {
  return residualNorm.empty() ? 0.0 : *std::max_element(residualNorm.begin(), residualNorm.end());
}

EnergyFunctional::EnergyFunctional(Mixture mixture, Grid grid, int threads, bool measure)
    : m_(std::move(mixture)), grid_(std::move(grid)), fft_(grid_, threads, measure) {
  if (grid_.dimension() != m_.dimension())
    throw InputError(fmt::format("grid dimension {} differs from model.dimension {}", grid_.dimension(), m_.dimension()));
  for (int s = 0; s < m_.speciesCount(); ++s) {
    const Trap& trap = m_.species(s).trap;
    V_.push_back(grid_.sample([&](const double* x) { return trap(x); }));
  }
  if (!m_.pair().isContact()) {
    const int d = m_.dimension();
    wHat_ = fft_.tabulate([&](double k2) { return m_.pair().fourier(k2, d); });
  }
  conv_.resize(m_.speciesCount());
}

void EnergyFunctional::convolve(const Field& f, Field& out) {
  if (m_.pair().isContact()) { out = f; return; }
  fft_.applyMultiplier(f, wHat_, out);
}

double EnergyFunctional::kineticForm(const Field& v) {
  fft_.forward(v, spec_);
  return fft_.quadraticForm(spec_, fft_.k2());
}

void EnergyFunctional::evaluate(const State& u, Evaluation& ev) {
  const int S = m_.speciesCount();
  const size_t n = grid_.size();
  const double dV = grid_.cellVolume();
  ev.lapNeg.resize(S);
  ev.potential.resize(S);
  ev.residual.resize(S);
  ev.mu.assign(S, 0.0);
  ev.residualNorm.assign(S, 0.0);
  ev.terms.kinetic.assign(S, 0.0);
  ev.terms.trap.assign(S, 0.0);
  ev.terms.intra.assign(S, 0.0);
  ev.terms.inter = 0;
  std::vector<Field>& rho = rho_;
  rho.resize(S);
  for (int s = 0; s < S; ++s) {
    rho[s].resize(n);
    for (size_t i = 0; i < n; ++i) rho[s][i] = u[s][i] * u[s][i];
    if (!m_.pair().isContact()) convolve(rho[s], conv_[s]);
    fft_.laplacianNeg(u[s], ev.lapNeg[s]);
  }
  const bool contact = m_.pair().isContact();
  for (int s = 0; s < S; ++s) {
    const double c = m_.fraction(s);
    const double at = m_.effectiveIntra(s);
    const Field& Ws = contact ? rho[s] : conv_[s];   // w*ρ_s (ρ_s itself for contact)
    Field& U = ev.potential[s];
    U.resize(n);
    for (size_t i = 0; i < n; ++i) U[i] = V_[s][i] - at * Ws[i];
    for (int t = 0; t < S; ++t) {
      if (t == s) continue;
      const double g = m_.fraction(t) * m_.coupling(s, t);
      const Field& Wt = contact ? rho[t] : conv_[t];
      if (g != 0)
        for (size_t i = 0; i < n; ++i) U[i] -= g * Wt[i];
    }
    // one pass: the terms, H_s u_s and ⟨u_s, H_s u_s⟩, ‖u_s‖²
    Field& r = ev.residual[s];
    r.resize(n);
    const Field& us = u[s];
    const Field& lap = ev.lapNeg[s];
    double kin = 0, trp = 0, intra = 0, hu = 0, uu = 0;
    for (size_t i = 0; i < n; ++i) {
      kin += us[i] * lap[i];
      trp += V_[s][i] * rho[s][i];
      intra += rho[s][i] * Ws[i];
      r[i] = lap[i] + U[i] * us[i];
      hu += r[i] * us[i];
      uu += us[i] * us[i];
    }
    ev.terms.kinetic[s] = c * kin * dV;
    ev.terms.trap[s] = c * trp * dV;
    ev.terms.intra[s] = -0.5 * c * at * intra * dV;
    for (int t = s + 1; t < S; ++t) {
      const double g = c * m_.fraction(t) * m_.coupling(s, t);
      if (g != 0) ev.terms.inter -= g * grid_.dot(rho[s], contact ? rho[t] : conv_[t]);
    }
    // μ_s = ⟨u_s, H_s u_s⟩/‖u_s‖², residual H_s u_s - μ_s u_s
    const double mu = hu / uu;
    double rr = 0;
    for (size_t i = 0; i < n; ++i) { r[i] -= mu * us[i]; rr += r[i] * r[i]; }
    ev.mu[s] = mu;
    ev.residualNorm[s] = std::sqrt(rr * dV);
  }
  ev.energy = ev.terms.total();
  if (!std::isfinite(ev.energy) || !std::isfinite(ev.maxResidual()))
    throw NumericalError("non-finite energy or residual (NaN/Inf) during the ground-state iteration");
}

double EnergyFunctional::interactionHessian(const State& drho) {
  const int S = m_.speciesCount();
  const bool contact = m_.pair().isContact();
  if (!contact)
    for (int s = 0; s < S; ++s) convolve(drho[s], conv_[s]);
  auto W = [&](int t) -> const Field& { return contact ? drho[t] : conv_[t]; };
  double h = 0;
  for (int s = 0; s < S; ++s) {
    h -= m_.fraction(s) * m_.effectiveIntra(s) * grid_.dot(drho[s], W(s));
    for (int t = s + 1; t < S; ++t)
      h -= 2 * m_.fraction(s) * m_.fraction(t) * m_.coupling(s, t) * grid_.dot(drho[s], W(t));
  }
  return h;
}

void EnergyFunctional::normalise(State& u) const {
  for (size_t s = 0; s < u.size(); ++s) {
    const double nrm = grid_.norm(u[s]);
    if (!(nrm > 0) || !std::isfinite(nrm))
      throw NumericalError(fmt::format("species {}: cannot normalise (norm {})", s, nrm));
    for (double& v : u[s]) v /= nrm;
  }
}

State EnergyFunctional::initialGuess() const {
  State u;
  for (int s = 0; s < m_.speciesCount(); ++s) {
    const Trap& trap = m_.species(s).trap;
    const double l = trap.lengthScale();
    const std::vector<double>& z = trap.centre();
    const auto& om = trap.omega();
    u.push_back(grid_.sample([&](const double* x) {
      double q = 0;
      for (int i = 0; i < m_.dimension(); ++i) {
        const double li = om.empty() ? l : 1.0 / std::sqrt(om[i]);   // exact for harmonic traps
        q += (x[i] - z[i]) * (x[i] - z[i]) / (li * li);
      }
      return std::exp(-0.5 * q);
    }));
  }
  normalise(u);
  return u;
}

}  // namespace cbec
