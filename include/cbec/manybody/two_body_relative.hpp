#pragma once
/// @file two_body_relative.hpp
/// The exact ground energy of two bosons in a 2D isotropic harmonic trap (ω = 1, h = −Δ + |x|², MODEL §1)
/// with the Gaussian pair potential −λa w_N, w_N(x) = (g²/π) e^{−g²|x|²} (g = N^β), from the relative
/// coordinate, independently of the many-body codes (Fock space, QMC):
///
///   x₁, x₂ ↦ R = (x₁ + x₂)/2, r = x₁ − x₂:   E = 2 (centre of mass) + lowest eigenvalue of −2Δ_r + ½|r|² − λa (g²/π) e^{−g²r²}
///
/// in the m = 0 radial oscillator (Laguerre) functions of length b = √2 with radial quanta ≤ nmax; the
/// Gaussian's matrix elements by Gauss–Laguerre quadrature (Golub–Welsch; exact for these polynomials),
/// dense diagonalisation. Converged to 1e-12 by nmax = 40 for λa ≤ 5, g = 1.
namespace cbec {

double twoBodyGroundEnergy(double lambdaA, double g, int nmax);

}  // namespace cbec
