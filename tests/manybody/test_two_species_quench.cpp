// A quench of a two-species mode model (issue 23 item 5, two_species_quench.hpp): conservation of norm and
// energy by the exact flow (1e-10), of the Hartree energy by the two-species Hartree flow, stationarity without a
// quench, the complex one-body marginals against the real ones of double_marginals.hpp, and the distance to the
// mean field falling with N after the quench.
#include <cbec/manybody/double_marginals.hpp>
#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/manybody/lanczos.hpp>
#include <cbec/manybody/mode_hartree.hpp>
#include <cbec/manybody/two_species_quench.hpp>
#include <cbec/numerics/power_law_fit.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace cbec;

namespace {

/// Orbitals of M modes on P "points" (rows), real; V_ijkl = Σ_pq φ_i(p) φ_k(p) W_pq χ_j(q) χ_l(q) (all symmetries).
Eigen::MatrixXd orbitals(int P, int M, double shift) {
  Eigen::MatrixXd f(P, M);
  for (int p = 0; p < P; ++p)
    for (int m = 0; m < M; ++m) f(p, m) = std::cos(0.7 * (m + 1) * (p + shift)) + (m == 0 ? 1.0 : 0.0);
  return f;
}

TwoBodyTensor tensor(const Eigen::MatrixXd& phi, const Eigen::MatrixXd& chi, double g) {
  const int P = static_cast<int>(phi.rows());
  Eigen::MatrixXd W(P, P);
  for (int p = 0; p < P; ++p)
    for (int q = 0; q < P; ++q) W(p, q) = g * std::exp(-0.5 * (p - q) * (p - q)) / (P * P);
  return TwoBodyTensor(static_cast<int>(phi.cols()), static_cast<int>(chi.cols()), [&](int i, int j, int k, int l) {
    double v = 0;
    for (int p = 0; p < P; ++p)
      for (int q = 0; q < P; ++q) v += phi(p, i) * phi(p, k) * W(p, q) * chi(q, j) * chi(q, l);
    return v;
  });
}

ModeHamiltonian model(int NA, int NB, double gA, double gB, double gAB) {
  const int M = 3, P = 6;
  const Eigen::MatrixXd a = orbitals(P, M, 0.0), b = orbitals(P, M, 0.5);
  ModeHamiltonian m;
  m.species.resize(2);
  m.species[0].particles = NA;
  m.species[1].particles = NB;
  m.species[0].h = Eigen::MatrixXd(Eigen::Vector3d(0.0, 1.0, 2.1).asDiagonal());
  m.species[1].h = Eigen::MatrixXd(Eigen::Vector3d(0.2, 1.3, 1.9).asDiagonal());
  m.species[0].h(0, 1) = m.species[0].h(1, 0) = 0.1;
  m.species[0].V = tensor(a, a, gA);
  m.species[1].V = tensor(b, b, gB);
  m.V12 = tensor(a, b, gAB);
  m.species[0].pair_factor = 1.0 / (NA - 1);
  m.species[1].pair_factor = 1.0 / (NB - 1);
  m.inter_factor = 1.0 / (NA + NB);
  return m;
}

struct Start {
  Eigen::VectorXd ground;
  std::vector<Eigen::VectorXd> orbitals;
};

Start groundState(const ModeHamiltonian& m) {
  const FockHamiltonian H(m);
  LanczosOptions lo;
  lo.tolerance = 1e-13;
  const EigenPairs p = lowestEigenpairs(H, lo);
  const ModeHartreeResult h = modeHartree(m);
  EXPECT_TRUE(h.converged);
  return {p.vectors.col(0), h.orbitals};
}

}  // namespace

TEST(TwoSpeciesQuench, ComplexMarginalsAgreeWithTheRealOnes) {
  const ModeHamiltonian m = model(4, 3, 1.0, 0.8, 0.6);
  const FockHamiltonian H(m);
  const Start s = groundState(m);
  const DoubleMarginals real = doubleMarginals(H, s.ground);
  // a complex multiple of the real state has the same marginals
  const OneBodyMarginals z = oneBodyMarginals(H, s.ground.cast<std::complex<double>>() * std::polar(1.0, 0.3));
  EXPECT_LT((z.gA - real.g10.cast<std::complex<double>>()).norm(), 1e-14);
  EXPECT_LT((z.gB - real.g01.cast<std::complex<double>>()).norm(), 1e-14);
  EXPECT_NEAR(z.gA.trace().real(), 1.0, 1e-13);
  EXPECT_NEAR(z.gB.trace().real(), 1.0, 1e-13);
}

TEST(TwoSpeciesQuench, WithoutAQuenchNothingMoves) {
  const ModeHamiltonian m = model(4, 4, 1.0, 0.8, 0.6);
  const Start s = groundState(m);
  const QuenchRun r = quenchTwoSpecies(m, m, s.ground, s.orbitals, {0.0, 0.5, 1.5});
  for (std::size_t q = 1; q < 3; ++q)
    for (int sp = 0; sp < 2; ++sp) EXPECT_NEAR(r.distance[sp][q], r.distance[sp][0], 1e-9) << sp << q;
  EXPECT_NEAR(r.energy[0], r.energyBefore, 1e-12 * std::abs(r.energyBefore));
  EXPECT_GT(r.distance[0][0], 1e-4);   // the ground state is not a product state at N = 8
}

TEST(TwoSpeciesQuench, QuenchConservesNormAndEnergyAndTheMeanFieldIsApproachedAsNGrows) {
  const std::vector<int> Ns = {4, 8, 16};
  const std::vector<double> times = {0.0, 0.5, 1.0, 2.0};
  std::vector<std::vector<double>> dA(times.size()), dB(times.size());
  for (int N : Ns) {
    const ModeHamiltonian before = model(N / 2, N / 2, 1.0, 0.8, 0.6);
    ModeHamiltonian after = before;
    after.inter_factor *= -1.5;   // the inter-species coupling changes sign: the orbitals move
    const Start s = groundState(before);
    const QuenchRun r = quenchTwoSpecies(before, after, s.ground, s.orbitals, times);
    EXPECT_LT(r.krylov.errorBound, 1e-9);
    for (std::size_t q = 0; q < times.size(); ++q) {
      EXPECT_NEAR(r.norm[q], 1.0, 1e-10) << N;
      EXPECT_NEAR(r.energy[q], r.energy[0], 1e-10 * std::max(1.0, std::abs(r.energy[0]))) << N;
      EXPECT_NEAR(r.hartreeEnergy[q], r.hartreeEnergy[0], 1e-9 * std::max(1.0, std::abs(r.hartreeEnergy[0]))) << N;
      EXPECT_LT(r.hartreeError[0][q], 1e-6);
      dA[q].push_back(r.distance[0][q]);
      dB[q].push_back(r.distance[1][q]);
    }
    EXPECT_NE(r.energy[0], r.energyBefore);   // a real quench
  }
  const std::vector<double> x(Ns.begin(), Ns.end());
  for (std::size_t q = 0; q < times.size(); ++q) {
    for (std::size_t n = 1; n < Ns.size(); ++n) {
      EXPECT_LT(dA[q][n], dA[q][n - 1]) << "t = " << times[q] << " N = " << Ns[n];
      EXPECT_LT(dB[q][n], dB[q][n - 1]) << "t = " << times[q] << " N = " << Ns[n];
    }
    EXPECT_LT(fitPowerLaw(x, dA[q]).exponent, -0.7) << times[q];
  }
  // the orbitals move: the distance at t > 0 is not that of the ground state alone
  EXPECT_GT(std::abs(dA[2].back() - dA[0].back()), 1e-4);
}
