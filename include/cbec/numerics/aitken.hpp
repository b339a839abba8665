#pragma once
/// @file aitken.hpp
/// Aitken's Δ² extrapolation of a geometrically convergent sequence E_k → E_∞ from three terms:
///
///   d_1 = E_1 − E_0,   d_2 = E_2 − E_1,   E_∞ ≈ E_2 − d_2² / (d_2 − d_1),
///
/// exact when E_k = E_∞ + c q^k. Applied only when the differences shrink monotonically with one sign
/// (0 < d_2/d_1 < 1); otherwise the last term E_2 is returned unchanged.

namespace cbec {

double aitkenLimit(double E0, double E1, double E2);

}  // namespace cbec
