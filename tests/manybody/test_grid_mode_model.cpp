// Mode models built from a grid potential (issue 23 item 2, grid_mode_model.hpp): the grid eigenbasis
// against exact oscillator levels, h_ij by quadrature against the grid eigenvalues, V_ijkl against closed
// forms (contact and Gaussian W in the oscillator ground state) and its symmetries; the double well of
// fragmented_doublet.hpp from the same eigenbasis.
#include <cbec/discretisation/grid_eigenbasis.hpp>
#include <cbec/dynamics/fragmented_doublet.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/manybody/few_mode_model.hpp>
#include <cbec/manybody/grid_mode_model.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace cbec;

namespace {

double V(const GridModeModel& m, int i, int j, int k, int l) {
  const int M = m.modes();
  return m.V[((i * M + j) * M + k) * M + l];
}

}  // namespace

TEST(GridModeModel, HarmonicLevelsAndContactElementsAreExact) {
  // −d²/dx² + ω²x²/4: E_n = ω(n + 1/2); φ_0 ∝ e^{−ωx²/4}: ∫φ_0⁴ = √(ω/4π), ∫φ_1⁴ = ¾√(ω/4π), ∫φ_0²φ_1² = ½√(ω/4π)
  const double w = 1.3, g = 0.7;
  GridTrap trap;
  trap.kind = GridTrap::Kind::Harmonic, trap.frequency = w;
  const GridModeModel m = gridModeModel(Grid(1, 96, 22.0), trap, 5, PairInteraction::contact(g));
  for (int n = 0; n <= 5; ++n) EXPECT_NEAR(m.energies[n], w * (n + 0.5), 1e-10) << n;
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j) EXPECT_NEAR(m.h(i, j), i == j ? w * i : 0.0, 1e-10) << i << j;
  EXPECT_LT(m.oneBodyDefect, 1e-10);
  const double c = g * std::sqrt(w / (4 * std::numbers::pi));
  EXPECT_NEAR(V(m, 0, 0, 0, 0), c, 1e-12);
  EXPECT_NEAR(V(m, 1, 1, 1, 1), 0.75 * c, 1e-12);
  EXPECT_NEAR(V(m, 0, 1, 0, 1), 0.5 * c, 1e-12);
  EXPECT_NEAR(V(m, 0, 0, 1, 1), 0.5 * c, 1e-12);
  EXPECT_NEAR(V(m, 0, 0, 0, 1), 0.0, 1e-13);   // parity
  EXPECT_LT(m.exchangeDefect, 1e-14);
  EXPECT_LT(m.hermiticityDefect, 1e-14);
  EXPECT_LT(m.edgeRatio, 1e-6);
}

TEST(GridModeModel, GaussianInteractionByFftConvolutionIsExact) {
  // W = s e^{−u²/(2σ²)} in the oscillator ground state: x − y ~ N(0, 2/ω), so V_0000 = s σ/√(σ² + 2/ω) per axis
  const double w = 1.0, s = -0.9, width = 0.8;
  GridTrap trap;
  trap.kind = GridTrap::Kind::Harmonic, trap.frequency = w;
  const PairInteraction W = PairInteraction::gaussian(s, width);
  const GridModeModel m1 = gridModeModel(Grid(1, 96, 24.0), trap, 3, W);
  const double axis = width / std::sqrt(width * width + 2 / w);
  EXPECT_NEAR(V(m1, 0, 0, 0, 0), s * axis, 1e-12);
  // 2D: levels ω(n_x + n_y + 1) (a doublet at ω·2), V_0000 = s·axis²
  const GridModeModel m2 = gridModeModel(Grid(2, 28, 16.0), trap, 3, W);
  EXPECT_NEAR(m2.energies[0], w, 1e-9);
  EXPECT_NEAR(m2.energies[1], 2 * w, 1e-9);
  EXPECT_NEAR(m2.energies[2], 2 * w, 1e-9);
  EXPECT_NEAR(m2.energies[3], 3 * w, 1e-9);
  EXPECT_NEAR(V(m2, 0, 0, 0, 0), s * axis * axis, 1e-10);
  EXPECT_LT(m2.oneBodyDefect, 1e-9);
  EXPECT_LT(m2.exchangeDefect, 1e-14);
  EXPECT_LT(m2.hermiticityDefect, 1e-14);
  // 36² = 1296 points: the lowest M + 1 pairs by shift-invert Lanczos (grid_eigenbasis.hpp), the same checks
  const GridModeModel m3 = gridModeModel(Grid(2, 36, 16.0), trap, 3, W);
  EXPECT_NEAR(m3.energies[0], w, 1e-9);
  EXPECT_NEAR(m3.energies[1], 2 * w, 1e-9);
  EXPECT_NEAR(m3.energies[2], 2 * w, 1e-9);
  EXPECT_NEAR(m3.energies[3], 3 * w, 1e-9);
  EXPECT_NEAR(V(m3, 0, 0, 0, 0), s * axis * axis, 1e-10);
  EXPECT_LT(m3.oneBodyDefect, 1e-9);
  EXPECT_LT(m3.exchangeDefect, 1e-14);
}

TEST(GridModeModel, DoubleWellModesAreTheDoubletsEigenbasis) {
  // the double well of fragmented_doublet.hpp (a = 2) from the same eigenbasis: the same energies; a
  // valid FewModeModel (its own symmetry check to 1e-12 · max|V|); even/odd selection rule of V
  GridTrap trap;   // double_well, a = 2
  const Grid grid(1, 64, 12.0);
  const GridModeModel m = gridModeModel(grid, trap, 4, PairInteraction::gaussian(2.0, 0.6));
  DoubletModel dm;
  dm.potential = PairInteraction::gaussian(2.0, 0.6);
  const DoubletSpectrum sp(grid, dm);
  for (int n = 0; n < 5; ++n) EXPECT_NEAR(m.energies[n], sp.energies()[n], 1e-12) << n;
  EXPECT_LT(m.oneBodyDefect, 1e-10);
  EXPECT_LT(m.exchangeDefect, 1e-13 * 2.0);
  EXPECT_LT(m.hermiticityDefect, 1e-13 * 2.0);
  EXPECT_NO_THROW(FewModeModel(m.h, m.V));
  // parity: exact up to the eigensolver's round-off (‖H‖ ≈ 500 on this grid: 1e-13 relative)
  EXPECT_NEAR(V(m, 0, 0, 0, 1), 0.0, 1e-12);
  EXPECT_NEAR(V(m, 1, 1, 1, 0), 0.0, 1e-12);
  EXPECT_GT(std::abs(V(m, 0, 0, 1, 1)), 0.1);   // pair tunnelling between the doublet's modes
  // modes 0, 1 against the doublet's ψ_1, ψ_2 (same sign convention up to ±)
  for (int a = 0; a < 2; ++a)
    EXPECT_NEAR(std::abs(grid.spacing() * m.orbitals.col(a).dot(sp.orbitals().col(a))), 1.0, 1e-12);
}

TEST(GridModeModel, BadInputIsRefused) {
  GridTrap trap;
  EXPECT_THROW(gridModeModel(Grid(1, 16, 12.0), trap, 16, {}), InputError);
  EXPECT_THROW(gridModeModel(Grid(2, 50, 12.0), trap, 4, {}), InputError);   // 2500 > 2304 points
  EXPECT_THROW(gridModeModel(Grid(3, 8, 12.0), trap, 4, {}), InputError);
  std::vector<double> U(32, 0.0);
  U[3] = std::nan("");
  EXPECT_THROW(gridModeModel(Grid(1, 32, 12.0), U, 4, {}), InputError);
}
