// Two bodies in a 2D isotropic harmonic trap against an independent relative-coordinate computation.
//
// x₁, x₂ ↦ R = (x₁+x₂)/2, r = x₁ - x₂:  h(x₁) + h(x₂) = [-½Δ_R + 2ω²R²] + [-2Δ_r + ½ω²r²], and the pair
// potential λW(r) acts on r only. Oscillator quanta add up: n₁ + n₂ = N_cm + N_rel (Talmi–Moshinsky), so the
// Fock space with total shell ≤ K is exactly span{cm ⊗ rel : N_cm + N_rel ≤ K}, where H is block diagonal in
// N_cm; its ground state has N_cm = 0 (energy 2ω) and a radial (m = 0) relative state with N_rel = 2n ≤ K.
// Reference: -2Δ + ½ω²r² + λW(r) in the m = 0 radial oscillator functions (Laguerre, length b = √(2/ω)),
// matrix elements of the Gaussian by Gauss–Laguerre quadrature, dense diagonalisation. Nothing is shared
// with the Hermite/Cartesian many-body code.
#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/manybody/lanczos.hpp>
#include <cbec/manybody/mixture_modes.hpp>

#include <gtest/gtest.h>

#include "../support/gaussian_mixture.hpp"

#include <cmath>
#include <numbers>

namespace cbec {
namespace {

/// Gauss–Laguerre ∫₀^∞ f(t) e^{-t} dt ≈ Σ w f(t_a) (Golub–Welsch: diagonal 2k+1, off-diagonal k).
void gaussLaguerre(int n, std::vector<double>& t, std::vector<double>& w) {
  Eigen::MatrixXd J = Eigen::MatrixXd::Zero(n, n);
  for (int k = 0; k < n; ++k) J(k, k) = 2 * k + 1;
  for (int k = 1; k < n; ++k) J(k, k - 1) = J(k - 1, k) = k;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(J);
  t.resize(n), w.resize(n);
  for (int a = 0; a < n; ++a) t[a] = es.eigenvalues()(a), w[a] = es.eigenvectors()(0, a) * es.eigenvectors()(0, a);
}

void laguerre(int nmax, double t, double* L) {
  L[0] = 1;
  if (nmax >= 1) L[1] = 1 - t;
  for (int n = 1; n < nmax; ++n) L[n + 1] = ((2 * n + 1 - t) * L[n] - n * L[n - 1]) / (n + 1);
}

/// Lowest eigenvalue of -2Δ + ½ω²r² - λ a (g²/π) e^{-g²r²} on R², m = 0, radial quanta n ≤ nmax.
double relativeGroundEnergy(double omega, double lambdaA, double g, int nmax) {
  const double b2 = 2.0 / omega;   // b⁴ = α/β = 2/(ω²/2)
  const int n = nmax + 1;
  Eigen::MatrixXd H = Eigen::MatrixXd::Zero(n, n);
  for (int k = 0; k < n; ++k) H(k, k) = omega * (4 * k + 2);
  // ⟨φ_k|W|φ_l⟩ = -λa g²/π ∫ L_k(t) L_l(t) e^{-(1+g²b²)t} dt,  s = (1+g²b²)t
  const double c = 1 + g * g * b2;
  std::vector<double> t, w, L(n);
  gaussLaguerre(n + 2, t, w);
  for (size_t a = 0; a < t.size(); ++a) {
    laguerre(nmax, t[a] / c, L.data());
    for (int k = 0; k < n; ++k)
      for (int l = 0; l < n; ++l) H(k, l) += -lambdaA * g * g / std::numbers::pi * w[a] / c * L[k] * L[l];
  }
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(H).eigenvalues()(0);
}

Mixture mixture(std::vector<double> a, double a12, int N, double beta) {
  return testing::gaussianMixture(2, a, a12, N, beta);
}

double fockGround(const Mixture& m, std::vector<int> particles, int K) {
  FockHamiltonian H(mixtureModeHamiltonian(m, particles, K, K).model);
  LanczosOptions o;
  o.count = 1;
  const EigenPairs p = lowestEigenpairs(H, o);
  EXPECT_LT(p.residuals[0], 1e-9);
  return p.values(0);
}

TEST(TwoBody, SameSpeciesAgreesWithRelativeCoordinates) {
  for (double beta : {0.0, 0.4}) {
    const Mixture m = mixture({4.0}, 0, 2, beta);
    for (int K : {6, 12}) {
      const double mb = fockGround(m, {2}, K);
      // λ = 1/(N_s - 1) = 1, g = N^β
      const double ref = 2.0 + relativeGroundEnergy(1.0, 4.0, std::pow(2.0, beta), K / 2);
      EXPECT_NEAR(mb, ref, 1e-10 * std::abs(ref)) << "beta " << beta << " K " << K;
    }
  }
}

TEST(TwoBody, TwoSpeciesAgreesWithRelativeCoordinates) {
  const Mixture m = mixture({4.0, 3.0}, 6.0, 2, 0.25);
  for (int K : {6, 10}) {
    const double mb = fockGround(m, {1, 1}, K);
    const double ref = 2.0 + relativeGroundEnergy(1.0, 6.0 / 2, std::pow(2.0, 0.25), K / 2);   // λ_12 = 1/N
    EXPECT_NEAR(mb, ref, 1e-10 * std::abs(ref)) << "K " << K;
  }
}

TEST(TwoBody, ContinuumLimitIsApproachedMonotonically) {
  const Mixture m = mixture({4.0}, 0, 2, 0.0);
  const double exact = 2.0 + relativeGroundEnergy(1.0, 4.0, 1.0, 60);
  double previous = INFINITY;
  for (int K : {2, 4, 6, 8, 10, 12}) {
    const double e = fockGround(m, {2}, K);
    EXPECT_LT(e, previous);
    EXPECT_GT(e, exact - 1e-12);
    previous = e;
  }
  EXPECT_NEAR(previous, exact, 1e-3 * std::abs(exact));
}

}  // namespace
}  // namespace cbec
