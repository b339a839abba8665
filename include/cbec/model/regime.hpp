#pragma once
/// @file regime.hpp
/// Does the functional E of a Mixture have a minimiser? (M Theorem 6, §2.2; MODEL.md §3)
///
/// Contact interactions, attractive-part matrix with effective strengths ã_s (see mixture.hpp):
///  * d = 1: the quartic term is subcritical (Gagliardo–Nirenberg ∫|u|⁴ ≤ C‖u'‖‖u‖³) → "exists".
///  * d = 2: with GN ∫|u|⁴ ≤ (2/a_*)‖∇u‖²‖u‖² and ∫ρ_sρ_t ≤ y_s y_t (y_s = ‖ρ_s‖₂), the kinetic terms
///    dominate the attractive ones, E ≥ (1/2) y·B y + Σ_s c_s∫V_sρ_s, so E is bounded below and coercive
///    when the S×S matrix
///        B_st = δ_st c_s (a_* - ã_s⁺) - (1-δ_st) c_s c_t a_st⁺
///    is positive definite. For S = 2 this is exactly 0 ≤ a_i < a_*, a12 < sqrt((a_*-a1)(a_*-a2)/(c1c2))
///    (Theorem 6), and with a12 ≤ 0 it is a_i < a_* (§2.2) → "exists".
///    Unbounded: the trial state in which the species of a subset T all take the same profile
///    ℓQ_0(ℓx), ℓ → ∞, has energy ℓ²[Σ_T c_s - (Σ_T c_s ã_s + Σ_{s≠t∈T} c_s c_t a_st)/a_*] + O(1),
///    so E = -∞ when Σ_T c_s ã_s + Σ_{s≠t∈T} c_sc_t a_st > a_* Σ_T c_s. T = {s}: ã_s > a_*; T = all (S = 2):
///    a12 > (a_* - c1a1 - c2a2)/(2c1c2) (Theorem 6). Otherwise → "undetermined" (this includes
///    ã_s = a_* exactly: E is bounded but, by Guo–Seiringer, the infimum is not attained).
///  * d = 3: the quartic term is supercritical (scaling ℓ³ against ℓ²): "exists" iff the interaction
///    is pointwise non-attractive, i.e. the matrix M_st = c_s ã_s δ_st + c_s c_t a_st (s≠t) is copositive-
///    negative (y·My ≤ 0 for y ≥ 0); unbounded when some y ≥ 0 has y·My > 0. Decided exactly for S ≤ 2;
///    for S > 2 mixed signs are "undetermined" unless a subset trial already shows unboundedness.
///  * d = 2 under the total-mass constraint Σ_s‖v_s‖² = 1 (Mixture::totalMass(), docs/total-mass.md): with
///    A_ss = ã_s, A_st = a_st and q(A) = max over the simplex {c ≥ 0, Σc_s = 1} of c·Ac,
///    GN + Cauchy–Schwarz give E ≥ (1 − q(A⁺)/a_*)Σ‖∇v_s‖² → "exists" when q(A⁺) < a_*; the common profile
///    √c_s ℓQ(ℓx)/‖Q‖ gives E = ℓ²(1 − c·Ac/a_*) + O(1) → "unbounded" when q(A) > a_*; else "undetermined".
///    Two species, a_s ≥ 0: exists iff a1, a2 < a_* and a12 < a_* + √((a_* − a1)(a_* − a2)).
///    (In d = 3 the fixed-fraction test does not depend on c; d = 1 and Hartree: as below.)
/// Hartree with a bounded profile at finite N: |∫ρ(w_N*ρ)| ≤ ‖w_N‖_∞, E ≥ -C, and the confining traps
/// give compactness → "exists" in every dimension.
#include <cbec/model/mixture.hpp>

#include <string>

namespace cbec {

enum class Regime { Exists, Unbounded, Undetermined };

struct RegimeReport {
  Regime regime;
  std::string reason;   ///< one line, names the condition that decided it
  /// "exists", "unbounded" or "undetermined" (the INTERFACE.md strings).
  std::string name() const;
};

/// The regime for the critical mass a_* of the 2D Gagliardo–Nirenberg inequality (used for 2D contact
/// interactions only). a_* = ‖Q‖₂² is the Townes soliton's mass: classifyRegime(m) with a_* computed from
/// the profile is soliton/townes_regime.hpp.
RegimeReport classifyRegime(const Mixture& m, double aStar);

}  // namespace cbec
