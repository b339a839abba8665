// Hartree and Bogoliubov in the mode space against the exact finite-N ground state; double marginals.
#include <cbec/manybody/bogoliubov.hpp>
#include <cbec/manybody/double_marginals.hpp>
#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/manybody/lanczos.hpp>
#include <cbec/manybody/mixture_modes.hpp>
#include <cbec/manybody/mode_hartree.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace cbec {
namespace {

Mixture mixture1D(double a, int N) {
  Species x;
  x.name = "A";
  x.a = a;
  x.trap = Trap::power(2.0, {0.0});
  return Mixture(1, {x}, Eigen::MatrixXd::Zero(1, 1),
                 PairInteraction::hartree(std::make_shared<GaussianProfile>(), N, 0.0), PairScaling::NMinusOne, N);
}

Mixture mixture(std::vector<double> a, double a12, int N, double beta) {
  std::vector<Species> sp;
  for (size_t s = 0; s < a.size(); ++s) {
    Species x;
    x.name = s == 0 ? "A" : "B";
    x.fraction = 1.0 / a.size();
    x.a = a[s];
    x.trap = s == 0 ? Trap::power(2.0, {0.0, 0.0}) : Trap::harmonic({1.0, 1.3}, {0.0, 0.0});
    sp.push_back(x);
  }
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(a.size(), a.size());
  if (a.size() == 2) c(0, 1) = c(1, 0) = a12;
  return Mixture(2, sp, c, PairInteraction::hartree(std::make_shared<GaussianProfile>(), N, beta),
                 PairScaling::NMinusOne, N);
}

/// Coefficients of u_A^{⊗N_A} ⊗ u_B^{⊗N_B} in the sector basis: √(N!/Π n_i!) Π u_i^{n_i} per species.
Eigen::VectorXd productState(const FockHamiltonian& H, const std::vector<Eigen::VectorXd>& u) {
  Eigen::VectorXd psi(H.dimension());
  for (std::size_t r = 0; r < H.dimension(); ++r) {
    double c = 1;
    for (int s = 0; s < static_cast<int>(u.size()); ++s) {
      const Occupations n = H.occupations(r, s);
      double logf = 0;
      int N = 0;
      for (size_t i = 0; i < n.size(); ++i) {
        N += n[i];
        logf -= std::lgamma(n[i] + 1.0);
        c *= std::pow(u[s](i), n[i]);
      }
      c *= std::exp(0.5 * (logf + std::lgamma(N + 1.0)));
    }
    psi(r) = c;
  }
  return psi;
}

TEST(ModeHartree, EnergyIsTheExpectationInTheProductStateAndBoundsTheGroundState) {
  const Mixture m = mixture({3.0, 2.0}, 2.5, 7, 0.2);
  const ModeHamiltonian model = mixtureModeHamiltonian(m, {4, 3}, 2).model;
  const ModeHartreeResult h = modeHartree(model);
  ASSERT_TRUE(h.converged);
  FockHamiltonian H(model);
  const Eigen::VectorXd psi = productState(H, h.orbitals);
  EXPECT_NEAR(psi.norm(), 1.0, 1e-12);   // u even: Ψ lies in the even sector
  Eigen::VectorXd Hpsi(H.dimension());
  H.apply(psi.data(), Hpsi.data());
  EXPECT_NEAR(psi.dot(Hpsi), h.energy_total, 1e-11 * std::abs(h.energy_total));
  const EigenPairs p = lowestEigenpairs(H);
  EXPECT_LT(p.values(0), h.energy_total);
  // the Hartree orbitals minimise: the product-state energy is stationary (residual) and below neighbours
  EXPECT_LT(h.residual, 1e-10);
}

TEST(ModeHartree, GroundStateBelowHartreeForManyCases) {
  for (double a : {1.0, 4.0, 8.0})
    for (int n : {2, 5}) {
      const Mixture m = mixture({a}, 0, n, 0.3);
      const ModeHamiltonian model = mixtureModeHamiltonian(m, {n}, 4).model;
      const ModeHartreeResult h = modeHartree(model);
      ASSERT_TRUE(h.converged);
      const EigenPairs p = lowestEigenpairs(FockHamiltonian(model));
      EXPECT_LE(p.values(0), h.energy_total + 1e-12) << "a " << a << " N " << n;
      EXPECT_LT(p.residuals[0], 1e-8);
    }
}

TEST(Bogoliubov, CorrectionMatchesTheExactFiniteNGap) {
  // one species in 1D, shells 3, a = 3: N(E_N^Q - E^H) → e_B with an O(1/N) remainder
  double previousError = INFINITY;
  for (int N : {5, 10, 20, 40}) {
    const Mixture m = mixture1D(3.0, N);
    const ModeHamiltonian model = mixtureModeHamiltonian(m, {N}, 3).model;
    const ModeHartreeResult h = modeHartree(model);
    const BogoliubovResult b = bogoliubov(model, h);
    ASSERT_TRUE(b.stable);
    const EigenPairs p = lowestEigenpairs(FockHamiltonian(model));
    const double gap = p.values(0) - h.energy_total;   // N(E_N^Q - E^H)
    const double err = std::abs(gap - b.e_B);
    EXPECT_LT(err, 0.6 * previousError) << "N " << N << " gap " << gap << " e_B " << b.e_B;
    previousError = err;
    if (N == 40) EXPECT_LT(err, 0.05 * std::abs(b.e_B));
  }
}

TEST(DoubleMarginals, TracesOverlapsAndTheNonInteractingCase) {
  const Mixture m = mixture({3.0, 2.0}, 2.5, 6, 0.2);
  const ModeHamiltonian model = mixtureModeHamiltonian(m, {3, 3}, 2).model;
  FockHamiltonian H(model);
  const EigenPairs p = lowestEigenpairs(H);
  const DoubleMarginals g = doubleMarginals(H, p.vectors.col(0));
  for (const Eigen::MatrixXd* x : {&g.g10, &g.g01, &g.g11, &g.g20}) {
    EXPECT_NEAR(x->trace(), 1.0, 1e-12);
    EXPECT_LT((*x - x->transpose()).cwiseAbs().maxCoeff(), 1e-12);
  }
  // partial traces: Tr_B γ^(1,1) = γ^(1,0), Tr_2 γ^(2,0) = γ^(1,0)
  const int MA = g.g10.rows(), MB = g.g01.rows();
  Eigen::MatrixXd trB = Eigen::MatrixXd::Zero(MA, MA), tr2 = Eigen::MatrixXd::Zero(MA, MA);
  for (int i = 0; i < MA; ++i)
    for (int k = 0; k < MA; ++k) {
      for (int j = 0; j < MB; ++j) trB(i, k) += g.g11(i * MB + j, k * MB + j);
      for (int j = 0; j < MA; ++j) tr2(i, k) += g.g20(i * MA + j, k * MA + j);
    }
  EXPECT_LT((trB - g.g10).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((tr2 - g.g10).cwiseAbs().maxCoeff(), 1e-12);
  const double f = largestEigenvalue(g.g10);
  EXPECT_GT(f, 0.5);
  EXPECT_LT(f, 1.0 - 1e-6);   // interacting: depleted
  // the energy from the marginals equals the eigenvalue (N_B = 1: no B-B pairs)
  const ModeHamiltonian m41 = mixtureModeHamiltonian(mixture({3.0, 2.0}, 2.5, 5, 0.2), {4, 1}, 2).model;
  FockHamiltonian H41(m41);
  const EigenPairs p41 = lowestEigenpairs(H41);
  const DoubleMarginals q = doubleMarginals(H41, p41.vectors.col(0));
  const ModeSpecies &A = m41.species[0], &B = m41.species[1];
  double E = 4 * (A.h * q.g10).trace() + 1 * (B.h * q.g01).trace();
  for (int i = 0; i < MA; ++i)
    for (int j = 0; j < MA; ++j)
      for (int k = 0; k < MA; ++k)
        for (int l = 0; l < MA; ++l) E += 0.5 * A.pair_factor * 12 * A.V(k, l, i, j) * q.g20(i * MA + j, k * MA + l);
  for (int i = 0; i < MA; ++i)
    for (int j = 0; j < MB; ++j)
      for (int k = 0; k < MA; ++k)
        for (int l = 0; l < MB; ++l) E += m41.inter_factor * 4 * m41.V12(k, l, i, j) * q.g11(i * MB + j, k * MB + l);
  EXPECT_NEAR(E, p41.values(0), 1e-10 * std::abs(p41.values(0)));
  // non-interacting: fully condensed in mode 0
  const Mixture free = mixture({0.0, 0.0}, 0.0, 6, 0.2);
  FockHamiltonian H0(mixtureModeHamiltonian(free, {3, 3}, 2).model);
  const DoubleMarginals g0 = doubleMarginals(H0, lowestEigenpairs(H0).vectors.col(0));
  EXPECT_NEAR(g0.g10(0, 0), 1.0, 1e-12);
  EXPECT_NEAR(g0.g11(0, 0), 1.0, 1e-12);
  EXPECT_NEAR(g0.g20(0, 0), 1.0, 1e-12);
}

}  // namespace
}  // namespace cbec
