#pragma once
/// @file joint_limit.hpp
/// The joint limit of M Theorems 1–3 at the mean-field (Hartree) level (INTERFACE.md `cbec blowup`, issue 20
/// item 3): N → ∞ with the distance to criticality tied to N and the pair potential shrinking with N,
///
///   d = N^{-γ},    W = -a w_N,   w_N(x) = N^{2β} w(N^β x)   (M 1.3–1.4, 2D),
///
/// and E_N^H the Hartree ground-state energy (M 1.7) at the couplings of the path at d (blowup_path.hpp).
/// The theorems prove E_N^Q = E^GP(1 + o(1)) (hence also E_N^H, which lies between, M 2.12–2.13) inside the
/// window (M Theorems 1–3; Lemma 9, whose error terms are N^{-β}ℓ³ and N^{2β-1})
///
///   0 < γ < γ_window = min{ (p0+2)β/(p0+3), (p0+2)(1-2β)/p0 }                         (theorems 1, 2, direction)
///   γ1 = γ, γ2 = γ(p2+2)/(p1+2), each γ_i below its own window with p_i               (theorem 3).
///
/// At the Hartree level only the first constraint has a counterpart, and the sharp one is weaker. For a smooth even
/// w with m₂ = ∫x₁²w (1/2 for the Gaussian), ŵ(k) = 1 - m₂|k|²/2 + O(k⁴), so at fixed ρ
///
///   E^H(u) - E^GP(u) = (m₂/(2N^{2β})) [Σ_s (c_s ã_s/2)‖∇ρ_s‖² + c1c2a12 ⟨∇ρ1, ∇ρ2⟩] + O(N^{-4β}ℓ⁶)
///                    ≈ (a_* m₂/4) N^{-2β} ‖∇ρ‖²  at ρ_s = ℓ²Q_0²(ℓ·) (the weights sum to a_N/2 ≈ a_*/2),
///
/// and ‖∇ρ‖² = ℓ⁴‖∇Q_0²‖², while E^GP ~ ℓ^{-p0}. The relative gap (E^H - E^GP)/E^GP ~ N^{-2β}ℓ^{p0+4} ~
/// N^{γ(p0+4)/(p0+2) - 2β} therefore vanishes iff
///
///   γ < γ_H = 2β(p0+2)/(p0+4)            (theorem 3: min over species, γ_i(p_i+4)/(p_i+2) < 2β),
///
/// above which the range N^{-β} (in rescaled units r = ℓN^{-β} → ∞ as a power of N) arrests the collapse
/// instead of the trap and E^H/E^GP grows like a power of N. γ_H > γ_window's first entry: the theorems' window
/// is sufficient, not necessary, at the Hartree level (docs/blowup.md, the (β, γ) table).
///
/// The grid of a Hartree point must follow the Hartree minimiser, whose scale λ is ℓ only while ℓR ≪ 1 and
/// ℓ⁴N^{-2β} ≪ ℓ^{-p}; it is estimated variationally (HartreeScale) with the trial states λQ_0(λ·):
///
///   e(λ) = λ²[1 - (a/2) F(λR)] + (2δ/(p a_*)) ℓ^{p+2} λ^{-p},   F(s) = ∫ρ_0 (w_s*ρ_0),  ρ_0 = Q_0²,  w_s = s^{-2}w(·/s),
///
/// where a = a_* - δ is the coupling of the one-profile reduction (a_N on theorems 1, 2, direction; a_i on theorem 3),
/// and the trap coefficient is written through the GP scale ℓ (at R = 0, F = ‖Q_0‖₄⁴ = 2/a_* and the minimiser is
/// ℓ). F is computed from the Hankel transform ρ̂_0(k) = 2π∫Q_0(r)²J_0(kr)r dr: F(s) = (1/2π)∫ρ̂_0(k)² ŵ(s²k²) k dk.
///
/// @code
///   JointLimit j{PairProfile::byName("gaussian", "model.profile"), 0.25, 0.1, {1e2, 1e3, 1e4}};
///   Mixture m = j.mixtureAt(path, 1e3);   // couplings at d = 1e3^{-0.1}, w_N with N = 1e3
/// @endcode
#include <cbec/blowup/blowup_path.hpp>
#include <cbec/model/pair_interaction.hpp>

#include <memory>
#include <vector>

namespace cbec {

struct JointLimit {
  std::shared_ptr<const PairProfile> profile;
  double beta = 0;                 ///< range N^{-β}
  double gamma = 0;                ///< d = N^{-γ}
  std::vector<double> N;           ///< particle numbers of the scan (> 1)

  double distance(double n) const;          ///< N^{-γ}
  double range(double n) const;             ///< N^{-β}
  /// The Hartree mixture at N: the path's couplings at d = N^{-γ} with the pair w_N (pair scaling "N-1").
  Mixture mixtureAt(const BlowupPath& path, double n) const;
};

/// InputError unless β > 0, γ > 0 (finite), the profile is set, every N > 1 is finite and distinct, and every
/// d = N^{-γ} is valid for the path (BlowupPath::requireDistance); `where(i)` is not used for the message's key
/// (callers that know the key path catch and rename).
void requireJointLimit(const BlowupPath& path, const JointLimit& joint);

/// Supremum of γ allowed by the theorems' window (above); ≤ 0 when the window is empty (β ≥ 1/2).
double theoremWindow(const BlowupPath& path, double beta);
/// γ_H, the γ above which E^H/E^GP no longer tends to 1 (second-order expansion above).
double hartreeCrossover(const BlowupPath& path, double beta);
/// The variational scale of the Hartree minimiser (above).
class HartreeScale {
 public:
  explicit HartreeScale(std::shared_ptr<const PairProfile> profile);
  /// F(s) = ∫ρ_0 (w_s*ρ_0) (F(0) = 2/a_*).
  double overlap(double s) const;
  /// argmin_λ e(λ) for the gap δ = a_* - a, GP scale ℓ, trap power p, range R (R = 0: ℓ).
  double estimate(double delta, double ell, double p, double range) const;

 private:
  std::shared_ptr<const PairProfile> profile_;
  double norm_;
};

/// F(s) from the Hankel table, unnormalised (F(0) = 2/a_* to the quadrature's ~2e-5).
double rawOverlap(const PairProfile& profile, double s);

/// m₂ = ∫x₁² w of the profile, from ŵ(k) = 1 - m₂|k|²/2 + …: m₂ = -2 dŵ/d|k|² at 0 (central difference).
double secondMoment(const PairProfile& profile);

}  // namespace cbec
