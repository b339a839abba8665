// The Hamiltonian (hamiltonian.hpp): the operator on real and complex fields, the residual, the second
// variation and the linearised potential against exact identities (the pair energy is quadratic and U
// affine in ρ), kernels given by samples against their analytic transforms, an added Gaussian term against
// the closed-form Gaussian integral, and ν_s on the harmonic oscillator.
#include <cbec/hamiltonian/convolution_term.hpp>
#include <cbec/hamiltonian/hamiltonian.hpp>
#include <cbec/solver/ground_state.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <numbers>

using namespace cbec;
using cd = std::complex<double>;

namespace {
Mixture hartreeMixture() {
  Species A{"A", 0.3, 4.0, Trap::power(2, {0, 0})}, B{"B", 0.7, 2.5, Trap::harmonic({1.0, 1.5}, {0.5, 0})};
  Eigen::MatrixXd a(2, 2);
  a << 0, 3.0, 3.0, 0;
  return Mixture(2, {A, B}, a, PairInteraction::hartree(PairProfile::byName("gaussian", "w"), 100.0, 0.3),
                 PairScaling::NMinusOne, 100.0);
}
State someState(const Grid& g) {
  State u = {g.sample([](const double* x) { return std::exp(-0.6 * (x[0] * x[0] + x[1] * x[1]) + 0.3 * x[0]); }),
             g.sample([](const double* x) { return std::exp(-0.4 * (x[0] * x[0] + 2 * x[1] * x[1])); })};
  normalise(g, u);
  return u;
}
double interaction(const EnergyTerms& e) { return e.intra[0] + e.intra[1] + e.inter; }
}  // namespace

TEST(Hamiltonian, ResidualIsHuMinusMuU) {
  for (bool hartree : {false, true}) {
    Grid g(2, 48, 12.0);
    Hamiltonian h(hartree ? hartreeMixture() : Mixture::twoSpecies(2, 0.3, 4.0, 2.5, 3.0), g, 1, false);
    State u = someState(g);
    Evaluation ev = h.evaluate(u);
    for (int s = 0; s < 2; ++s) {
      Field Hu;
      h.apply(s, ev.potential[s], u[s], Hu);
      double m = 0;
      for (size_t i = 0; i < g.size(); ++i) m = std::max(m, std::abs(Hu[i] - ev.mu[s] * u[s][i] - ev.residual[s][i]));
      EXPECT_LT(m, 1e-11) << "hartree " << hartree << " species " << s;
      EXPECT_NEAR(ev.mu[s], g.dot(u[s], Hu), 1e-12);
    }
  }
}

TEST(Hamiltonian, ComplexOperatorIsTheComplexificationOfTheRealOne) {
  Grid g(2, 48, 12.0);
  Hamiltonian h(hartreeMixture(), g, 1, false);
  State u = someState(g), U;
  h.potential(u, U);
  Field w = g.sample([](const double* x) { return x[1] * std::exp(-0.5 * (x[0] * x[0] + x[1] * x[1])); });
  ComplexField v(g.shape()), Hv;
  for (size_t i = 0; i < g.size(); ++i) v[i] = cd(u[0][i], w[i]);
  h.apply(0, U[0], v, Hv);
  Field Hre, Him;
  h.apply(0, U[0], u[0], Hre);
  h.apply(0, U[0], w, Him);
  double m = 0;
  for (size_t i = 0; i < g.size(); ++i) m = std::max(m, std::abs(Hv[i] - cd(Hre[i], Him[i])));
  EXPECT_LT(m, 1e-11);
  // the same potential from the complex state e^{iθ}u, and the same energy
  ComplexState cu(2);
  for (int s = 0; s < 2; ++s) {
    cu[s] = ComplexField(g.shape());
    for (size_t i = 0; i < g.size(); ++i) cu[s][i] = std::polar(u[s][i], 0.4 + s);
  }
  State Uc;
  h.potential(cu, Uc);
  for (int s = 0; s < 2; ++s)
    for (size_t i = 0; i < g.size(); ++i) ASSERT_NEAR(Uc[s][i], U[s][i], 1e-13);
  EnergyTerms terms;
  EXPECT_NEAR(h.energy(cu, &terms), h.energy(u), 1e-12);
  EXPECT_NEAR(terms.total(), h.energy(u), 1e-12);
}

// The pair energy F(ρ) is quadratic, so F(ρ+εδ) - 2F(ρ) + F(ρ-εδ) = ε² D²F[δ, δ] exactly, and U affine:
// U[ρ+δ] - U[ρ] = δU[δ].
TEST(Hamiltonian, SecondVariationAndLinearisedPotentialAreExact) {
  for (bool hartree : {false, true}) {
    Grid g(2, 48, 12.0);
    Hamiltonian h(hartree ? hartreeMixture() : Mixture::twoSpecies(2, 0.3, 4.0, 2.5, 3.0), g, 1, false);
    State u = someState(g), rho(2), drho(2), shifted(2), U0, U1, dU;
    for (int s = 0; s < 2; ++s) {
      rho[s] = Field(g.shape());
      for (size_t i = 0; i < g.size(); ++i) rho[s][i] = u[s][i] * u[s][i];
    }
    drho[0] = g.sample([](const double* x) { return std::exp(-x[0] * x[0] - x[1] * x[1]) * (x[0] - 0.2); });
    drho[1] = g.sample([](const double* x) { return std::exp(-0.5 * x[0] * x[0] - x[1] * x[1]) * x[1]; });
    auto F = [&](double eps) {
      for (int s = 0; s < 2; ++s) {
        shifted[s] = rho[s];
        for (size_t i = 0; i < g.size(); ++i) shifted[s][i] += eps * drho[s][i];
      }
      EnergyTerms e;
      State U;
      h.potentialFromDensity(shifted, U, &e);
      return interaction(e);
    };
    const double eps = 0.1;
    const double fd = (F(eps) - 2 * F(0) + F(-eps)) / (eps * eps);
    const double d2 = h.secondVariation(drho);
    EXPECT_NEAR(fd, d2, 1e-10 * std::abs(d2)) << "hartree " << hartree;
    h.potentialFromDensity(rho, U0);
    F(1.0);
    h.potentialFromDensity(shifted, U1);
    h.potentialVariation(drho, dU);
    for (int s = 0; s < 2; ++s)
      for (size_t i = 0; i < g.size(); ++i) ASSERT_NEAR(U1[s][i] - U0[s][i], dU[s][i], 1e-12);
    // and ∫ Σ_s c_s δρ_s δU_s = D²F
    double q = 0;
    for (int s = 0; s < 2; ++s) q += h.fraction(s) * g.dot(drho[s], dU[s]);
    EXPECT_NEAR(q, d2, 1e-12 * std::max(1.0, std::abs(d2)));
  }
}

// evaluateFromDensities (densities given by the caller, as the PCG step writes them) is evaluate, bitwise.
TEST(Hamiltonian, EvaluationFromGivenDensitiesIsTheEvaluation) {
  for (bool hartree : {false, true}) {
    Grid g(2, 48, 12.0);
    Hamiltonian h(hartree ? hartreeMixture() : Mixture::twoSpecies(2, 0.3, 4.0, 2.5, 3.0), g, 1, false);
    State u = someState(g);
    const Evaluation ev = h.evaluate(u);
    Evaluation fromRho;
    fromRho.residual = State(2, Field(g.shape()));
    for (int s = 0; s < 2; ++s)
      for (size_t i = 0; i < g.size(); ++i) fromRho.residual[s][i] = u[s][i] * u[s][i];
    h.evaluateFromDensities(u, fromRho);
    EXPECT_EQ(fromRho.energy, ev.energy);
    for (int s = 0; s < 2; ++s) {
      EXPECT_EQ(fromRho.mu[s], ev.mu[s]);
      EXPECT_EQ(fromRho.residualNorm[s], ev.residualNorm[s]);
      for (size_t i = 0; i < g.size(); ++i) ASSERT_EQ(fromRho.residual[s][i], ev.residual[s][i]);
    }
  }
}

/// `m` with the one-body prefactors ν_s (Species::nu) set.
Mixture withNu(const Mixture& m, const std::vector<double>& nu) {
  std::vector<Species> species = m.allSpecies();
  for (size_t s = 0; s < species.size(); ++s) species[s].nu = nu[s];
  return Mixture(m.dimension(), species, m.interCouplings(), m.pair(), m.pairScaling(), m.particleNumber());
}

// ν(-Δu) given instead of transformed (the PCG's linear steps): the same evaluation to round-off, and
// Evaluation::kineticApplied recovers ν(-Δu) from the residual.
TEST(Hamiltonian, EvaluationWithGivenKineticIsTheEvaluation) {
  for (bool hartree : {false, true}) {
    Grid g(2, 48, 12.0);
    Hamiltonian h(withNu(hartree ? hartreeMixture() : Mixture::twoSpecies(2, 0.3, 4.0, 2.5, 3.0), {1.0, 0.7}), g, 1, false);
    State u = someState(g), lap(2);
    const Evaluation ev = h.evaluate(u);
    for (int s = 0; s < 2; ++s) h.fourier().laplacianNeg(u[s], lap[s]);
    Evaluation given;
    given.residual = State(2, Field(g.shape()));
    for (int s = 0; s < 2; ++s)
      for (size_t i = 0; i < g.size(); ++i) {
        given.residual[s][i] = u[s][i] * u[s][i];
        ASSERT_NEAR(ev.kineticApplied(s, u[s], i), h.kineticPrefactor(s) * lap[s][i], 1e-12);
      }
    const long ffts = h.fftCount();
    h.evaluateFromDensities(u, given, [&](int s, size_t i) { return h.kineticPrefactor(s) * lap[s][i]; });
    EXPECT_EQ(h.fftCount(), ffts + (hartree ? 2 * 2 : 0));   // only the convolutions transform
    EXPECT_NEAR(given.energy, ev.energy, 1e-14 * std::abs(ev.energy));
    for (int s = 0; s < 2; ++s) {
      EXPECT_NEAR(given.terms.kinetic[s], ev.terms.kinetic[s], 1e-14 * std::abs(ev.terms.kinetic[s]));
      EXPECT_NEAR(given.mu[s], ev.mu[s], 1e-14 * std::abs(ev.mu[s]));
      for (size_t i = 0; i < g.size(); ++i) ASSERT_NEAR(given.residual[s][i], ev.residual[s][i], 1e-13);
    }
  }
}

// Six species (more than the pair term fuses into one pass: its products are taken four per pass):
// U_s = V_s + G_ss ρ_s + Σ_{t≠s} c_t G_st ρ_t and the pair energy against direct sums, D²F exact (quadratic).
TEST(Hamiltonian, ManySpeciesPairTermAgainstDirectSums) {
  const int S = 6;
  const Grid g(2, 32, 10.0);
  std::vector<Species> sp;
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(S, S);
  for (int s = 0; s < S; ++s) {
    sp.push_back({"s" + std::to_string(s), 1.0 / S, 1.0 + 0.5 * s, Trap::harmonic({1.0, 1.0 + 0.1 * s}, {0.2 * s, 0})});
    for (int t = 0; t < S; ++t)
      if (t != s) a(s, t) = (s + t) % 3 == 0 ? 0.0 : 0.3 * (s + t + 1);   // some pairs uncoupled
  }
  Hamiltonian h(Mixture(2, sp, a), g, 1, false);
  State rho(S), drho(S), U;
  for (int s = 0; s < S; ++s) {
    rho[s] = g.sample([&](const double* x) { return std::exp(-(x[0] - 0.1 * s) * (x[0] - 0.1 * s) - x[1] * x[1]); });
    drho[s] = g.sample([&](const double* x) { return std::exp(-x[0] * x[0] - 0.5 * x[1] * x[1]) * (x[1] - 0.1 * s); });
  }
  EnergyTerms e;
  h.potentialFromDensity(rho, U, &e);
  const Mixture& m = h.mixture();
  double inter = 0, d2 = 0;
  for (int s = 0; s < S; ++s) {
    double intra = 0;
    for (size_t i = 0; i < g.size(); ++i) {
      double want = h.trap(s)[i];
      for (int t = 0; t < S; ++t) want -= (s == t ? m.effectiveIntra(s) : m.fraction(t) * m.coupling(s, t)) * rho[t][i];
      ASSERT_NEAR(U[s][i], want, 1e-12 * (1 + std::abs(want)));
      intra += -0.5 * m.fraction(s) * m.effectiveIntra(s) * rho[s][i] * rho[s][i] * g.cellVolume();
      for (int t = 0; t < S; ++t) {
        const double w = s == t ? -m.fraction(s) * m.effectiveIntra(s) : -m.fraction(s) * m.fraction(t) * m.coupling(s, t);
        if (t > s) inter += w * rho[s][i] * rho[t][i] * g.cellVolume();
        d2 += w * drho[s][i] * drho[t][i] * g.cellVolume();
      }
    }
    EXPECT_NEAR(e.intra[s], intra, 1e-12 * std::abs(intra));
  }
  EXPECT_NEAR(e.inter, inter, 1e-12 * std::abs(inter));
  EXPECT_NEAR(h.secondVariation(drho), d2, 1e-12 * std::abs(d2));
}

// K(x) = π^{-d/2}ℓ^{-d} e^{-|x|²/ℓ²}: K̂ = e^{-ℓ²|k|²/4}. Sampled and analytic multipliers agree, and
// for ρ = π^{-d/2}e^{-|x|²}: ∫ρ (K*ρ) = (2π σ²)^{-d/2}, σ² = 1 + ℓ²/2 (a sum of three Gaussian variances).
TEST(Hamiltonian, AddedGaussianTermMatchesTheClosedForm) {
  const double ell = 0.8, G = 2.5;
  Grid g(2, 128, 16.0);   // h = 1/8: the aliasing of K̂ (e^{-ℓ²π²/(4h²)}) is below round-off
  Hamiltonian h(Mixture::singleSpecies(2, 0.0), g, 1, false);
  const double pi = std::numbers::pi;
  auto sampled = ConvolutionKernel::fromSamples(h.fourier(), [&](const double* x) {
    return std::exp(-(x[0] * x[0] + x[1] * x[1]) / (ell * ell)) / (pi * ell * ell);
  });
  auto analytic = ConvolutionKernel::fromFourier(h.fourier(), [&](double k2) { return std::exp(-ell * ell * k2 / 4); });
  double m = 0;
  for (size_t i = 0; i < sampled.multiplier().size(); ++i)
    m = std::max(m, std::abs(sampled.multiplier()[i] - analytic.multiplier()[i]));
  EXPECT_LT(m, 1e-13);
  Eigen::MatrixXd coupling(1, 1);
  coupling << G;
  h.addTerm(std::make_unique<ConvolutionTerm>(h.fourier(), analytic, std::vector<double>{1.0}, coupling, "gaussian"));
  State u = {g.sample([&](const double* x) { return std::exp(-0.5 * (x[0] * x[0] + x[1] * x[1])) / std::sqrt(pi); })};
  Evaluation ev = h.evaluate(u);
  const double sigma2 = 1 + ell * ell / 2;
  EXPECT_NEAR(ev.terms.intra[0], 0.5 * G / (2 * pi * sigma2), 1e-13);
  EXPECT_NEAR(ev.terms.kinetic[0] + ev.terms.trap[0], 2.0, 1e-12);   // (-Δ + |x|²) φ0 = 2φ0 in 2D
}

// H = ν(-Δ + |x|²) on the oscillator ground state: Hφ0 = ν d φ0; the kinetic and trap energies scale by ν.
TEST(Hamiltonian, KineticPrefactorMultipliesKineticAndTrap) {
  for (int d : {1, 3}) {
    Grid g(d, d == 1 ? 96 : 48, d == 1 ? 18.0 : 16.0);
    const double nu = 2.5;
    Species sp{"A", 1.0, 0.0, Trap::power(2.0, std::vector<double>(d, 0.0)), nu};
    Hamiltonian h(Mixture(d, {sp}, Eigen::MatrixXd::Zero(1, 1)), g, 1, false);
    State u = {g.sample([&](const double* x) {
      double r2 = 0;
      for (int i = 0; i < d; ++i) r2 += x[i] * x[i];
      return std::exp(-0.5 * r2);
    })};
    normalise(g, u);
    Evaluation ev = h.evaluate(u);
    EXPECT_NEAR(ev.mu[0], nu * d, 1e-11);
    EXPECT_LT(ev.residualNorm[0], 1e-10);
    EXPECT_NEAR(ev.terms.kinetic[0], nu * d / 2.0, 1e-11);
    EXPECT_NEAR(ev.terms.trap[0], nu * d / 2.0, 1e-11);
  }
}
