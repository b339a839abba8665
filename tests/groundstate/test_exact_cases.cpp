// Exact and structural checks of the ground-state solver: non-interacting harmonic energies,
// anisotropic traps, symmetry, spectral convergence, PCG vs gradient flow, warm starts.
#include <cbec/solver/ground_state.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

using namespace cbec;

namespace {
SolverOptions quiet(Method m = Method::PCG) {
  SolverOptions o;
  o.method = m;
  o.progress = false;
  o.measure = false;
  return o;
}
}  // namespace

TEST(GroundState, NonInteractingHarmonicEnergies) {
  // -Δ + |x|² in d dimensions: E = d, u = π^{-d/4} e^{-|x|²/2}; start from a shifted Gaussian
  for (int d = 1; d <= 3; ++d) {
    Grid g(d, d == 3 ? 40 : 64, d == 3 ? 14.0 : 20.0);
    Mixture m = Mixture::singleSpecies(d, 0.0);
    Hamiltonian f(m, g, 1, false);
    State u0 = {g.sample([&](const double* x) {
      double q = 0;
      for (int i = 0; i < d; ++i) q += (x[i] - 0.3) * (x[i] - 0.3) / 2.0;
      return std::exp(-0.5 * q);
    })};
    for (Method meth : {Method::PCG, Method::GradientFlow}) {
      GroundStateResult r = groundState(f, quiet(meth), &u0);
      ASSERT_TRUE(r.converged) << d;
      EXPECT_NEAR(r.energy, d, 1e-12) << "d = " << d << " " << methodName(meth);
      EXPECT_NEAR(r.mu[0], d, 1e-10);
      EXPECT_NEAR(r.terms.kinetic[0], 0.5 * d, 1e-10);   // virial for the harmonic oscillator
      std::printf("d = %d %-13s E = %.16f  |E - d| = %.1e  iterations %ld\n", d, methodName(meth).c_str(),
                  r.energy, std::abs(r.energy - d), r.iterations);
    }
  }
}

TEST(GroundState, AnisotropicHarmonicAndShiftedCentre) {
  // Σ ω_i² (x_i - z_i)²: E = Σ ω_i, independent of the centre
  Species A{"A", 1.0, 0.0, Trap::harmonic({1.0, 2.0}, {0.7, -0.4})};
  Mixture m(2, {A}, Eigen::MatrixXd::Zero(1, 1));
  GroundStateResult r = groundState(m, Grid(2, 64, 16.0), quiet());
  EXPECT_NEAR(r.energy, 3.0, 1e-12);
}

TEST(GroundState, OneSpeciesStateIsSymmetricAndPositive) {
  // radial trap, attractive a = 5: the minimiser is radial, so invariant under x ↦ -x, x ↔ y
  Mixture m = Mixture::singleSpecies(2, 5.0);
  const int n = 64;
  Grid g(2, n, 14.0);
  GroundStateResult r = groundState(m, g, quiet());
  ASSERT_TRUE(r.converged);
  const Field& u = r.u[0];
  double asym = 0, minv = 1e300, maxv = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const double v = u[i * n + j];
      const int mi = (n - i) % n, mj = (n - j) % n;   // grid point of -x (the grid is symmetric about 0)
      asym = std::max({asym, std::abs(v - u[mi * n + mj]), std::abs(v - u[j * n + i])});
      minv = std::min(minv, v);
      maxv = std::max(maxv, v);
    }
  EXPECT_LT(asym, 1e-9 * maxv);
  EXPECT_GT(minv, -1e-9 * maxv);   // round-off at the residual tolerance in the far tail
  EXPECT_NEAR(u[(n / 2) * n + n / 2], maxv, 1e-14);   // maximum at the trap centre
}

TEST(GroundState, SpectralConvergenceUnderRefinement) {
  // attractive 2D, a = 6: errors against n = 96 fall exponentially with n
  Mixture m = Mixture::singleSpecies(2, 6.0);
  const double L = 14.0;
  const double ref = groundState(m, Grid(2, 96, L), quiet()).energy;
  double prev = 1;
  for (int n : {24, 32, 40, 48, 64}) {
    const double err = std::abs(groundState(m, Grid(2, n, L), quiet()).energy - ref);
    std::printf("n = %d: |E_n - E_96| = %.2e\n", n, err);
    if (n > 24) EXPECT_LT(err, 0.2 * prev + 1e-13);
    prev = err;
  }
  EXPECT_LT(prev, 1e-11);
}

TEST(GroundState, PcgAndGradientFlowAgree) {
  Mixture m = Mixture::twoSpecies(2, 0.3, 4.0, 2.0, 3.0);
  Grid g(2, 64, 14.0);
  GroundStateResult a = groundState(m, g, quiet(Method::PCG));
  GroundStateResult b = groundState(m, g, quiet(Method::GradientFlow));
  ASSERT_TRUE(a.converged && b.converged);
  EXPECT_NEAR(a.energy, b.energy, 1e-12);
  for (int s = 0; s < 2; ++s) {
    EXPECT_NEAR(a.mu[s], b.mu[s], 1e-9);
    double diff = 0;
    for (size_t i = 0; i < g.size(); ++i) diff = std::max(diff, std::abs(a.u[s][i] - b.u[s][i]));
    EXPECT_LT(diff, 1e-8);
  }
  EXPECT_LT(a.fft_count, b.fft_count);
}

TEST(GroundState, WarmStartAcrossGrids) {
  Mixture m = Mixture::singleSpecies(2, 8.0);
  Grid coarse(2, 48, 12.0), fine(2, 64, 12.0, {0.1, 0.0});
  GroundStateResult a = groundState(m, coarse, quiet());
  State u0 = transferState(coarse, a.u, fine);
  GroundStateResult cold = groundState(m, fine, quiet());
  GroundStateResult warm = groundState(m, fine, quiet(), &u0);
  EXPECT_NEAR(warm.energy, cold.energy, 1e-12);
  // restarting from a converged state on the same grid: done at once
  GroundStateResult again = groundState(m, fine, quiet(), &cold.u);
  EXPECT_LE(again.iterations, 2);
  EXPECT_NEAR(again.energy, cold.energy, 1e-14);
}

// The weighted terms of the result against an independent evaluation from the returned fields:
// trap, intra and inter by direct quadrature h^d Σ (model's V, |u|⁴, |u1|²|u2|²), kinetic by a naive
// O(n²) DFT along each axis (Parseval: ∫|∂_a u|² = h^d Σ_lines n^{-1} Σ_k k² |û_k|²), none of it
// through the solver's Hamiltonian. E is then the sum of these independent terms (MODEL §2).
TEST(GroundState, TermsAgreeWithIndependentQuadrature) {
  Mixture m = Mixture::twoSpecies(2, 0.4, 3.0, -2.0, 1.5);
  const Grid g(2, 48, 14.0);
  GroundStateResult r = groundState(m, g, quiet());
  ASSERT_TRUE(r.converged);
  const int n = g.points();
  const double dV = g.cellVolume(), L = g.box();
  std::vector<double> rho[2];
  double trap[2] = {0, 0}, intra[2] = {0, 0}, kinetic[2] = {0, 0};
  for (int s = 0; s < 2; ++s) {
    const double c = m.fraction(s), a = m.coupling(s, s);
    rho[s].resize(g.size());
    double x[3];
    for (size_t i = 0; i < g.size(); ++i) {
      const double u = r.u[s][i];
      rho[s][i] = u * u;
      g.point(i, x);
      trap[s] += c * dV * m.species(s).trap(x) * u * u;
      intra[s] -= c * a / 2 * dV * u * u * u * u;
    }
    for (int axis = 0; axis < 2; ++axis)
      for (int line = 0; line < n; ++line) {
        auto at = [&](int j) { return r.u[s][axis == 0 ? size_t(j) * n + line : size_t(line) * n + j]; };
        for (int k = 0; k < n; ++k) {
          const int kk = k < n / 2 ? k : k - n;
          const double kphys = 2 * M_PI / L * kk;
          double re = 0, im = 0;
          for (int j = 0; j < n; ++j) {
            re += at(j) * std::cos(2 * M_PI * j * k / n);
            im -= at(j) * std::sin(2 * M_PI * j * k / n);
          }
          kinetic[s] += c * dV / n * kphys * kphys * (re * re + im * im);
        }
      }
  }
  double inter = 0;
  for (size_t i = 0; i < g.size(); ++i) inter -= m.fraction(0) * m.fraction(1) * m.coupling(0, 1) * dV * rho[0][i] * rho[1][i];
  double total = inter;
  for (int s = 0; s < 2; ++s) {
    EXPECT_NEAR(r.terms.kinetic[s], kinetic[s], 1e-11) << s;
    EXPECT_NEAR(r.terms.trap[s], trap[s], 1e-12) << s;
    EXPECT_NEAR(r.terms.intra[s], intra[s], 1e-12) << s;
    total += kinetic[s] + trap[s] + intra[s];
  }
  EXPECT_NEAR(r.terms.inter, inter, 1e-12);
  EXPECT_NEAR(r.energy, total, 1e-11);
}
