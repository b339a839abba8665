#pragma once
/// @file unit_phase.hpp
/// The pointwise phase rotation of the potential flow, v_i ← e^{iφ_i} v_i, with a sincos that the compiler
/// vectorises (the libm call per point was a quarter of a mean-field step):
///
///   φ = kπ/2 + r,  k = round(2φ/π),  r = φ − k·(π/2) in three parts (Cody–Waite, exact for |φ| < 2^20·π/2)
///   sin r = r Σ_{j=0}^{7} (−1)^j r^{2j}/(2j+1)!,  cos r = Σ_{j=0}^{8} (−1)^j r^{2j}/(2j)!   (|r| ≤ π/4:
///   truncation below 5e-17), then (cos φ, sin φ) from (cos r, sin r) by the quadrant k mod 4.
///
/// Agreement with std::cos / std::sin: a few units in the last place (tests/dynamics/test_unit_phase.cpp).
/// |φ| ≥ 2^20 falls back to std::cos / std::sin for that block.
#include <complex>
#include <cstddef>

namespace cbec {

/// v_i ← e^{iφ_i} v_i for i < n.
void rotateByPhases(std::complex<double>* v, const double* phase, std::size_t n);

}  // namespace cbec
