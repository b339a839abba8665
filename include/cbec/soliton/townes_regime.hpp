#pragma once
/// @file townes_regime.hpp
/// The regime of a Mixture (M Theorem 6, model/regime.hpp) with the critical mass of the 2D
/// Gagliardo–Nirenberg inequality ∫|u|⁴ ≤ (2/a_*)‖∇u‖²‖u‖² taken from the Townes profile,
///
///   a_* = ‖Q‖₂² = 2π ∫_0^∞ Q(r)² r dr ≈ 11.70089652,   −ΔQ + Q − Q³ = 0   (soliton/townes_profile.hpp).
///
/// Only 2D contact interactions depend on a_*; the other cases are classifyRegime(m, 0).
#include <cbec/model/regime.hpp>

namespace cbec {

/// a_* (2D contact) from TownesProfile::criticalMass(fastOptions()), which agrees with
/// TownesProfile::standard().aStar() to ~1e-15 relative; when the couplings lie within kAStarBand·a_* of a
/// threshold (the regimes at a_*(1 ∓ kAStarBand) differ), from standard().aStar() itself.
RegimeReport classifyRegime(const Mixture& m);
/// Relative error bar of the fast a_*: 1000× the largest difference to the full profile's a_* allowed
/// by the tests (1e-14), ~1e4× the measured one.
inline constexpr double kAStarBand = 1e-11;

}  // namespace cbec
