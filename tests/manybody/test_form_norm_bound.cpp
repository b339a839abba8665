// Both sides of the form-norm bound (F 5.6) along the Galerkin Hartree flow (manybody/form_norm_bound.hpp).
#include <cbec/manybody/form_norm_bound.hpp>
#include <cbec/manybody/mode_hartree_flow.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

// ‖φ‖²_Q = Σ (4n + 4)|c_n|² in the s-wave oscillator modes; the proof's identity
// ‖φ_t‖²_Q = 𝓜 + 2𝓔/ν' − (1/2ν')∫(V∗|φ_t|²)|φ_t|² (mass and energy conservation) holds along the flow,
// and the bound B(ν) lies above the supremum.
TEST(FormNormBound, IdentityAlongTheFlowAndBoundAbove) {
  const double nu = 3.0, strength = 5.0;
  const int M = 3;
  const cbec::FewModeModel H = cbec::toyModelModes(M, nu, strength, 1.0);
  const Eigen::VectorXcd c0 = Eigen::VectorXcd::Unit(M, 0);
  const std::vector<double> times = {0.25, 0.5, 1.0, 2.0};
  const double kappa = cbec::formBoundKappa(cbec::PairInteraction::gaussian(strength, 1.0));
  EXPECT_EQ(kappa, 25.0);
  const auto f = cbec::formNormBound(H, nu, kappa, c0, times);
  EXPECT_DOUBLE_EQ(f.initial, 4.0);
  EXPECT_DOUBLE_EQ(f.nu0, 12.5);
  EXPECT_TRUE(std::isinf(f.bound));   // ν = 3 ≤ ν_0: the bound says nothing here
  const auto orbitals = cbec::hartreeOrbitals(H, c0, times);
  const double nup = nu / 2, V0 = c0.dot(H.hartreeMatrix(c0) * c0).real();
  const double energy = 0.5 * nup * 3.0 + 0.25 * V0;   // 𝓔 = (ν'/2)⟨−Δ + |x|²⟩ + ¼∫(V∗|φ|²)|φ|²
  for (std::size_t q = 0; q < times.size(); ++q) {
    const Eigen::VectorXcd& c = orbitals[q];
    double explicitNorm = 0;
    for (int n = 0; n < M; ++n) explicitNorm += (4 * n + 4) * std::norm(c[n]);
    EXPECT_NEAR(f.norm[q], explicitNorm, 1e-12);
    const double interaction = c.dot(H.hartreeMatrix(c) * c).real();
    EXPECT_NEAR(f.norm[q], 1 + 2 * energy / nup - interaction / (2 * nup), 1e-9) << "t = " << times[q];
    EXPECT_GT(f.norm[q], 4.0 + 1e-4);   // the flow does move the orbital
    EXPECT_LE(f.norm[q], f.supremum);
  }
  double previous = std::numeric_limits<double>::infinity();
  for (double big : {20.0, 100.0, 400.0}) {   // above ν_0: finite, above the supremum, decreasing to 1
    const cbec::FewModeModel Hb = cbec::toyModelModes(M, big, strength, 1.0);
    const auto g = cbec::formNormBound(Hb, big, kappa, c0, {0.25, 0.5});
    EXPECT_TRUE(std::isfinite(g.bound));
    EXPECT_LE(g.supremum, g.bound);
    EXPECT_GE(g.observedC0(), 1.0);
    EXPECT_LT(g.C0(), previous);
    previous = g.C0();
  }
  EXPECT_LT(previous, 1.04);
  EXPECT_EQ(cbec::formBoundKappa(cbec::PairInteraction::coulomb(-2.0, 1e3)), 16.0);   // Hardy: 4a²
}
