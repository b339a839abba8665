// Grid Bogoliubov (solver/grid_bogoliubov.hpp) against the mode-space Bogoliubov (manybody/bogoliubov.hpp) in
// the same model, against the exact diagonalisation's N(E_N^Q − E^H) as N grows, and the occupation formula.
#include <cbec/config/manybody_config.hpp>
#include <cbec/manybody/bogoliubov.hpp>
#include <cbec/manybody/finite_n.hpp>
#include <cbec/manybody/mixture_modes.hpp>
#include <cbec/manybody/mode_hartree.hpp>
#include <cbec/solver/grid_bogoliubov.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace cbec {
namespace {

ManybodyConfig config(const std::string& text) { return readManybodyConfig(ConfigTable::parseString(text)); }

/// e_B on the grid for the manybody configuration at particle numbers P.
GridBogoliubovResult gridResult(const ManybodyConfig& c, const std::vector<int>& P, int points, double box, int modes) {
  Hamiltonian h(manybodyMixture(c.mixture, P), Grid(c.mixture.dimension(), points, box), 1, false);
  SolverOptions so;
  so.tolerance = 1e-11;
  so.keep_history = false;
  so.measure = false;
  const GroundStateResult g = groundState(h, so);
  EXPECT_TRUE(g.converged);
  GridBogoliubovOptions o;
  o.modes = modes;
  return gridBogoliubov(h, g, o);
}

/// The mode-space Bogoliubov (bogoliubov.hpp) around the mode-space Hartree minimiser, `shells` oscillator shells.
BogoliubovResult modeBogoliubov(const ManybodyConfig& c, const std::vector<int>& P, int shells) {
  const MixtureModes m = mixtureModeHamiltonian(manybodyMixture(c.mixture, P), P, shells);
  return bogoliubov(m.model, modeHartree(m.model));
}

FiniteNResult exact(const ManybodyConfig& c, const std::vector<int>& P, int shells) {
  FiniteNOptions o;
  o.shells = shells;
  o.marginals = false;
  return solveFiniteN(manybodyMixture(c.mixture, P), P, o);
}

const char* kOneSpecies1D = R"(
[model]
dimension = 1
interaction = "hartree"
[[species]]
particles = 4
a = 0.5
)";

const char* kStrong1D = R"(
[model]
dimension = 1
interaction = "hartree"
[[species]]
particles = 4
a = 3.0
)";

const char* kTwoSpecies1D = R"(
[model]
dimension = 1
interaction = "hartree"
[[species]]
particles = 2
a = 2.0
[[species]]
particles = 2
a = 1.5
trap = { omega = [1.3] }
[coupling]
a12 = 2.5
)";

// (a) 1D, Gaussian w (β = 0): the mode-space e_B with 32 oscillator shells and the grid e_B (128 points, M = 64,
// rungs 16, 32, 64) are the same number: both converge to the continuum Bogoliubov e_B (one species a = 3:
// −0.01703950912588 grid, −0.01703950912088 modes; 24 shells are 7.5e-10 off, 16 shells 1.4e-7).
TEST(GridBogoliubov, AgreesWithModeSpaceOneSpecies) {
  const ManybodyConfig c = config(kStrong1D);
  const BogoliubovResult m = modeBogoliubov(c, {4}, 32);
  const double modes = m.e_B;
  const GridBogoliubovResult g = gridResult(c, {4}, 128, 20.0, 64);
  EXPECT_TRUE(g.stable);
  EXPECT_TRUE(g.eigen_converged);
  EXPECT_LT(g.e_B, 0.0);
  EXPECT_NEAR(g.e_B, modes, 1e-9 * std::abs(modes)) << "grid " << g.e_B << " modes " << modes;
  EXPECT_LT(g.uncertainty, 1e-9 * std::abs(g.e_B));
  // the depletion Σ⟨c†c⟩ of the Bogoliubov vacuum, the same in both bases
  double depletion = 0;
  for (double n : m.occupations) depletion += n;
  EXPECT_GT(depletion, 0.0);
  EXPECT_NEAR(g.depletion[0], depletion, 1e-8 * depletion);
}

TEST(GridBogoliubov, AgreesWithModeSpaceTwoSpecies) {
  const ManybodyConfig c = config(kTwoSpecies1D);
  const BogoliubovResult m = modeBogoliubov(c, {2, 2}, 32);
  const GridBogoliubovResult g = gridResult(c, {2, 2}, 128, 20.0, 64);
  EXPECT_TRUE(g.stable);
  EXPECT_NEAR(g.e_B, m.e_B, 1e-9 * std::abs(m.e_B)) << "grid " << g.e_B << " modes " << m.e_B;
  // the lowest excitation energies agree as well
  ASSERT_GE(g.excitations.size(), 4u);
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(g.excitations[k], m.frequencies[k], 1e-8) << k;
}

// (c) N(E_N^Q − E^H) from exact diagonalisation in 6 oscillator shells approaches the e_B of the same modes as N
// grows (the remainder is O(1/N)), and that e_B is within 1 % of the grid's (the 6-shell basis error).
TEST(GridBogoliubov, ExactDiagonalisationApproachesEB) {
  const ManybodyConfig c = config(kOneSpecies1D);
  std::vector<double> remainder;
  for (int N : {4, 8, 16}) {
    const FiniteNResult x = exact(c, {N}, 4);
    const double nGap = N * (x.energy - x.hartree.energy);
    remainder.push_back(std::abs(nGap - x.bogoliubov.e_B));
    EXPECT_LT(remainder.back(), 0.4 * std::abs(x.bogoliubov.e_B)) << N;
    const double grid = gridResult(c, {N}, 128, 20.0, 48).e_B;
    EXPECT_NEAR(x.bogoliubov.e_B, grid, 0.05 * std::abs(grid)) << N;
  }
  EXPECT_NEAR(remainder[1] / remainder[0], 0.5, 0.08);   // ∝ 1/N (measured 0.43, 0.47)
  EXPECT_NEAR(remainder[2] / remainder[1], 0.5, 0.08);
}

// One mode: e_B = ½√(a² − b²) − ½a and v² = ½(a/e − 1).
TEST(GridBogoliubov, OneModeOccupation) {
  Eigen::MatrixXd A(1, 1), B(1, 1);
  A << 2.0;
  B << 0.7;
  const BogoliubovResult r = bogoliubovFromMatrices(A, B);
  const double e = std::sqrt(4.0 - 0.49);
  EXPECT_NEAR(r.e_B, 0.5 * e - 1.0, 1e-15);
  ASSERT_EQ(r.occupations.size(), 1u);
  EXPECT_NEAR(r.occupations[0], 0.5 * (2.0 / e - 1.0), 1e-14);
}

}  // namespace
}  // namespace cbec
