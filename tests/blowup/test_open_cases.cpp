// z1 = z2 with a12 < 0 (blowup/coincident_centres.hpp) and the window of M Theorem 6
// (blowup/existence_window.hpp): small, fast instances of the studies in docs/open-cases.md.
#include <cbec/blowup/coincident_centres.hpp>
#include <cbec/blowup/existence_window.hpp>
#include <cbec/io/errors.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace cbec {
namespace {

Mixture oneCentre(double c1, double a1, double a2, double a12) {
  Eigen::MatrixXd inter = Eigen::MatrixXd::Zero(2, 2);
  inter(0, 1) = inter(1, 0) = a12;
  return Mixture(2, {Species{"A", c1, a1, Trap::power(2.0, {0.0, 0.0})}, Species{"B", 1 - c1, a2, Trap::power(2.0, {0.0, 0.0})}},
                 inter);
}

// d = 0.1: the radial "together" state stays at the trap scale with E = O(1); a split start and a one-centred
// start end in the same state: the two peaks symmetric about the centre, 2.7/ℓ apart, E well below "together".
TEST(CoincidentCentres, ComponentsSeparateSymmetrically) {
  CoincidentOptions o;
  o.distances = {0.1};
  o.split_widths = {4.0};
  o.one_centred_width = 4.0;
  o.box_factor = 48;
  const CoincidentStudy st = runCoincidentStudy(oneCentre(0.5, 10, 10, -2.0), o);
  ASSERT_EQ(st.points.size(), 1u);
  const CoincidentPoint& p = st.points[0];
  auto start = [&](const std::string& name) -> const CoincidentStart& {
    for (const auto& c : p.starts)
      if (c.start == name) return c;
    throw std::runtime_error("no start " + name);
  };
  const CoincidentStart& together = start("together");
  const CoincidentStart& split = start("split 4");
  const CoincidentStart& one = start("one-centred 4");
  EXPECT_NE(p.starts[p.lowest].start, "together");
  EXPECT_NEAR(p.starts[p.lowest].energy, split.energy, 1e-9);
  EXPECT_LT(together.separation, 1e-6);
  EXPECT_LT(together.ell_measured[0], 2.5);   // not concentrated
  EXPECT_GT(together.energy, 1.5 * split.energy);
  EXPECT_NEAR(one.energy, split.energy, 1e-9);   // the one-centred start does not stay one-centred
  EXPECT_GT(split.separation_scaled, 2.0);
  EXPECT_NEAR(split.peak[0][0] + split.peak[1][0], 0.0, 1e-3 * split.separation);   // symmetric about z
  EXPECT_NEAR(split.ell_measured[0], split.ell_measured[1], 1e-6 * split.ell_measured[0]);
  EXPECT_GT(split.ratio, 1.2);   // well above c1E1 + c2E2: the cross term is not negligible at z1 = z2
}

TEST(CoincidentCentres, RefusesDistinctCentresAndRepulsionSign) {
  Eigen::MatrixXd inter = Eigen::MatrixXd::Zero(2, 2);
  inter(0, 1) = inter(1, 0) = -2.0;
  const Mixture apart(2, {Species{"A", 0.5, 10, Trap::power(2.0, {-0.5, 0.0})}, Species{"B", 0.5, 10, Trap::power(2.0, {0.5, 0.0})}},
                      inter);
  EXPECT_THROW(runCoincidentStudy(apart, {}), InputError);
  EXPECT_THROW(runCoincidentStudy(oneCentre(0.5, 10, 10, 2.0), {}), InputError);
}

// One value clearly below the window's lower bound (a minimiser exists, M Theorem 6 (i)) and one above its
// upper bound (E = -∞, Theorem 6 (ii)): the verdicts must follow, with the evidence the study reports.
TEST(ExistenceWindow, VerdictsOutsideTheWindow) {
  WindowOptions o;
  o.a12 = {5.0, 10.5};
  o.bisections = 0;
  const WindowStudy st = runWindowStudy(oneCentre(0.5, 4.0, 10.0, 1.0), o);
  ASSERT_EQ(st.points.size(), 2u);
  EXPECT_NEAR(st.lower, std::sqrt((11.700896525 - 4) * (11.700896525 - 10) / 0.25), 1e-6);
  EXPECT_NEAR(st.upper, (11.700896525 - 7) / 0.5, 1e-6);
  EXPECT_EQ(st.points[0].regime, "exists");
  EXPECT_EQ(st.points[0].verdict, "attained");
  EXPECT_GT(st.points[0].energy, 0);
  EXPECT_LT(std::abs(st.points[0].virial), 1e-6);   // 2(K - P) = p T at a minimiser
  EXPECT_EQ(st.points[1].regime, "unbounded");
  EXPECT_EQ(st.points[1].verdict, "unbounded");
  EXPECT_LT(st.points[1].kinetic_minus_interaction, 0);
  ASSERT_EQ(st.points[1].dilated_energy.size(), 2u);
  EXPECT_LT(st.points[1].dilated_energy[1], st.points[1].dilated_energy[0]);
}

}  // namespace
}  // namespace cbec

#include <cbec/config/open_cases_config.hpp>

namespace cbec {
namespace {

const char* kModel = R"(
[model]
dimension = 2
interaction = "contact"
[[species]]
name = "A"
fraction = 0.5
a = 4.0
trap = { power = 2.0, center = [0.0, 0.0] }
[[species]]
name = "B"
fraction = 0.5
a = 10.0
trap = { power = 2.0, center = [X, 0.0] }
[coupling]
a12 = A12
)";

std::string model(const std::string& x, const std::string& a12) {
  std::string s = kModel;
  s.replace(s.find("X"), 1, x);
  s.replace(s.find("A12"), 3, a12);
  return s;
}

std::string errorOf(const std::string& text) {
  try {
    readOpenCasesConfig(ConfigTable::parseString(text));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(OpenCasesConfig, ReadsEachCaseAndRefusesByName) {
  const OpenCasesConfig w = readOpenCasesConfig(ConfigTable::parseString(model("0.0", "1.0") + "[study]\ncase = \"window\"\ncount = 5\n"));
  EXPECT_EQ(w.study, "window");
  EXPECT_EQ(w.window.count, 5);
  const OpenCasesConfig c = readOpenCasesConfig(
      ConfigTable::parseString(model("1.0", "-2.0") + "[study]\ncase = \"cross_term\"\ndistances = [1e-2]\n"));
  ASSERT_TRUE(c.path.has_value());
  EXPECT_EQ(c.cross_term.distances.size(), 1u);
  EXPECT_NE(errorOf(model("0.0", "1.0") + "[study]\ncase = \"window\"\nbogus = 1\n").find("study.bogus"), std::string::npos);
  EXPECT_NE(errorOf(model("0.0", "1.0") + "[study]\ncase = \"windows\"\n").find("study.case"), std::string::npos);
  // the cases' settings: window needs one centre, cross_term a12 < 0 and two centres, coincident a12 < 0
  EXPECT_NE(errorOf(model("1.0", "1.0") + "[study]\ncase = \"window\"\n").find("study.case"), std::string::npos);
  EXPECT_NE(errorOf(model("1.0", "1.0") + "[study]\ncase = \"cross_term\"\n").find("a12 < 0"), std::string::npos);
  EXPECT_NE(errorOf(model("0.0", "1.0") + "[study]\ncase = \"coincident\"\n").find("a12 < 0"), std::string::npos);
  EXPECT_NE(errorOf(model("1.0", "-2.0") + "[study]\ncase = \"cross_term\"\ndistances = [20.0]\n").find("study.distances[0]"),
            std::string::npos);
  EXPECT_NE(errorOf(model("0.0", "1.0") + "[study]\ncase = \"window\"\n[grid]\npoints = 64\nbox = 8.0\n").find("grid"),
            std::string::npos);
}

}  // namespace
}  // namespace cbec
