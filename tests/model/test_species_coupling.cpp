// The species-coupling structure of the mean-field functional (species_coupling.hpp): ⟨H_N⟩ of (M 1.1) for a
// product state counted pair by pair, the per-particle form (÷N), and the Fock weights as the derivative.
#include <cbec/io/errors.hpp>
#include <cbec/model/mixture.hpp>
#include <cbec/model/species_coupling.hpp>

#include <gtest/gtest.h>

#include <random>

using namespace cbec;

namespace {
/// A small discrete model: densities ρ_s ∈ R^n, one-body diagonals h_s, symmetric W_st = W_ts (n×n).
struct Discrete {
  int S = 3, n = 4;
  std::vector<Eigen::VectorXd> h;
  std::vector<std::vector<Eigen::MatrixXd>> W;
  Discrete() {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(-1, 1);
    auto random = [&](int r, int c) {
      Eigen::MatrixXd M(r, c);
      for (auto& x : M.reshaped()) x = u(rng);
      return M;
    };
    for (int s = 0; s < S; ++s) h.push_back(random(n, 1));
    W.assign(S, std::vector<Eigen::MatrixXd>(S));
    for (int s = 0; s < S; ++s)
      for (int t = s; t < S; ++t) {
        Eigen::MatrixXd M = random(n, n);
        W[s][t] = M + M.transpose();
        W[t][s] = W[s][t];
      }
  }
  std::vector<double> e(const std::vector<Eigen::VectorXd>& rho) const {
    std::vector<double> out;
    for (int s = 0; s < S; ++s) out.push_back(h[s].dot(rho[s]));
    return out;
  }
  Eigen::MatrixXd I(const std::vector<Eigen::VectorXd>& rho) const {
    Eigen::MatrixXd out(S, S);
    for (int s = 0; s < S; ++s)
      for (int t = 0; t < S; ++t) out(s, t) = rho[s].dot(W[s][t] * rho[t]);
    return out;
  }
};
}  // namespace

TEST(SpeciesCoupling, HamiltonianCountsPairsAndPerParticleIsItsNth) {
  const Discrete D;
  std::vector<Eigen::VectorXd> rho;
  for (int s = 0; s < D.S; ++s) rho.push_back(Eigen::VectorXd::LinSpaced(D.n, 0.1 * (s + 1), 1.0).normalized());
  const std::vector<double> Ns = {3, 5, 1};
  const double N = 9;
  std::vector<double> lambda, c, kappa;
  for (double n : Ns) {
    lambda.push_back(intraPairFactor(PairScaling::N, n, N));
    c.push_back(n / N);
    kappa.push_back(intraScale(PairScaling::N, n, N));
  }
  // ⟨H_N⟩ pair by pair: N_s(N_s−1)/2 intra pairs with λ_s, N_s N_t inter pairs with 1/N
  const auto e = D.e(rho);
  const Eigen::MatrixXd I = D.I(rho);
  double byPairs = 0;
  for (int s = 0; s < D.S; ++s) {
    byPairs += Ns[s] * e[s] + lambda[s] * Ns[s] * (Ns[s] - 1) / 2 * I(s, s);
    for (int t = s + 1; t < D.S; ++t) byPairs += Ns[s] * Ns[t] / N * I(s, t);
  }
  const SpeciesCoupling H = SpeciesCoupling::ofHamiltonian(Ns, lambda, interPairFactor(N));
  EXPECT_NEAR(H.energy(e, I), byPairs, 1e-13 * std::abs(byPairs));
  const SpeciesCoupling P = SpeciesCoupling::perParticle(c, kappa);
  EXPECT_NEAR(P.energy(e, I), byPairs / N, 1e-13 * std::abs(byPairs));
  EXPECT_EQ(H.pairWeight(2, 2), 0.0);   // one particle: no pairs
  EXPECT_EQ(H.fieldWeight(2, 2), 0.0);
  // the Fock weights: ∂⟨H_N⟩/∂ρ_s = A_s (h_s + Σ_t (B_st/A_s) W_st ρ_t), checked by central differences
  for (int s = 0; s < D.S; ++s) {
    Eigen::VectorXd U = Eigen::VectorXd::Zero(D.n);
    for (int t = 0; t < D.S; ++t) U += H.fieldWeight(s, t) * (D.W[s][t] * rho[t]);
    for (int i = 0; i < D.n; ++i) {
      const double eps = 1e-5;
      auto plus = rho, minus = rho;
      plus[s](i) += eps;
      minus[s](i) -= eps;
      const double dE = (H.energy(D.e(plus), D.I(plus)) - H.energy(D.e(minus), D.I(minus))) / (2 * eps);
      EXPECT_NEAR(dE, H.oneBodyWeight(s) * (D.h[s](i) + U(i)), 1e-8) << s << " " << i;
    }
  }
}

TEST(SpeciesCoupling, MixtureWeightsAreFractionsAndKappa) {
  const Trap trap = Trap::power(2.0, {0.0, 0.0});
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(2, 2);
  a(0, 1) = a(1, 0) = 0.5;
  const Mixture m(2, {Species{"A", 0.25, 1.0, trap}, Species{"B", 0.75, 2.0, trap}}, a,
                  PairInteraction::hartree(PairProfile::byName("gaussian", "profile"), 8.0, 0.1), PairScaling::N, 8.0);
  const SpeciesCoupling C = SpeciesCoupling::of(m);
  EXPECT_EQ(C.oneBodyWeight(1), 0.75);
  EXPECT_NEAR(C.pairWeight(0, 0), 0.25 * (2 - 1) / 8.0, 1e-16);   // c_s κ_s, κ_s = (N_s − 1)/N
  EXPECT_EQ(C.pairWeight(0, 1), 0.25 * 0.75);
  EXPECT_NEAR(C.fieldWeight(1, 0), 0.25, 1e-16);   // c_t
  EXPECT_THROW(SpeciesCoupling({1.0, 2.0}, Eigen::MatrixXd::Zero(1, 1)), InputError);
  EXPECT_THROW(C.energy({1.0}, Eigen::MatrixXd::Zero(2, 2)), InputError);
}
