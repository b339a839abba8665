#pragma once
/// @file grid_mode_model.hpp
/// A mode model (few_mode_model.hpp) built from a grid potential (issue 23 item 2): the lowest M
/// eigenfunctions φ_0, …, φ_{M−1} of h = −Δ + U on a Fourier grid (grid_eigenbasis.hpp, 1D or 2D), and by
/// quadrature on that grid (trapezoid rule = the grid's L² product, spectrally accurate for smooth periodic
/// functions):
///
///   h_ij  = ⟨φ_i, (h − E_0) φ_j⟩ = h^d Σ_p φ_i(x_p) [(−Δφ_j)(x_p) + (U(x_p) − E_0) φ_j(x_p)],
///           −Δ applied by FFT (FourierTransform::laplacianNeg); ideally (E_i − E_0) δ_ij,
///   V_ijkl = ∬ φ_i(x) φ_j(y) W(x − y) φ_k(x) φ_l(y) = h^d Σ_p ρ_ik(x_p) (W ∗ ρ_jl)(x_p),   ρ_ab = φ_a φ_b,
///           W ∗ ρ = g ρ for the contact W = g δ, and the periodic FFT convolution F^{−1}[Ŵ(k) F ρ] for the
///           Gaussian W(x) = s e^{−|x|²/(2w²)} (Ŵ = s (2πw²)^{d/2} e^{−k²w²/2}, PairInteraction::fourier).
///
/// The constant −E_0 shifts every energy of the Fock operator and of the Hartree flow alike: only a global
/// phase, no marginal changes. The fragments of `cbec rates` sit in modes 0 and 1 (for a double well the
/// even/odd doublet). Signs: each φ_a is made positive on the generic functional Σ_p φ_a(x_p)(1 + 0.37 x/L +
/// 0.11 y/L) (the same on every grid: entries of two grids are comparable where levels are simple).
/// Measured, not imposed: the defect of h against diag(E_i − E_0) (FFT −Δ against the dense T), and of
/// the symmetries V_ijkl = V_jilk, V_ijkl = V_klij (round-off of the quadrature).
#include <cbec/discretisation/grid.hpp>
#include <cbec/model/pair_interaction.hpp>

#include <Eigen/Dense>

#include <vector>

namespace cbec {

/// The trap U of h = −Δ + U (the convention of fragmented_doublet.hpp: −d²/dx², no ½):
///   harmonic:     U = (ω²/4)|x|²                                  levels ω(n + d/2) (n = Σ n_axis)
///   double_well:  U = (x₁² − a²)²/4 + t x₁ + (ω²/4) x₂²            (x₂ only in 2D; t: tilt)
struct GridTrap {
  enum class Kind { Harmonic, DoubleWell };
  Kind kind = Kind::DoubleWell;
  double wellMinimum = 2;   ///< a
  double frequency = 1;     ///< ω
  double tilt = 0;          ///< t
  /// U at the grid's points (grid order).
  std::vector<double> sample(const Grid& grid) const;
};

struct GridModeModel {
  Eigen::MatrixXd h;              ///< M×M, h_ij above (energies relative to E_0)
  std::vector<double> V;          ///< M⁴, V[((i M + j) M + k) M + l]
  Eigen::VectorXd energies;       ///< grid eigenvalues E_0 … E_M (one above the modes: the gap at the cut)
  Eigen::MatrixXd orbitals;       ///< M columns φ_a at the grid points
  double oneBodyDefect = 0;       ///< max_ij |h_ij − (E_i − E_0) δ_ij|
  double exchangeDefect = 0;      ///< max |V_ijkl − V_jilk|
  double hermiticityDefect = 0;   ///< max |V_ijkl − V_klij|
  double edgeRatio = 0;           ///< max_a |φ_a| on the box boundary / max |φ_a|
  int modes() const { return static_cast<int>(h.rows()); }
};

/// The M lowest modes of −Δ + U (U at the grid points) and h_ij, V_ijkl above. InputError unless
/// 2 ≤ M < number of grid points (see gridEigenbasis for the grid's limits).
GridModeModel gridModeModel(const Grid& grid, const std::vector<double>& potential, int modes,
                            const PairInteraction& interaction);
inline GridModeModel gridModeModel(const Grid& grid, const GridTrap& trap, int modes,
                                   const PairInteraction& interaction) {
  return gridModeModel(grid, trap.sample(grid), modes, interaction);
}

}  // namespace cbec
