#pragma once
/// @file coulomb_cutoff_shift.hpp
/// The regularisation of a Coulomb interaction by the cutoff of (F 5.16), Ṽ = sgn(V) min(|V|, c) (c = N³ in
/// the paper), in the toy model's s-wave modes (toyModelModes): the exact change of the matrix elements
///
///   ΔV_ijkl(c) = V_ijkl − Ṽ_ijkl = ∬ r² r'² R_i R_k(r) R_j R_l(r') ΔK(r, r') dr dr',
///
/// with V = a/|x| and r_c = |a|/c. The spherical averages (pair_interaction.hpp) are K = (F(r + r') −
/// F(|r − r'|))/(2 r r') with F(x) = a x for V and F̃(x) = a x²/(2r_c) + a r_c/2 below r_c (F̃ = F above), so
/// with D(x) = F − F̃ = a (r_c − x)²/(2 r_c) for x < r_c (0 above)
///
///   ΔK(r, r') = (D(|r − r'|) − D(r + r')) / (2 r r'),
///
/// nonzero only in the strip |r − r'| < r_c, and ΔV_ijkl = (a / 4r_c) ∫ dr r R_i R_k(r) ∫ ds (r + s) R_j R_l(r + s)
/// [(r_c − |s|)² − (r_c − 2r − s)²₊] over |s| < r_c, r + s ≥ 0 (r' = r + s). Quadrature: Gauss–Legendre in r
/// split at r_c (40 + 160 points on [0, r_c] ∪ [r_c, √(4M+3) + 9]), 12 points on each smooth piece in s
/// (no resolution problem however small r_c is; tested against the toy model's own matrix elements for wide
/// strips and against an independent 3000² midpoint rule). To leading order
/// in r_c, ΔV_ijkl = (2π a r_c² / 3) ∫ φ_i φ_j φ_k φ_l d³x (ΔV_0000 = (2π a r_c²/3)(2π)^{-3/2}): it vanishes
/// like c^{-2} = N^{-6} for the paper's cutoff, far below the N^{-1} of (F 5.21–5.22).
///
/// Used by `cbec rates` (rates.regularisation): the unregularised model is the configured one plus
/// ΔV(configured cutoff), the N³-regularised one that minus ΔV(N³).
#include <vector>

namespace cbec {

/// ΔV_ijkl(c) (index ((i M + j) M + k) M + l) for V = a/|x| over the first M s-wave oscillator modes.
/// InputError unless 1 ≤ M ≤ 12, a finite and c > 0 finite.
std::vector<double> coulombCutoffShift(int M, double a, double cutoff);

}  // namespace cbec
