#pragma once
/// @file rescaled_profile.hpp
/// Comparison of a concentrating ground state with the blow-up profile (M Theorems 1–3):
///
///   ũ(x) = ℓ^{-1} u(ℓ^{-1} x + z)  →  Q_0 = Q/√a_*   in H¹(R²).
///
/// In 2D the change of variables gives, with q_ℓ(y) = ℓ Q_0(ℓ(y - z)),
///   ‖ũ - Q_0‖_{L²}² = ‖u - q_ℓ‖_{L²}²,     ‖∇(ũ - Q_0)‖_{L²}² = ℓ^{-2} ‖∇(u - q_ℓ)‖_{L²}²,
/// so both errors are computed on u's own grid, the gradient spectrally. The same holds for the rescaled density
/// ρ̃ = |ũ|² = ℓ^{-2}ρ(ℓ^{-1}x + z):  ‖ρ̃ - Q_0²‖_{L¹} = ‖ρ - ℓ²Q_0²(ℓ(· - z))‖_{L¹}  (the trace norm of the
/// difference of the two one-body density matrices' diagonals; ≤ 2‖ũ - Q_0‖_{L²}), and, for two components at one
/// scale ℓ (M 4.6), ‖ρ̃1 - ρ̃2‖_{L²} = ℓ^{-1}‖ρ1 - ρ2‖_{L²}.
/// The measured scale is ℓ_measured = ‖∇u‖₂ (since ‖∇Q_0‖₂ = 1), and the peak is located by a
/// quadratic fit through the largest grid value and its neighbours.
#include <cbec/discretisation/fourier.hpp>

#include <vector>

namespace cbec {

struct ProfileComparison {
  double error_L2 = 0;        ///< ‖ũ - Q_0‖_{L²}
  double error_H1 = 0;        ///< ‖ũ - Q_0‖_{H¹}
  double density_error_L1 = 0;  ///< ‖|ũ|² - Q_0²‖_{L¹}
  double ell_measured = 0;    ///< ‖∇u‖₂
  std::vector<double> peak;   ///< position of max u
};

/// `u` is a normalised field on fourier.grid() (2D); ℓ and z are the predicted scale and centre.
ProfileComparison compareWithBlowupProfile(FourierTransform& fourier, const Field& u, double ell,
                                           const std::vector<double>& z);

/// ‖|ũ1|² - |ũ2|²‖_{L²} = ℓ^{-1}‖u1² - u2²‖_{L²} for two fields on one grid at one scale ℓ (M 4.6, 4.21).
double rescaledDensityDifference(const Grid& grid, const Field& u1, const Field& u2, double ell);

/// The rescaled radial cut ũ(x, 0) = ℓ^{-1} u(z + (x/ℓ, 0)) at the given rescaled abscissae,
/// by trigonometric interpolation of u along the x-axis through z (exact for band-limited u): the real
/// Fourier series through the samples, evaluated exactly at y = z_2 (one weight vector for all rows) and
/// then along x: O(n²) work (was an O(n³) DFT per row).
std::vector<double> rescaledCut(FourierTransform& fourier, const Field& u, double ell,
                                const std::vector<double>& z, const std::vector<double>& x);

}  // namespace cbec
