// The few-mode Fock Hamiltonian against a first-quantised construction on (C^M)^{⊗N}; the mode data.
#include <cbec/io/errors.hpp>
#include "../support/few_mode_fock_operator.hpp"
#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/manybody/lanczos.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace {

/// Random h and V with the symmetries V_ijkl = V_jilk = V_klij.
cbec::FewModeModel randomModel(int M, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> g;
  Eigen::MatrixXd h(M, M);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j <= i; ++j) h(i, j) = h(j, i) = g(gen);
  std::vector<double> V(M * M * M * M);
  auto at = [&](int i, int j, int k, int l) -> double& { return V[((i * M + j) * M + k) * M + l]; };
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < M; ++j)
      for (int k = 0; k < M; ++k)
        for (int l = 0; l < M; ++l) {
          const double v = g(gen);
          at(i, j, k, l) += v;
          at(j, i, l, k) += v;
          at(k, l, i, j) += v;
          at(l, k, j, i) += v;
        }
  return cbec::FewModeModel(h, V);
}

/// ⟨word|Ψ_n⟩ for the symmetrised normalised Fock state: sqrt(Π n_i!/N!) if the word has counts n.
Eigen::MatrixXd symmetriser(const cbec::FockBasis& basis) {
  const int M = basis.orbitals(), N = basis.particles();
  int words = 1;
  for (int p = 0; p < N; ++p) words *= M;
  Eigen::MatrixXd S = Eigen::MatrixXd::Zero(words, basis.dimension());
  for (int w = 0; w < words; ++w) {
    cbec::Occupations n(M, 0);
    for (int p = 0, r = w; p < N; ++p, r /= M) ++n[r % M];
    double logc = -std::lgamma(N + 1.0);
    for (int i = 0; i < M; ++i) logc += std::lgamma(n[i] + 1.0);
    S(w, basis.index(n)) = std::exp(0.5 * logc);
  }
  return S;
}

/// Σ_p h_p + λ Σ_{p<q} V_pq on words (digit p of w = orbital of particle p).
Eigen::MatrixXd firstQuantised(const cbec::FewModeModel& H, int N, double lambda) {
  const int M = H.modes();
  int words = 1;
  for (int p = 0; p < N; ++p) words *= M;
  std::vector<int> pw(N, 1);
  for (int p = 1; p < N; ++p) pw[p] = pw[p - 1] * M;
  auto digit = [&](int w, int p) { return (w / pw[p]) % M; };
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(words, words);
  for (int w = 0; w < words; ++w)
    for (int p = 0; p < N; ++p) {
      for (int k = 0; k < M; ++k) A(w + (k - digit(w, p)) * pw[p], w) += H.oneBody()(k, digit(w, p));
      for (int q = p + 1; q < N; ++q)
        for (int i = 0; i < M; ++i)
          for (int j = 0; j < M; ++j) {
            const int out = w + (i - digit(w, p)) * pw[p] + (j - digit(w, q)) * pw[q];
            A(out, w) += lambda * H.V(i, j, digit(w, p), digit(w, q));
          }
    }
  return A;
}

TEST(FewModeFockOperator, EqualsFirstQuantisedHamiltonianOnSymmetricStates) {
  for (int N : {1, 2, 3, 4}) {
    const cbec::FewModeModel H = randomModel(3, 11 + N);
    const cbec::FewModeFockOperator op(H, N);
    const Eigen::MatrixXd S = symmetriser(op.basis());
    const Eigen::MatrixXd ref = S.transpose() * firstQuantised(H, N, 1.0 / N) * S;
    EXPECT_LT((cbec::denseMatrix(op) - ref).cwiseAbs().maxCoeff(), 1e-12) << "N = " << N;
  }
}

TEST(FewModeFockOperator, AgreesWithTheFockHamiltonianOfCbecManybody) {
  // Two independent implementations of the same operator (exact_marginals uses FockHamiltonian).
  for (int N : {1, 5, 9}) {
    const cbec::FewModeModel H = randomModel(4, 30 + N);
    const cbec::FewModeFockOperator mine(H, N);
    const cbec::FockHamiltonian theirs(cbec::asModeHamiltonian(H, N));
    ASSERT_EQ(mine.dimension(), theirs.dimension());
    EXPECT_LT((cbec::denseMatrix(mine) - cbec::denseMatrix(theirs)).cwiseAbs().maxCoeff(), 1e-12) << "N = " << N;
  }
}

TEST(FewModeFockOperator, RowBlocksAgreeWithFullApplication) {
  const cbec::FewModeFockOperator op(randomModel(3, 2), 9);
  const std::size_t D = op.dimension();
  Eigen::VectorXd x = Eigen::VectorXd::Random(D), full(D), blocks(D);
  op.apply(x.data(), full.data());
  for (std::size_t b = 0; b < D; b += 7) op.applyRows(x.data(), blocks.data(), b, std::min(D, b + 7));
  EXPECT_LT((full - blocks).cwiseAbs().maxCoeff(), 1e-13);
}

TEST(FewModeFockOperator, CondensateEnergyIsHartreeEnergyWithPairFactor) {
  // ⟨φ^{⊗N}, H_N φ^{⊗N}⟩/N = ⟨c,hc⟩ + ((N-1)/N)·½ Σ V c̄c̄cc.
  const cbec::FewModeModel H = randomModel(3, 5);
  Eigen::VectorXcd c = Eigen::VectorXcd::Random(3).normalized();
  for (int N : {2, 10, 40}) {
    const cbec::FewModeFockOperator op(H, N);
    const Eigen::VectorXcd psi = cbec::condensateState(op.basis(), c);
    EXPECT_NEAR(psi.norm(), 1.0, 1e-12);
    Eigen::VectorXd re = psi.real(), im = psi.imag(), Hre(psi.size()), Him(psi.size());
    op.apply(re.data(), Hre.data());
    op.apply(im.data(), Him.data());
    const double E = (re.dot(Hre) + im.dot(Him)) / N;
    const double interaction = H.energy(c) - H.energy(c, 0.0);
    EXPECT_NEAR(E, H.energy(c, 0.0) + (N - 1.0) / N * interaction, 1e-11);
  }
}

TEST(FewModeModel, ToyModelQuadratureMatchesClosedForm) {
  // V_0000 = s (w²/(1+w²))^{3/2}; h = diag(2νn).
  for (double w : {0.5, 1.0, 2.0}) {
    const cbec::FewModeModel H = cbec::toyModelModes(4, 3.0, 1.7, w);
    EXPECT_NEAR(H.V(0, 0, 0, 0), 1.7 * std::pow(w * w / (1 + w * w), 1.5), 1e-13);
    EXPECT_DOUBLE_EQ(H.oneBody()(3, 3), 18.0);
  }
  // A constant potential (w → ∞) is s ⟨φ_i,φ_k⟩⟨φ_j,φ_l⟩: orthonormality of the radial functions.
  const cbec::FewModeModel flat = cbec::toyModelModes(4, 1.0, 1.0, 1e4);
  EXPECT_NEAR(flat.V(1, 2, 1, 2), 1.0, 1e-6);
  EXPECT_NEAR(flat.V(1, 2, 2, 1), 0.0, 1e-6);
  EXPECT_NEAR(flat.V(3, 0, 3, 0), 1.0, 1e-6);
}

TEST(FewModeModel, RejectsBrokenSymmetry) {
  std::vector<double> V(16, 0.0);
  V[1] = 1.0;  // V_0001 without V_0100 = V_0001's partner
  EXPECT_THROW(cbec::FewModeModel(Eigen::MatrixXd::Zero(2, 2), V), cbec::InputError);
  EXPECT_THROW(cbec::FewModeModel(Eigen::MatrixXd::Zero(2, 2), std::vector<double>(15)), cbec::InputError);
  EXPECT_THROW(cbec::toyModelModes(3, -1.0, 1.0, 1.0), cbec::InputError);
}

}  // namespace
