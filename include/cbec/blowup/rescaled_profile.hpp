#pragma once
/// @file rescaled_profile.hpp
/// Comparison of a concentrating ground state with the blow-up profile (M Theorems 1–3):
///
///   ũ(x) = ℓ^{-1} u(ℓ^{-1} x + z)  →  Q_0 = Q/√a_*   in H¹(R²).
///
/// In 2D the change of variables gives, with q_ℓ(y) = ℓ Q_0(ℓ(y - z)),
///   ‖ũ - Q_0‖_{L²}² = ‖u - q_ℓ‖_{L²}²,     ‖∇(ũ - Q_0)‖_{L²}² = ℓ^{-2} ‖∇(u - q_ℓ)‖_{L²}²,
/// so both errors are computed on u's own grid, the gradient spectrally.
/// The measured scale is ℓ_measured = ‖∇u‖₂ (since ‖∇Q_0‖₂ = 1), and the peak is located by a
/// quadratic fit through the largest grid value and its neighbours.
#include <cbec/discretisation/fourier.hpp>

#include <vector>

namespace cbec {

struct ProfileComparison {
  double error_L2 = 0;        ///< ‖ũ - Q_0‖_{L²}
  double error_H1 = 0;        ///< ‖ũ - Q_0‖_{H¹}
  double ell_measured = 0;    ///< ‖∇u‖₂
  std::vector<double> peak;   ///< position of max u
};

/// `u` is a normalised field on fourier.grid() (2D); ℓ and z are the predicted scale and centre.
ProfileComparison compareWithBlowupProfile(FourierTransform& fourier, const Field& u, double ell,
                                           const std::vector<double>& z);

/// The rescaled radial cut ũ(x, 0) = ℓ^{-1} u(z + (x/ℓ, 0)) at the given rescaled abscissae,
/// by trigonometric interpolation of u along the x-axis through z (exact for band-limited u): the real
/// Fourier series through the samples, evaluated exactly at y = z_2 (one weight vector for all rows) and
/// then along x: O(n²) work (was an O(n³) DFT per row).
std::vector<double> rescaledCut(FourierTransform& fourier, const Field& u, double ell,
                                const std::vector<double>& z, const std::vector<double>& x);

}  // namespace cbec
