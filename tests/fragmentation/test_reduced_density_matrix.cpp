// Reduced density matrices of Fock-space states, computed two ways: the library's partial trace in
// the occupation basis, and the explicit partial trace (F 1.5) of the first-quantised symmetrised
// vector on (C^M)^{⊗N} built here. Also γ^(1) from the hopping operator, the double marginals
// γ^(k,ℓ) of two species, natural orbitals and the inequalities (F 1.10–1.11).
#include <cbec/fragmentation/condensation_bounds.hpp>
#include <cbec/fragmentation/double_marginal.hpp>
#include <cbec/fragmentation/hopping.hpp>
#include <cbec/fragmentation/natural_orbitals.hpp>
#include <cbec/fragmentation/reduced_density_matrix.hpp>
#include <cbec/fragmentation/trace_norm.hpp>
#include <cbec/io/errors.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <random>

using cbec::FockBasis;
using cbec::Occupations;
using Complex = std::complex<double>;

namespace {

std::size_t ipow(std::size_t b, int e) {
  std::size_t r = 1;
  while (e-- > 0) r *= b;
  return r;
}

Occupations counts(std::size_t word, int M, int L) {
  Occupations a(M, 0);
  for (int t = 0; t < L; ++t, word /= M) ++a[word % M];
  return a;
}

double multinomial(const Occupations& n) {
  double r = 1;
  int filled = 0;
  for (int v : n)
    for (int t = 1; t <= v; ++t) r *= double(++filled) / t;
  return r;
}

/// The first-quantised symmetric vector of a Fock-space state: Ψ(σ) = c_{n(σ)} / sqrt(N!/Π n_i!).
Eigen::VectorXcd firstQuantised(const FockBasis& b, const Eigen::VectorXcd& c) {
  const int M = b.orbitals(), N = b.particles();
  Eigen::VectorXcd psi(ipow(M, N));
  for (std::size_t s = 0; s < std::size_t(psi.size()); ++s) {
    const Occupations n = counts(s, M, N);
    psi[s] = c[b.index(n)] / std::sqrt(multinomial(n));
  }
  return psi;
}

/// The Dicke (occupation) basis of k particles embedded in (C^M)^{⊗k}: column p is |a_p⟩.
Eigen::MatrixXd dickeEmbedding(int M, int k) {
  FockBasis kb(M, k);
  Eigen::MatrixXd E = Eigen::MatrixXd::Zero(ipow(M, k), kb.dimension());
  for (std::size_t s = 0; s < ipow(M, k); ++s) {
    const Occupations a = counts(s, M, k);
    E(s, kb.index(a)) = 1 / std::sqrt(multinomial(a));
  }
  return E;
}

/// (F 1.5): γ^(k)(x; y) = Σ_Z Ψ(x, Z) conj Ψ(y, Z), keeping the first k factors of the word
/// (word index s = Σ_t σ_t M^t, so the first factors are the low digits).
Eigen::MatrixXcd explicitPartialTrace(const Eigen::VectorXcd& psi, int M, int N, int k) {
  const std::size_t kept = ipow(M, k), traced = ipow(M, N - k);
  Eigen::Map<const Eigen::MatrixXcd> T(psi.data(), kept, traced);
  return T * T.adjoint() / psi.squaredNorm();
}

Eigen::VectorXcd randomState(std::size_t dim, std::mt19937& rng) {
  std::normal_distribution<double> g;
  Eigen::VectorXcd v(dim);
  for (auto& x : v) x = Complex(g(rng), g(rng));
  return v.normalized();
}

}  // namespace

TEST(ReducedDensityMatrix, AgreesWithTheExplicitFirstQuantisedPartialTrace) {
  std::mt19937 rng(11);
  for (auto [M, N] : {std::pair{2, 5}, {3, 4}, {4, 3}}) {
    FockBasis b(M, N);
    const Eigen::VectorXcd c = randomState(b.dimension(), rng);
    const Eigen::VectorXcd psi = firstQuantised(b, c);
    ASSERT_NEAR(psi.norm(), 1.0, 1e-13);
    for (int k = 1; k <= std::min(N, 3); ++k) {
      const Eigen::MatrixXd E = dickeEmbedding(M, k);
      const Eigen::MatrixXcd explicitGamma = explicitPartialTrace(psi, M, N, k);
      const Eigen::MatrixXcd gamma = cbec::reducedDensityMatrix(b, c, k);
      // The first-quantised marginal lives on the symmetric subspace: E γ E^T reproduces it.
      EXPECT_LT((E * gamma * E.transpose() - explicitGamma).norm(), 1e-13) << "M=" << M << " N=" << N << " k=" << k;
      EXPECT_NEAR(gamma.trace().real(), 1.0, 1e-13);
      EXPECT_LT((gamma - gamma.adjoint()).norm(), 1e-15);
      EXPECT_GT(Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(gamma).eigenvalues().minCoeff(), -1e-13);
    }
  }
}

TEST(ReducedDensityMatrix, OneBodyMatrixFromOccupationNumberFormulas) {
  // γ^(1)_{ij} = ⟨Ψ, a_j† a_i Ψ⟩ / N with a_j† a_i applied by index arithmetic.
  std::mt19937 rng(5);
  FockBasis b(5, 6);
  const Eigen::VectorXcd c = randomState(b.dimension(), rng);
  const Eigen::MatrixXcd gamma = cbec::reducedDensityMatrix(b, c, 1);
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j)
      EXPECT_LT(std::abs(gamma(i, j) - c.dot(cbec::applyHopping(b, c, j, i)) / 6.0), 1e-14);
}

TEST(ReducedDensityMatrix, FragmentedFockStateReproducesProposition21) {
  // |N1, N2⟩ = φ1^{⊗N1} ∨ φ2^{⊗N2}: γ^(2) = diag(C(N1,2-j) C(N2,j) / C(N,2)) (F 2.8).
  FockBasis b(2, 9);
  const Eigen::VectorXd psi = Eigen::VectorXd::Unit(b.dimension(), b.index({5, 4}));
  const Eigen::MatrixXd g1 = cbec::reducedDensityMatrix(b, psi, 1), g2 = cbec::reducedDensityMatrix(b, psi, 2);
  EXPECT_NEAR(g1(0, 0), 5.0 / 9, 1e-15);
  EXPECT_NEAR(g1(1, 1), 4.0 / 9, 1e-15);
  EXPECT_NEAR(g2(0, 0), 10.0 / 36, 1e-15);
  EXPECT_NEAR(g2(1, 1), 20.0 / 36, 1e-15);
  EXPECT_NEAR(g2(2, 2), 6.0 / 36, 1e-15);
  EXPECT_NEAR((g2 - Eigen::MatrixXd(g2.diagonal().asDiagonal())).norm(), 0.0, 1e-15);
}

TEST(ReducedDensityMatrix, RealAndComplexOverloadsAgree) {
  std::mt19937 rng(2);
  FockBasis b(3, 5);
  const Eigen::VectorXd c = randomState(b.dimension(), rng).real();
  const Eigen::MatrixXd gr = cbec::reducedDensityMatrix(b, c, 2);
  const Eigen::MatrixXcd gc = cbec::reducedDensityMatrix(b, Eigen::VectorXcd(c.cast<Complex>()), 2);
  EXPECT_LT((gr.cast<Complex>() - gc).norm(), 1e-15);
}

TEST(DoubleMarginal, AgreesWithTheExplicitPartialTraceOverBothSpecies) {
  std::mt19937 rng(9);
  cbec::TwoSpeciesFockBasis b{FockBasis(2, 3), FockBasis(3, 2)};
  const Eigen::VectorXcd c = randomState(b.dimension(), rng);
  // First quantisation: (C^2)^{⊗3} ⊗ (C^3)^{⊗2}, word index s1 + 8 s2.
  const std::size_t D1 = 8, D2 = 9;
  Eigen::VectorXcd psi(D1 * D2);
  for (std::size_t s2 = 0; s2 < D2; ++s2)
    for (std::size_t s1 = 0; s1 < D1; ++s1) {
      const Occupations n1 = counts(s1, 2, 3), n2 = counts(s2, 3, 2);
      psi[s1 + D1 * s2] = c[b.index(b.first.index(n1), b.second.index(n2))] /
                          std::sqrt(multinomial(n1) * multinomial(n2));
    }
  for (int k = 0; k <= 2; ++k)
    for (int l = 0; l <= 2; ++l) {
      // Keep the first k of species 1 and the first l of species 2: reshape to (s1 kept, s1 traced, s2 kept, s2 traced).
      const std::size_t k1 = ipow(2, k), t1 = ipow(2, 3 - k), k2 = ipow(3, l), t2 = ipow(3, 2 - l);
      Eigen::MatrixXcd G = Eigen::MatrixXcd::Zero(k1 * k2, k1 * k2);
      for (std::size_t a1 = 0; a1 < k1; ++a1)
        for (std::size_t a2 = 0; a2 < k2; ++a2)
          for (std::size_t b1 = 0; b1 < k1; ++b1)
            for (std::size_t b2 = 0; b2 < k2; ++b2) {
              Complex s = 0;
              for (std::size_t z1 = 0; z1 < t1; ++z1)
                for (std::size_t z2 = 0; z2 < t2; ++z2)
                  s += psi[a1 + k1 * z1 + D1 * (a2 + k2 * z2)] * std::conj(psi[b1 + k1 * z1 + D1 * (b2 + k2 * z2)]);
              G(a1 * k2 + a2, b1 * k2 + b2) = s;
            }
      // Embed the library's γ^(k,ℓ) (index p1·P2 + p2) with the Kronecker product of the Dicke embeddings.
      const Eigen::MatrixXd E1 = dickeEmbedding(2, k), E2 = dickeEmbedding(3, l);
      Eigen::MatrixXd E(k1 * k2, E1.cols() * E2.cols());
      for (Eigen::Index i = 0; i < E1.rows(); ++i)
        for (Eigen::Index j = 0; j < E1.cols(); ++j) E.block(i * k2, j * E2.cols(), k2, E2.cols()) = E1(i, j) * E2;
      const Eigen::MatrixXcd gamma = cbec::doubleReducedDensityMatrix(b, c, k, l);
      EXPECT_LT((E * gamma * E.transpose() - G).norm(), 1e-13) << "k=" << k << " l=" << l;
      EXPECT_NEAR(gamma.trace().real(), 1.0, 1e-13);
    }
}

TEST(DoubleMarginal, ProductOfCondensatesIsAProductProjection) {
  cbec::TwoSpeciesFockBasis b{FockBasis(2, 3), FockBasis(2, 2)};
  Eigen::VectorXd psi = Eigen::VectorXd::Zero(b.dimension());
  psi[b.index(0, 0)] = 1;
  const Eigen::MatrixXd g = cbec::doubleReducedDensityMatrix(b, psi, 2, 1);
  EXPECT_NEAR(g(0, 0), 1.0, 1e-15);
  EXPECT_NEAR(g.norm(), 1.0, 1e-15);
}

TEST(NaturalOrbitals, OccupationsDescendAndDiagonalise) {
  std::mt19937 rng(4);
  FockBasis b(4, 5);
  const Eigen::MatrixXcd g1 = cbec::reducedDensityMatrix(b, randomState(b.dimension(), rng), 1);
  const cbec::NaturalOrbitals no = cbec::naturalOrbitals(g1);
  for (int j = 1; j < 4; ++j) EXPECT_GE(no.occupations[j - 1], no.occupations[j]);
  EXPECT_NEAR(no.occupations.sum(), 1.0, 1e-14);
  EXPECT_LT((no.orbitals * no.occupations.cast<Complex>().asDiagonal() * no.orbitals.adjoint() - g1).norm(), 1e-14);
  EXPECT_NEAR(no.condensateFraction(), no.leading().dot(g1 * no.leading()).real(), 1e-14);
}

// (F 1.10) and (F 1.11) on random states, for the leading natural orbital and for random orbitals,
// and a near-condensate where the bounds are nearly tight.
TEST(CondensationBounds, InequalitiesF110F111HoldOnRandomStates) {
  std::mt19937 rng(17);
  FockBasis b(3, 6);
  for (int t = 0; t < 20; ++t) {
    Eigen::VectorXcd c = randomState(b.dimension(), rng);
    if (t % 2 == 0) {  // mostly condensed: a random state plus a large weight on |6,0,0⟩
      c *= 0.05;
      c[0] += 1;
      c.normalize();
    }
    for (int k = 1; k <= 4; ++k) {
      const cbec::CondensationBounds lead = cbec::condensationBounds(b, c, k);
      EXPECT_TRUE(lead.holds(1e-12)) << "t=" << t << " k=" << k;
      const Eigen::VectorXcd phi = randomState(3, rng);
      const cbec::CondensationBounds any = cbec::condensationBounds(
          cbec::reducedDensityMatrix(b, c, 1), cbec::reducedDensityMatrix(b, c, k), phi, k);
      EXPECT_TRUE(any.holds(1e-12));
      EXPECT_LE(any.oneBodyDepletion, any.oneBodyTraceDistance + 1e-12);
      EXPECT_LE(any.oneBodyTraceDistance, any.traceUpperBound() + 1e-12);
      EXPECT_LE(any.oneBodyDepletion, any.kBodyDepletion + 1e-12);
      EXPECT_LE(any.kBodyDepletion, any.kBodyUpperBound() + 1e-12);
      if (k == 1) EXPECT_NEAR(lead.kBodyDepletion, lead.oneBodyDepletion, 1e-14);
    }
  }
  // A failing inequality is reported: a fabricated γ^(k) with too much depletion.
  cbec::CondensationBounds bad;
  bad.k = 2;
  bad.oneBodyDepletion = 0.1;
  bad.oneBodyTraceDistance = 0.2;
  bad.kBodyDepletion = 0.5;
  EXPECT_FALSE(bad.holds());
}

TEST(CondensationBounds, SymmetricPowerIsAUnitVectorWithTheRightOverlaps) {
  Eigen::VectorXcd phi(3);
  phi << Complex(0.6, 0), Complex(0, 0.48), Complex(0.64, 0);
  const Eigen::VectorXcd v = cbec::symmetricPower(phi, 3);
  EXPECT_NEAR(v.norm(), 1.0, 1e-15);
  // ⟨φ^{⊗3}, χ^{⊗3}⟩ = ⟨φ, χ⟩³
  Eigen::VectorXcd chi(3);
  chi << Complex(0, 1), Complex(0, 0), Complex(0, 0);
  EXPECT_LT(std::abs(v.dot(cbec::symmetricPower(chi, 3)) - std::pow(phi.dot(chi), 3)), 1e-15);
}

TEST(ReducedDensityMatrix, RejectsBadInputNamingIt) {
  FockBasis b(3, 4);
  const Eigen::VectorXd psi = Eigen::VectorXd::Ones(b.dimension());
  try {
    cbec::reducedDensityMatrix(b, psi, 5);
    FAIL();
  } catch (const cbec::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("k = 5"), std::string::npos) << e.what();
  }
  EXPECT_THROW(cbec::reducedDensityMatrix(b, Eigen::VectorXd(Eigen::VectorXd::Ones(3)), 1), cbec::InputError);
  EXPECT_THROW(cbec::reducedDensityMatrix(b, Eigen::VectorXd(Eigen::VectorXd::Zero(b.dimension())), 1), cbec::InputError);
}

// A basis of ~10^6 states: one pass, no dense N-body matrix; γ^(1) of the uniform superposition
// has the occupation-number expectation ⟨n_i⟩/N = 1/M on the diagonal.
TEST(ReducedDensityMatrix, ScalesToMillionStateBases) {
  FockBasis b(6, 40);  // C(45, 5) = 1,221,759 states
  const Eigen::VectorXd psi = Eigen::VectorXd::Constant(b.dimension(), 1.0);
  const auto t0 = std::chrono::steady_clock::now();
  const Eigen::MatrixXd g1 = cbec::reducedDensityMatrix(b, psi, 1);
  const Eigen::MatrixXd g2 = cbec::reducedDensityMatrix(b, psi, 2);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("gamma1 + gamma2 on %zu Fock states: %.2f s\n", b.dimension(), seconds);
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(g1(i, i), 1.0 / 6, 1e-12);
  EXPECT_NEAR(g2.trace(), 1.0, 1e-12);
  // ⟨n_i n_j⟩ symmetry: all off-diagonal γ^(1) entries equal.
  EXPECT_NEAR(g1(0, 5), g1(2, 3), 1e-12);
}
