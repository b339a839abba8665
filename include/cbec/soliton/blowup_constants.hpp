#pragma once
/// @file blowup_constants.hpp
/// The constants of the blow-up laws of 2D attractive mixtures (MODEL.md §3), for a trap that
/// behaves like ν|x|^p near the blow-up point (p = p0, ν = lim (c1V1 + c2V2)/|x|^{p0}):
///
///   Λ = (p ν/2 · M_p)^{1/(p+2)},             M_p = ∫|x|^p Q²           (Theorem 1; Theorem 3 with ν = 1)
///   E ≈ d^{p/(p+2)} · (p+2)/p · Λ²/a_*       ("limit_single", d = a_* - a_N)
///   Θ = (p ν/(4 c1 c2) · M_p)^{1/(p+2)}                                    (Theorem 2)
///   E ≈ d^{p/(p+2)} · 2 c1 c2 (p+2)/p · Θ²/a_*                            (d = α_* - a12)
///
/// Λ is the minimiser over λ > 0 of  λ² + ν M_p / λ^p  (the energy of ℓQ_0(ℓx) with ℓ = λ d^{-1/(p+2)},
/// times a_*/d^{p/(p+2)}), and the limit constant is that minimum divided by a_*. The exponent of Λ
/// is 1/(p+2) as in (M 2.3) and the proof of Theorem 8; (M 2.9) misprints it as 2/(p+2).
///
/// @code
///   auto k = cbec::blowupConstants(cbec::TownesProfile::standard(), 2.0, 1.0, {{0.5, 0.5}});
///   // k.Lambda, k.limit_single, *k.Theta, *k.limit_theorem2
/// @endcode
#include <cbec/soliton/townes_profile.hpp>

#include <optional>
#include <utility>

namespace cbec {

struct BlowupConstants {
  double p = 2, nu = 1;
  double moment = 0;           ///< M_p
  double Lambda = 0;           ///< Λ
  double limit_single = 0;     ///< (p+2)/p Λ²/a_*
  std::optional<double> Theta;           ///< Θ (fractions given)
  std::optional<double> limit_theorem2;  ///< 2 c1 c2 (p+2)/p Θ²/a_*
};

/// Fractions (c1, c2) with c1 + c2 = 1, both in (0, 1), enable the Theorem 2 constants.
BlowupConstants blowupConstants(const TownesProfile& Q, double p, double nu,
                                std::optional<std::pair<double, double>> fractions = std::nullopt);

}  // namespace cbec
