// The exact diagonalisation's building blocks against independent statements of the same objects:
//  * the sparse two-body tensor (selection rules, pair truncation) against the Gaussian elements computed
//    one by one without any selection;
//  * the rescaled oscillator basis: its one-body matrix against the trap's exact spectrum, and the
//    two-body ground state in a rescaled basis against the relative-coordinate reference;
//  * the stored (CSR) Fock operator against the matrix-free one.
#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/manybody/lanczos.hpp>
#include <cbec/manybody/mixture_modes.hpp>

#include <gtest/gtest.h>

#include "../support/gaussian_mixture.hpp"
#include "../support/two_body_reference.hpp"

#include <cmath>
#include <numbers>
#include <random>

namespace cbec {
namespace {

/// Species B centred at centreB.
Mixture mixture(std::vector<double> a, double a12, int N, double beta, std::vector<double> centreB = {0.0, 0.0}) {
  return testing::gaussianMixture(2, a, a12, N, beta, {{0.0, 0.0}, centreB});
}


TEST(SparsePairTensor, EqualsTheElementsWithoutSelectionOnTheKeptPairs) {
  const OscillatorModes a({1.0, 1.0}, {0.0, 0.0}, 6), b({1.3, 1.0}, {0.0, 0.5}, 5);
  const PairInteraction w = PairInteraction::hartree(std::make_shared<GaussianProfile>(), 4, 0.3);
  const int K = 7;
  ModeSpecies A, B;
  for (int m = 0; m < a.count(); ++m) A.labels.push_back(a.parityMask(m) & 1u), A.quanta.push_back(a.shell(m));
  for (int m = 0; m < b.count(); ++m) B.labels.push_back(b.parityMask(m) & 1u), B.quanta.push_back(b.shell(m));
  const TwoBodyTensor full = gaussianPairTensor(a, b, w, -1.7);
  const TwoBodyTensor cut = gaussianPairTensor(a, b, w, -1.7, pairSelection(A, B, K));
  EXPECT_LT(cut.storedEntries(), full.storedEntries() / 2);
  EXPECT_LE(double(cut.storedEntries()), TwoBodyTensor::entryEstimate(a.count(), b.count(), pairSelection(A, B, K)));
  std::size_t checked = 0;
  for (int i = 0; i < a.count(); ++i)
    for (int j = 0; j < b.count(); ++j)
      for (int k = 0; k < a.count(); ++k)
        for (int l = 0; l < b.count(); ++l) {
          const bool kept = A.quanta[i] + B.quanta[j] <= K && A.quanta[k] + B.quanta[l] <= K;
          const double v = full(i, j, k, l);
          if (((A.labels[i] ^ B.labels[j]) != (A.labels[k] ^ B.labels[l]))) EXPECT_EQ(v, 0.0);   // x-parity
          EXPECT_EQ(cut(i, j, k, l), kept ? v : 0.0);
          checked += kept;
        }
  EXPECT_GT(checked, 1000u);
  EXPECT_LT(full.hermiticityDefect(), 1e-14);
  EXPECT_LT(cut.hermiticityDefect(), 1e-14);
}

TEST(RescaledOscillators, OneBodySpectrumConvergesToTheTrapsAtAnyScale) {
  Trap trap = Trap::power(2.0, {0.0, 0.0});
  for (double s : {0.7, 1.0, 1.8}) {
    const OscillatorModes m = OscillatorModes::forTrap(trap, 30, "trap", s);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(m.oneBodyMatrix());
    EXPECT_NEAR(es.eigenvalues()(0), 2.0, 1e-10) << "scale " << s;   // ω(2·0+1) per axis, ω = 1
    EXPECT_NEAR(es.eigenvalues()(1), 4.0, 1e-9) << "scale " << s;
    if (s == 1.0) EXPECT_EQ((m.oneBodyMatrix() - Eigen::MatrixXd(m.oneBodyMatrix().diagonal().asDiagonal())).norm(), 0.0);
  }
}

double ground(const ModeHamiltonian& model, bool assemble) {
  FockHamiltonian H(model);
  if (assemble) EXPECT_TRUE(H.assemble(1e9));
  LanczosOptions o;
  o.count = 1;
  const EigenPairs p = lowestEigenpairs(H, o);
  EXPECT_LT(p.residuals[0], 1e-9);
  return p.values(0);
}

TEST(RescaledOscillators, TwoBodyGroundStateConvergesFasterThanInTheTrapBasis) {
  const double exact = cbec::testing::twoBodyGroundEnergy(2.0, 1.0, 60);
  const Mixture m = mixture({2.0}, 0, 2, 0.0);
  const int K = 16;
  const double trapBasis = ground(mixtureModeHamiltonian(m, {2}, K, K, 1.0).model, true);
  const double rescaled = ground(mixtureModeHamiltonian(m, {2}, K, K, 1.75).model, true);
  EXPECT_GT(trapBasis, exact - 1e-12);   // variational
  EXPECT_GT(rescaled, exact - 1e-12);
  EXPECT_LT(rescaled - exact, 1e-8 * exact);
  EXPECT_LT(rescaled - exact, 0.1 * (trapBasis - exact));
}

TEST(StoredFockOperator, EqualsTheMatrixFreeOperator) {
  const Mixture m = mixture({3.0, 2.0}, 1.5, 5, 0.2, {0.0, 0.4});
  const ModeHamiltonian model = mixtureModeHamiltonian(m, {3, 2}, 4, 6, 1.3).model;
  FockHamiltonian free(model), stored(model);
  ASSERT_TRUE(stored.assemble(1e9));
  EXPECT_FALSE(FockHamiltonian(model).assemble(100.0));   // refused when it does not fit
  const std::size_t D = free.dimension();
  ASSERT_GT(D, 100u);
  std::mt19937 rng(3);
  std::normal_distribution<double> nd;
  std::vector<double> x(D), y1(D), y2(D);
  for (double& v : x) v = nd(rng);
  free.apply(x.data(), y1.data());
  stored.apply(x.data(), y2.data());
  double err = 0, nrm = 0;
  for (std::size_t r = 0; r < D; ++r) err = std::max(err, std::abs(y1[r] - y2[r])), nrm = std::max(nrm, std::abs(y1[r]));
  EXPECT_LT(err, 1e-13 * nrm);
  EXPECT_GT(stored.nonZeros(), D);
}

TEST(ModeFootprint, CountsTheSectorAndTheTensorsExactly) {
  struct Case {
    std::vector<double> a;
    std::vector<int> particles;
    int shells;
    std::optional<int> K;
    std::vector<double> centreB;
  };
  for (const Case& c : {Case{{2.0}, {3}, 5, 6, {0, 0}}, Case{{2.0}, {4}, 3, std::nullopt, {0, 0}},
                        Case{{3.0, 2.0}, {2, 2}, 4, 5, {0.0, 0.4}}, Case{{3.0, 2.0}, {3, 1}, 3, std::nullopt, {0, 0}}}) {
    int N = 0;
    for (int n : c.particles) N += n;
    const Mixture m = mixture(c.a, 1.5, N, 0.1, c.centreB);
    const ModeFootprint f = mixtureModeFootprint(m, c.particles, c.shells, c.K);
    const ModeHamiltonian model = mixtureModeHamiltonian(m, c.particles, c.shells, c.K).model;
    EXPECT_EQ(f.states, double(FockHamiltonian(model).dimension()));
    double stored = model.V12.storedEntries();
    for (const auto& s : model.species) stored += s.V.storedEntries();
    EXPECT_GE(f.entries, stored);          // an upper bound: the zeros of the Gaussian are not stored
    EXPECT_LE(f.entries, 1.5 * stored);
  }
}

}  // namespace
}  // namespace cbec
