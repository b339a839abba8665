// The regime checker on cases from MODEL.md §3 (M Theorem 6, §2.2) and the 1D/3D/Hartree rules.
#include <cbec/soliton/townes_profile.hpp>
#include <cbec/soliton/townes_regime.hpp>

#include <gtest/gtest.h>

using namespace cbec;

namespace {
const double aS = TownesProfile::standard().aStar();

Mixture two(int d, double c1, double a1, double a2, double a12) { return Mixture::twoSpecies(d, c1, a1, a2, a12); }

struct Case {
  const char* what;
  double c1, a1, a2, a12;
  Regime expected;
};
}  // namespace

TEST(Regime, TwoDimensionalContactTable) {
  // Theorem 6 thresholds for c = (1/2, 1/2), a1 = 3, a2 = 4:
  const double exist = std::sqrt((aS - 3) * (aS - 4) / 0.25);   // ≈ 16.37
  const double blow = (aS - 0.5 * 3 - 0.5 * 4) / (2 * 0.25);     // ≈ 16.40
  const Case cases[] = {
      {"INTERFACE example", 0.5, 3, 4, 2, Regime::Exists},
      {"just below the existence bound", 0.5, 3, 4, exist * 0.999, Regime::Exists},
      {"between the bounds", 0.5, 3, 4, 0.5 * (exist + blow), Regime::Undetermined},
      {"above the collapse bound", 0.5, 3, 4, blow * 1.001, Regime::Unbounded},
      {"a1 > a_*", 0.5, aS + 0.1, 1, 0, Regime::Unbounded},
      {"a2 > a_* with repulsive a12", 0.3, 1, aS * 1.01, -5, Regime::Unbounded},
      {"repulsive a12, a_i < a_*", 0.3, 11, 11.5, -100, Regime::Exists},
      {"a12 = 0", 0.5, 5, 5, 0, Regime::Exists},
      {"a_i ≤ 0 (repulsive intra), moderate a12", 0.5, -3, -2, 10, Regime::Exists},
      {"a1 = a_* exactly", 0.5, aS, 1, 0, Regime::Undetermined},
      // on the Theorem-1 path a_i = a_* - c_j a12 - d: sqrt((a_*-a1)(a_*-a2)/(c1c2)) = a12 + 2d > a12
      {"theorem-1 path a_N = a_* - 1e-3", 0.5, aS - 0.5 * 2 - 1e-3, aS - 0.5 * 2 - 1e-3, 2, Regime::Exists},
      {"theorem-1 path a_N > a_*", 0.5, aS - 0.5 * 2 + 1e-3, aS - 0.5 * 2 + 1e-3, 2, Regime::Unbounded},
  };
  for (const Case& c : cases) {
    RegimeReport r = classifyRegime(two(2, c.c1, c.a1, c.a2, c.a12));
    EXPECT_EQ(r.regime, c.expected) << c.what << ": " << r.reason;
    EXPECT_FALSE(r.reason.empty());
    EXPECT_EQ(r.reason.find('\n'), std::string::npos);
  }
}

TEST(Regime, OneSpeciesTwoDimensions) {
  EXPECT_EQ(classifyRegime(Mixture::singleSpecies(2, 0.0)).regime, Regime::Exists);
  EXPECT_EQ(classifyRegime(Mixture::singleSpecies(2, -50.0)).regime, Regime::Exists);
  EXPECT_EQ(classifyRegime(Mixture::singleSpecies(2, aS - 1e-6)).regime, Regime::Exists);
  EXPECT_EQ(classifyRegime(Mixture::singleSpecies(2, aS)).regime, Regime::Undetermined);
  RegimeReport r = classifyRegime(Mixture::singleSpecies(2, aS + 1e-6));
  EXPECT_EQ(r.regime, Regime::Unbounded);
  EXPECT_NE(r.reason.find("a_*"), std::string::npos) << r.reason;
  EXPECT_EQ(r.name(), "unbounded");
}

// The fast a_* (TownesProfile::criticalMass) decides only away from the thresholds; near them the full
// profile's a_* does. Couplings a_*(1 + k·1e-16) around every threshold of one species (collapse at
// 1e-14 above a_*, "a = a_* exactly" within 1e-12) and a_*(1 ± 1e-9): the same regime and reason as
// with the full profile's a_*. (Without the band, the ~1e-15 difference of the two a_* would flip
// the couplings between them.)
TEST(Regime, NearThresholdCouplingsClassifyAsWithTheFullProfile) {
  std::vector<double> rel = {1e-9, -1e-9, 1e-11, -1e-11, 0.0};
  for (int k = -1300; k <= 1300; k += (std::abs(std::abs(k) - 1000) <= 40 || std::abs(k - 100) <= 40) ? 1 : 50)
    rel.push_back(k * 1e-16);
  for (double r : rel) {
    const Mixture m = Mixture::singleSpecies(2, aS * (1 + r));
    const RegimeReport fast = classifyRegime(m), full = classifyRegime(m, aS);
    EXPECT_EQ(fast.regime, full.regime) << "a = a_*(1 + " << r << ")";
    EXPECT_EQ(fast.reason, full.reason) << "a = a_*(1 + " << r << ")";
  }
  EXPECT_EQ(classifyRegime(Mixture::singleSpecies(2, aS * (1 - 1e-9))).regime, Regime::Exists);
  EXPECT_EQ(classifyRegime(Mixture::singleSpecies(2, aS * (1 + 1e-9))).regime, Regime::Unbounded);
  // two species: a12 at the existence and collapse bounds of Theorem 6, relative offsets ±1e-9, ±1e-13
  const double exist = std::sqrt((aS - 3) * (aS - 4) / 0.25), blow = (aS - 0.5 * 3 - 0.5 * 4) / (2 * 0.25);
  for (double bound : {exist, blow})
    for (double r : {1e-9, -1e-9, 1e-13, -1e-13, 1e-15, -1e-15}) {
      const Mixture m = two(2, 0.5, 3, 4, bound * (1 + r));
      const RegimeReport fast = classifyRegime(m), full = classifyRegime(m, aS);
      EXPECT_EQ(fast.regime, full.regime) << bound << " (1 + " << r << ")";
      EXPECT_EQ(fast.reason, full.reason) << bound << " (1 + " << r << ")";
    }
}

TEST(Regime, OtherDimensionsAndHartree) {
  EXPECT_EQ(classifyRegime(Mixture::singleSpecies(1, 1000.0)).regime, Regime::Exists);
  EXPECT_EQ(classifyRegime(two(1, 0.5, 50, 60, 100)).regime, Regime::Exists);
  EXPECT_EQ(classifyRegime(Mixture::singleSpecies(3, 0.1)).regime, Regime::Unbounded);
  EXPECT_EQ(classifyRegime(Mixture::singleSpecies(3, -1.0)).regime, Regime::Exists);
  EXPECT_EQ(classifyRegime(two(3, 0.5, -1, -1, -1)).regime, Regime::Exists);
  EXPECT_EQ(classifyRegime(two(3, 0.5, -4, -4, 3)).regime, Regime::Exists);      // c1c2 a12 = 0.75 ≤ 2
  EXPECT_EQ(classifyRegime(two(3, 0.5, -4, -4, 9)).regime, Regime::Unbounded);   // 2.25 > 2
  Species A{"A", 1.0, 50.0, Trap::power(2, {0, 0})};
  Mixture h(2, {A}, Eigen::MatrixXd::Zero(1, 1), PairInteraction::hartree(std::make_shared<GaussianProfile>(), 100, 0.3));
  EXPECT_EQ(classifyRegime(h).regime, Regime::Exists);
}

TEST(Regime, PairScalingNUsesEffectiveIntraStrength) {
  // with 1/N on intra pairs, c = 1/2, N = 100: ã_s = a_s (N_s - 1)/N = 0.49 a_s
  Species A{"A", 0.5, 20.0, Trap::power(2, {0, 0})}, B{"B", 0.5, 20.0, Trap::power(2, {0, 0})};
  Mixture m(2, {A, B}, Eigen::MatrixXd::Zero(2, 2), PairInteraction::contact(), PairScaling::N, 100.0);
  EXPECT_DOUBLE_EQ(m.effectiveIntra(0), 20.0 * 49.0 / 100.0);
  EXPECT_EQ(classifyRegime(m).regime, Regime::Exists);
  Mixture m1(2, {A, B}, Eigen::MatrixXd::Zero(2, 2));
  EXPECT_EQ(classifyRegime(m1).regime, Regime::Unbounded);
}
