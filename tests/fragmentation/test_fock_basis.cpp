// FockBasis: the combinatorial number system ranks every occupation vector once, in descending
// lexicographic order, and the hopping operator a_i† a_j acts by index arithmetic.
#include <cbec/fragmentation/fock_basis.hpp>
#include <cbec/fragmentation/hopping.hpp>
#include <cbec/io/errors.hpp>

#include <gtest/gtest.h>

#include <random>
#include <set>

using cbec::FockBasis;
using cbec::Occupations;

TEST(FockBasis, DimensionIsStarsAndBars) {
  EXPECT_EQ(FockBasis(1, 7).dimension(), 1u);
  EXPECT_EQ(FockBasis(2, 7).dimension(), 8u);
  EXPECT_EQ(FockBasis(3, 2).dimension(), 6u);
  EXPECT_EQ(FockBasis(5, 0).dimension(), 1u);
  EXPECT_EQ(FockBasis(8, 30).dimension(), 10295472u);  // C(37, 7)
  EXPECT_EQ(FockBasis(3, 1000000).dimension(), 500001500001u);
}

TEST(FockBasis, NextWalksIndicesInDescendingLexicographicOrder) {
  for (auto [M, N] : {std::pair{1, 3}, {2, 5}, {3, 4}, {4, 6}, {6, 3}}) {
    FockBasis b(M, N);
    Occupations n = b.first(), prev;
    std::size_t i = 0;
    do {
      EXPECT_EQ(b.index(n), i) << "M=" << M << " N=" << N;
      EXPECT_EQ(b.occupations(i), n);
      if (i > 0) EXPECT_GT(prev, n);  // strictly descending lexicographically
      prev = n;
      ++i;
    } while (b.next(n));
    EXPECT_EQ(i, b.dimension());
    Occupations last(M, 0);
    last.back() = N;
    EXPECT_EQ(n, last);
  }
}

TEST(FockBasis, TwoLevelIndexIsThePopulationOfTheSecondLevel) {
  FockBasis b(2, 10);
  for (int j = 0; j <= 10; ++j) EXPECT_EQ(b.index({10 - j, j}), std::size_t(j));  // order of (F 2.8)
}

TEST(FockBasis, RankUnrankRoundTripOnALargeBasis) {
  FockBasis b(10, 40);  // C(49, 9) ≈ 2.05e9 states, never enumerated
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::size_t> pick(0, b.dimension() - 1);
  for (int t = 0; t < 2000; ++t) {
    const std::size_t i = pick(rng);
    const Occupations n = b.occupations(i);
    int sum = 0;
    for (int v : n) { EXPECT_GE(v, 0); sum += v; }
    EXPECT_EQ(sum, 40);
    EXPECT_EQ(b.index(n), i);
  }
  EXPECT_EQ(b.index(b.occupations(0)), 0u);
  EXPECT_EQ(b.index(b.occupations(b.dimension() - 1)), b.dimension() - 1);
}

TEST(FockBasis, RejectsBadInputNamingIt) {
  FockBasis b(3, 4);
  try {
    b.index({1, 1, 1});
    FAIL();
  } catch (const cbec::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("sum to 3"), std::string::npos) << e.what();
  }
  EXPECT_THROW(b.index({4, 0}), cbec::InputError);
  EXPECT_THROW(b.index({5, -1, 0}), cbec::InputError);
  EXPECT_THROW(b.occupations(b.dimension()), cbec::InputError);
  EXPECT_THROW(FockBasis(0, 3), cbec::InputError);
  EXPECT_THROW(FockBasis(40, 1000), cbec::InputError);  // C(1039, 39) > 2^62
}

TEST(Hopping, MatchesTheDefinitionOnEveryBasisState) {
  FockBasis b(4, 5);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      for (std::size_t s = 0; s < b.dimension(); ++s) {
        const Eigen::VectorXd out = cbec::applyHopping(b, Eigen::VectorXd(Eigen::VectorXd::Unit(b.dimension(), s)), i, j);
        Occupations n = b.occupations(s);
        if (n[j] == 0) {
          EXPECT_EQ(out.norm(), 0.0);
          continue;
        }
        const double amp = std::sqrt(double(n[j]) * (n[i] + (i == j ? 0 : 1)));
        --n[j];
        ++n[i];
        const std::size_t t = b.index(n);
        EXPECT_NEAR(out[t], amp, 1e-14);
        EXPECT_NEAR(out.norm(), amp, 1e-14);
      }
}

TEST(Hopping, CommutatorOfTwoHoppingsIsAHopping) {
  // [a_0† a_1, a_1† a_2] = a_0† a_2 on a random vector.
  FockBasis b(3, 6);
  std::mt19937 rng(3);
  std::normal_distribution<double> g;
  Eigen::VectorXd psi(b.dimension());
  for (auto& v : psi) v = g(rng);
  using cbec::applyHopping;
  const Eigen::VectorXd lhs = applyHopping(b, applyHopping(b, psi, 1, 2), 0, 1) -
                              applyHopping(b, applyHopping(b, psi, 0, 1), 1, 2);
  EXPECT_LT((lhs - applyHopping(b, psi, 0, 2)).norm(), 1e-12);
}
