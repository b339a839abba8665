// FockHamiltonian: exact one- and non-interacting spectra, symmetry, an independent naive Fock-space
// construction, the Galerkin two-body problem against a relative-coordinate computation, Lanczos vs dense.
#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/manybody/lanczos.hpp>
#include <cbec/manybody/mixture_modes.hpp>

#include <gtest/gtest.h>

#include "../support/gaussian_mixture.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

namespace cbec {
namespace {

using cbec::testing::gaussianMixture;


std::vector<double> sortedEigenvalues(const FockHamiltonian& H) {
  const Eigen::MatrixXd A = denseMatrix(H);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(A);
  return {es.eigenvalues().data(), es.eigenvalues().data() + A.rows()};
}

TEST(FockHamiltonian, OneParticleGivesTheEvenOneBodySpectrum) {
  const Mixture m = gaussianMixture(2, {3.0}, 0, 1);
  FockHamiltonian H(mixtureModeHamiltonian(m, {1}, 6).model);
  // even-even modes ν = (2p, 2q), 2p + 2q ≤ 6: energies 2(2p+1) + 2(2q+1) → 2 + 4(p+q) + 2 ... with multiplicity
  std::vector<double> expect;
  for (int p = 0; 2 * p <= 6; ++p)
    for (int q = 0; 2 * p + 2 * q <= 6; ++q) expect.push_back((4 * p + 1) + (4 * q + 1));
  std::sort(expect.begin(), expect.end());
  const auto got = sortedEigenvalues(H);
  ASSERT_EQ(got.size(), expect.size());
  for (size_t k = 0; k < got.size(); ++k) EXPECT_NEAR(got[k], expect[k], 1e-12);
}

TEST(FockHamiltonian, NonInteractingEnergiesAreSumsOfModeEnergies) {
  const Mixture m = gaussianMixture(2, {0.0, 0.0}, 0.0, 5);
  MixtureModes mm = mixtureModeHamiltonian(m, {3, 2}, 2);
  FockHamiltonian H(mm.model);
  const auto got = sortedEigenvalues(H);
  // every Fock state is an eigenvector: its energy is Σ n_m ε_m
  std::vector<double> expect;
  for (std::size_t r = 0; r < H.dimension(); ++r) {
    double e = 0;
    for (int s = 0; s < 2; ++s) {
      const Occupations n = H.occupations(r, s);
      for (int k = 0; k < static_cast<int>(n.size()); ++k) e += n[k] * mm.modes[s].energy(k);
    }
    expect.push_back(e);
  }
  std::sort(expect.begin(), expect.end());
  ASSERT_EQ(got.size(), expect.size());
  for (size_t k = 0; k < got.size(); ++k) EXPECT_NEAR(got[k], expect[k], 1e-12);
  EXPECT_NEAR(got[0], 5 * 2.0, 1e-12);
}

/// Naive reference: ⟨c|H|r⟩ from occupation vectors, FockBasis::index and a map of sector states.
Eigen::MatrixXd naiveMatrix(const FockHamiltonian& H) {
  const ModeHamiltonian& m = H.model();
  const std::size_t D = H.dimension();
  std::map<std::pair<Occupations, Occupations>, std::size_t> where;
  for (std::size_t r = 0; r < D; ++r) where[{H.occupations(r, 0), H.occupations(r, 1)}] = r;
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(D, D);
  auto add = [&](std::size_t r, const Occupations& a, const Occupations& b, double c) {
    auto it = where.find({a, b});
    if (it != where.end()) A(it->second, r) += c;
  };
  for (std::size_t r = 0; r < D; ++r) {
    const Occupations n[2] = {H.occupations(r, 0), H.occupations(r, 1)};
    for (int s = 0; s < 2; ++s) {
      const ModeSpecies& sp = m.species[s];
      const int M = sp.modes();
      for (int i = 0; i < M; ++i)
        for (int k = 0; k < M; ++k) {   // a†_i a_k
          if (n[s][k] == 0) continue;
          Occupations t = n[s];
          double amp = std::sqrt(t[k]--);
          amp *= std::sqrt(++t[i]);
          add(r, s == 0 ? t : n[0], s == 0 ? n[1] : t, sp.h(i, k) * amp);
        }
      if (sp.particles < 2 || sp.pair_factor == 0) continue;
      for (int i = 0; i < M; ++i)
        for (int j = 0; j < M; ++j)
          for (int k = 0; k < M; ++k)
            for (int l = 0; l < M; ++l) {   // a†_i a†_j a_l a_k
              Occupations t = n[s];
              if (t[k] == 0) continue;
              double amp = std::sqrt(t[k]--);
              if (t[l] == 0) continue;
              amp *= std::sqrt(t[l]--);
              amp *= std::sqrt(++t[j]);
              amp *= std::sqrt(++t[i]);
              add(r, s == 0 ? t : n[0], s == 0 ? n[1] : t, 0.5 * sp.pair_factor * sp.V(i, j, k, l) * amp);
            }
    }
    if (m.inter_factor == 0) continue;
    const int MA = m.species[0].modes(), MB = m.species[1].modes();
    for (int i = 0; i < MA; ++i)
      for (int j = 0; j < MB; ++j)
        for (int k = 0; k < MA; ++k)
          for (int l = 0; l < MB; ++l) {   // a†_i b†_j b_l a_k
            Occupations a = n[0], b = n[1];
            if (a[k] == 0 || b[l] == 0) continue;
            double amp = std::sqrt(a[k]--) * std::sqrt(b[l]--);
            amp *= std::sqrt(++b[j]) * std::sqrt(++a[i]);
            add(r, a, b, m.inter_factor * m.V12(i, j, k, l) * amp);
          }
  }
  return A;
}

TEST(FockHamiltonian, MatchesNaiveConstructionAndIsSymmetric) {
  // distinct trap centres along x: parity only along y; anisotropic frequencies for species B
  std::vector<Species> sp(2);
  sp[0].name = "A", sp[0].fraction = 0.5, sp[0].a = 2.0, sp[0].trap = Trap::power(2.0, {0.3, 0.0});
  sp[1].name = "B", sp[1].fraction = 0.5, sp[1].a = 1.5, sp[1].trap = Trap::harmonic({1.0, 1.4}, {-0.2, 0.0});
  Eigen::MatrixXd c(2, 2);
  c << 0, 1.2, 1.2, 0;
  const Mixture m(2, sp, c, PairInteraction::hartree(std::make_shared<GaussianProfile>(), 5, 0.3),
                  PairScaling::NMinusOne, 5);
  FockHamiltonian H(mixtureModeHamiltonian(m, {3, 2}, 2).model);
  ASSERT_GT(H.dimension(), 50u);
  const Eigen::MatrixXd A = denseMatrix(H), R = naiveMatrix(H);
  EXPECT_LT((A - R).cwiseAbs().maxCoeff(), 1e-12 * R.cwiseAbs().maxCoeff());
  EXPECT_LT((A - A.transpose()).cwiseAbs().maxCoeff(), 1e-12 * A.cwiseAbs().maxCoeff());
  // row blocks: applying in pieces equals the whole
  Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(H.dimension(), -1, 2), y1(H.dimension()), y2(H.dimension());
  H.apply(x.data(), y1.data());
  const std::size_t cut = H.dimension() / 3;
  H.applyRows(x.data(), y2.data(), 0, cut);
  H.applyRows(x.data(), y2.data(), cut, H.dimension());
  EXPECT_EQ((y1 - y2).norm(), 0.0);
}

TEST(FockHamiltonian, EnergyTruncationMatchesNaiveConstruction) {
  const Mixture m = gaussianMixture(2, {2.0, 1.0}, 1.0, 4);
  FockHamiltonian H(mixtureModeHamiltonian(m, {2, 2}, 4, 4).model);
  const Eigen::MatrixXd A = denseMatrix(H), R = naiveMatrix(H);
  EXPECT_LT((A - R).cwiseAbs().maxCoeff(), 1e-12 * R.cwiseAbs().maxCoeff());
}

TEST(Lanczos, MatchesDenseDiagonalisation) {
  const Mixture m = gaussianMixture(2, {3.0, 2.0}, 1.5, 6);
  FockHamiltonian H(mixtureModeHamiltonian(m, {3, 2}, 2).model);
  ASSERT_GT(H.dimension(), 200u);
  LanczosOptions o;
  o.count = 3;
  o.dense_below = 0;
  const EigenPairs p = lowestEigenpairs(H, o);
  EXPECT_TRUE(p.converged);
  const auto exact = sortedEigenvalues(H);
  for (int k = 0; k < 3; ++k) {
    EXPECT_NEAR(p.values(k), exact[k], 1e-10 * std::abs(exact[k]));
    EXPECT_LT(p.residuals[k], 1e-8);
  }
}

}  // namespace
}  // namespace cbec
