#include <cbec/hamiltonian/hamiltonian.hpp>

#include <cbec/hamiltonian/contact_term.hpp>
#include <cbec/hamiltonian/convolution_term.hpp>
#include <cbec/discretisation/parallel.hpp>
#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cbec {

double Evaluation::maxResidual() const {
  return residualNorm.empty() ? 0.0 : *std::max_element(residualNorm.begin(), residualNorm.end());
}

namespace {
/// The mixture's pair term: G_st the couplings of Mixture::meanFieldInteraction (G_ss = -ã_s, G_st = -a_st:
/// W = -a w_N, V > 0 repulsive), kernel δ (contact) or the unit-coupling shape w_N.
std::unique_ptr<HamiltonianTerm> mixturePairTerm(const Mixture& m, FourierTransform& fft,
                                                 const std::vector<double>& c) {
  const int S = m.speciesCount();
  Eigen::MatrixXd G(S, S);
  for (int s = 0; s < S; ++s)
    for (int t = 0; t < S; ++t) G(s, t) = m.meanFieldInteraction(s, t).coupling();
  if (m.pair().isContact()) return std::make_unique<ContactTerm>(fft.grid(), c, G);
  const int d = m.dimension();
  auto kernel = ConvolutionKernel::fromFourier(fft, [&](double k2) { return m.pair().fourier(k2, d); });
  return std::make_unique<ConvolutionTerm>(fft, std::move(kernel), c, G, "hartree");
}
}  // namespace

Hamiltonian::Hamiltonian(Mixture mixture, Grid grid, int threads, bool measure)
    : m_(std::move(mixture)), grid_(std::move(grid)) {
  if (grid_.dimension() != m_.dimension())
    throw InputError(fmt::format("grid dimension {} differs from model.dimension {}", grid_.dimension(), m_.dimension()));
  const int S = m_.speciesCount();
  fft_ = std::make_unique<FourierTransform>(grid_, threads, measure);
  std::vector<double> c(S), nu(S);
  State V;
  for (int s = 0; s < S; ++s) {
    c[s] = m_.fraction(s);
    nu[s] = m_.species(s).nu;
    const Trap& trap = m_.species(s).trap;
    V.push_back(grid_.sample([&](const double* x) { return trap(x); }));
  }
  auto kinetic = std::make_unique<KineticTerm>(*fft_, c, nu);
  auto trap = std::make_unique<TrapTerm>(grid_, std::move(V), c, nu);
  kinetic_ = kinetic.get();
  trap_ = trap.get();
  addTerm(std::move(kinetic));
  addTerm(std::move(trap));
  addTerm(mixturePairTerm(m_, *fft_, c));
}

void Hamiltonian::addTerm(std::unique_ptr<HamiltonianTerm> term) {
  term->setTeam(team());
  terms_.push_back(std::move(term));
}

void Hamiltonian::densities(const State& u, State& rho) const {
  rho.resize(u.size());
  for (size_t s = 0; s < u.size(); ++s) {
    rho[s].resize(u[s].shape());
    const double* us = u[s].data();
    double* r = rho[s].data();
    parallel::forEach(threads(), rho[s].size(), [&](size_t i0, size_t i1) {
      for (size_t i = i0; i < i1; ++i) r[i] = us[i] * us[i];
    });
  }
}

void Hamiltonian::densities(const ComplexState& u, State& rho) const {
  rho.resize(u.size());
  for (size_t s = 0; s < u.size(); ++s) {
    rho[s].resize(u[s].shape());
    const std::complex<double>* us = u[s].data();
    double* r = rho[s].data();
    parallel::forEach(threads(), rho[s].size(), [&](size_t i0, size_t i1) {
      for (size_t i = i0; i < i1; ++i) r[i] = std::norm(us[i]);
    });
  }
}

void Hamiltonian::potentialFromDensity(const State& rho, State& U, EnergyTerms* e) {
  const int S = speciesCount();
  for (auto& T : terms_) T->prepare(rho);
  if (e) e->reset(S);
  U.resize(S);
  for (int s = 0; s < S; ++s) {
    U[s].resize(grid_.shape());
    bool assign = true;
    for (auto& T : terms_)
      if (T->addPotential(s, rho, U[s], assign, e)) assign = false;
    if (assign) U[s].assign(grid_.size(), 0.0);
  }
}

void Hamiltonian::potential(const State& u, State& U) {
  densities(u, rho_);
  potentialFromDensity(rho_, U);
}

void Hamiltonian::potential(const ComplexState& u, State& U) {
  densities(u, rho_);
  potentialFromDensity(rho_, U);
}

void Hamiltonian::apply(int s, const Field& U, const Field& v, Field& out) {
  kinetic_->laplacianNeg(v, out);
  const double nu = kinetic_->prefactor(s);
  parallel::forEach(threads(), out.size(), [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) out[i] = nu * out[i] + U[i] * v[i];
  });
}

void Hamiltonian::apply(int s, const Field& U, const ComplexField& v, ComplexField& out) {
  kinetic_->laplacianNeg(v, out);
  const double nu = kinetic_->prefactor(s);
  parallel::forEach(threads(), out.size(), [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) out[i] = nu * out[i] + U[i] * v[i];
  });
}

// -Δu_s by the r2c transforms, and r_s = ν_s(-Δu_s) + U_s u_s with ⟨u_s, ν_s(-Δu_s)⟩, ⟨u_s, H_s u_s⟩, ‖u_s‖²
// fused into the copy out of the transform buffer. On `fft`: fourier() or one of its lanes
// (FourierTransform::concurrently), whose thread count the passes use.
void Hamiltonian::residualPass(int s, const Field& us, Evaluation& ev, FourierTransform& fft) {
  const double nu = kinetic_->prefactor(s), inv = fft.inverseSize();
  const Field& U = ev.potential[s];
  Field& r = ev.residual[s];
  fft.fillReal<0>([&](size_t i, auto&) { return us[i]; });
  fft.multiplierInBuffer(fft.k2());
  const auto sums = fft.drainReal<3>([&](size_t i, double b, std::array<double, 3>& a) {
    const double t = nu * (inv * b);   // ν_s(-Δu_s)_i
    a[0] += us[i] * t;
    r[i] = t + U[i] * us[i];
    a[1] += r[i] * us[i];
    a[2] += us[i] * us[i];
  });
  finishResidual(s, us, ev, sums, grid_.team(fft.threads()));
}

// From the sums ⟨u_s, ν_s(-Δu_s)⟩, ⟨u_s, H_s u_s⟩, ‖u_s‖² and r_s = H_s u_s: the kinetic term, μ_s = ⟨u,Hu⟩/‖u‖²,
// r_s ← H_s u_s - μ_s u_s and its norm.
void Hamiltonian::finishResidual(int s, const Field& us, Evaluation& ev, const std::array<double, 3>& sums,
                                 const parallel::Team& threads) {
  const double dV = grid_.cellVolume();
  const auto [kin, hu, uu] = sums;
  Field& r = ev.residual[s];
  ev.terms.kinetic[s] = fraction(s) * kin * dV;
  const double mu = uu > 0 ? hu / uu : 0.0;   // a vanished species (total-mass constraint): r_s = 0
  ev.norm2[s] = uu * dV;
  const double rr = parallel::sum<1>(threads, r.size(), [&](size_t i0, size_t i1) {
    double acc = 0;
    for (size_t i = i0; i < i1; ++i) { r[i] -= mu * us[i]; acc += r[i] * r[i]; }
    return std::array<double, 1>{acc};
  })[0];
  ev.mu[s] = mu;
  ev.residualNorm[s] = std::sqrt(rr * dV);
}

// The densities live in the residual's storage until U_s and the energies are made; H_s u_s then replaces them.
void Hamiltonian::evaluate(const State& u, Evaluation& ev) {
  densities(u, ev.residual);
  evaluateFromDensities(u, ev);
}

void Hamiltonian::evaluateFromDensities(const State& u, Evaluation& ev) {
  startEvaluation(ev);
  fft_->concurrently(u.size(), [&](size_t s, FourierTransform& f) { residualPass(static_cast<int>(s), u[s], ev, f); });
  finishEvaluation(u, ev);
}

void Hamiltonian::startEvaluation(Evaluation& ev) {
  ev.mu.assign(speciesCount(), 0.0);
  ev.residualNorm.assign(speciesCount(), 0.0);
  ev.norm2.assign(speciesCount(), 0.0);
  potentialFromDensity(ev.residual, ev.potential, &ev.terms);
}

// Total-mass constraint: one multiplier μ = Σ_s μ_s‖u_s‖² / Σ_s‖u_s‖² (the first variation of E^total along
// the sphere Σ‖u_s‖² = 1 is 2(H_s u_s - μ u_s)), and r_s ← H_s u_s - μ u_s = r_s + (μ_s - μ) u_s.
void Hamiltonian::finishEvaluation(const State& u, Evaluation& ev) {
  if (m_.totalMass()) {
    double hu = 0, uu = 0;
    for (int s = 0; s < speciesCount(); ++s) hu += ev.mu[s] * ev.norm2[s], uu += ev.norm2[s];
    const double mu = uu > 0 ? hu / uu : 0.0;
    const double dV = grid_.cellVolume();
    for (int s = 0; s < speciesCount(); ++s) {
      const double shift = ev.mu[s] - mu;
      Field& r = ev.residual[s];
      const Field& us = u[s];
      const double rr = parallel::sum<1>(team(), r.size(), [&](size_t i0, size_t i1) {
        double acc = 0;
        for (size_t i = i0; i < i1; ++i) { r[i] += shift * us[i]; acc += r[i] * r[i]; }
        return std::array<double, 1>{acc};
      })[0];
      ev.mu[s] = mu;
      ev.residualNorm[s] = std::sqrt(rr * dV);
    }
  }
  ev.energy = ev.terms.total();
  if (!std::isfinite(ev.energy) || !std::isfinite(ev.maxResidual()))
    throw NumericalError("non-finite energy or residual (NaN/Inf) during the ground-state iteration");
}

double Hamiltonian::energy(const ComplexState& u, EnergyTerms* terms) {
  EnergyTerms local;
  EnergyTerms& e = terms ? *terms : local;
  State U;
  densities(u, rho_);
  potentialFromDensity(rho_, U, &e);
  for (int s = 0; s < speciesCount(); ++s) e.kinetic[s] = fraction(s) * kinetic_->form(s, u[s]);
  return e.total();
}

double Hamiltonian::secondVariation(const State& drho) {
  double h = 0;
  for (auto& T : terms_) h += T->secondVariation(drho);
  return h;
}

void Hamiltonian::potentialVariation(const State& drho, State& dU) {
  dU.resize(speciesCount());
  for (int s = 0; s < speciesCount(); ++s) dU[s].assign(grid_.size(), 0.0), dU[s].reshape(grid_.shape());
  for (auto& T : terms_) T->addPotentialVariation(drho, dU);
}

}  // namespace cbec
