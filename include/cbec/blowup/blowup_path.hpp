#pragma once
/// @file blowup_path.hpp
/// The three approaches to criticality of the 2D attractive mixture (M Theorems 1–3, MODEL.md §3,
/// INTERFACE.md `cbec blowup`), each parametrised by a distance d > 0 to the critical coupling:
///
///   theorem1: a12 > 0 fixed, z1 = z2 = 0;  a1 = a_* - c2 a12 - d,  a2 = a_* - c1 a12 - d,
///             so a_N = c1a1 + c2a2 + 2c1c2a12 = a_* - d (one species: a1 = a_* - d).
///             E ≈ d^{p0/(p0+2)} (p0+2)/p0 Λ²/a_*,  ℓ = Λ d^{-1/(p0+2)},  Λ = (p0ν/2 M_p0)^{1/(p0+2)}.
///   theorem2: a1, a2 fixed with c1(a_*-a1) = c1c2α_* = c2(a_*-a2);  a12 = α_* - d.
///             E ≈ d^{p0/(p0+2)} 2c1c2 (p0+2)/p0 Θ²/a_*,  ℓ = Θ d^{-1/(p0+2)},  Θ = (p0ν/(4c1c2) M_p0)^{1/(p0+2)}.
///   theorem3: a12 < 0 fixed, z1 ≠ z2;  a1 = a_* - d,  a2 = a_* - d^{(p2+2)/(p1+2)}.
///             E ≈ Σ_i c_i d_i^{p_i/(p_i+2)} (p_i+2)/p_i Λ_i²/a_*,  ℓ_i = Λ_i d_i^{-1/(p_i+2)},
///             Λ_i = (p_i/2 M_{p_i})^{1/(p_i+2)}  (exponent 1/(p+2): (M 2.3); (M 2.9) misprints 2/(p+2)).
///   direction: a straight line in (a1, a2, a12) into a point of the critical line of M Theorems 7–8,
///             (a1, a2, a12)* = (a_* - c2 A, a_* - c1 A, A), 0 < A < a_* min(1/c1, 1/c2), z1 = z2 = 0,
///             along a direction e = (e1, e2, e12) normalised so that c1e1 + c2e2 + 2c1c2e12 = 1:
///             (a1, a2, a12) = (a1, a2, a12)* - d e,  hence  a_N = a_* - d  exactly as on theorem1
///             (theorem1 is e = (1, 1, 0); theorem2 is the end point A = α_* with e = (0, 0, 1/(2c1c2))).
///             Required: k_i = e_i + c_j e12 ≥ 0 (i ≠ j), so that ã_i = a_i + c_j a12 = a_* - d k_i ≤ a_* and
///             the rewriting (M 4.3) holds with non-negative Gagliardo–Nirenberg parts; then
///             (a_* - a1)(a_* - a2) > c1c2 a12² (existence, M Theorem 6 (i)) at every d > 0.
///             E ≈ d^{p0/(p0+2)} (p0+2)/p0 Λ²/a_*, ℓ = Λ d^{-1/(p0+2)} (M 4.1, Theorem 7: any approach to the end
///             point; theorem 2's law is this one in d = 2c1c2(α_* - a12)).
/// Here p0 = min(p1, p2), ν = lim_{x→0} (c1V1 + c2V2)/|x|^{p0} = Σ_{i: p_i = p0} c_i, M_p = ∫|x|^p Q².
///
/// The two components of theorems 1, 2 and direction approach the same profile; (M 4.6)/(M 4.21) bound their
/// difference: (c1c2a12/2) ℓ² ‖|ũ1|² - |ũ2|²‖₂² ≤ E^GP (the other terms of (M 4.3) are ≥ 0), i.e.
///   ‖|ũ1|² - |ũ2|²‖₂ ≤ (2E^GP/(c1c2 a12))^{1/2} / ℓ  ~  d^{1/2}        (differenceBoundExponent).
///
/// @code
///   BlowupPath path(BlowupPath::Kind::Theorem1, mixture);   // validates the setting
///   Mixture m = path.mixtureAt(1e-4);                        // couplings at distance 1e-4
///   double e = path.predictedEnergy(1e-4);                   // leading term of E^GP
/// @endcode
#include <cbec/model/mixture.hpp>

#include <string>
#include <vector>

namespace cbec {

class BlowupPath {
 public:
  enum class Kind { Theorem1, Theorem2, Theorem3, Direction };
  /// "theorem1" | "theorem2" | "theorem3" | "direction"
  static Kind kindByName(const std::string& name);
  static std::string name(Kind k);

  /// The end point (by its a12 = A) and the approach direction e = (e1, e2, e12) of a Direction path.
  struct Line {
    double end_a12 = 0;
    std::vector<double> direction;   ///< (e1, e2, e12), any positive multiple (normalised by the path)
  };

  /// Checks the theorem's setting (2D, contact, power traps, signs, centres); InputError otherwise. (The joint
  /// limit at the Hartree level, joint_limit.hpp, replaces the contact pair point by point.)
  BlowupPath(Kind kind, Mixture base);
  /// A Direction path (the setting of M Theorems 7–8 with the line above); InputError naming what fails.
  BlowupPath(Mixture base, Line line);

  Kind kind() const { return kind_; }
  /// InputError unless 0 < d and the couplings at d keep the path's meaning:
  /// d < a_* (theorem 1: a_N > 0; theorem 3: a1, a2 > 0), d < α_* (theorem 2: a12 > 0).
  void requireDistance(double d) const;
  /// The mixture with the couplings of the path at distance d (requireDistance).
  Mixture mixtureAt(double d) const;
  /// Leading term of the ground-state energy at distance d.
  double predictedEnergy(double d) const;
  /// Predicted concentration scale ℓ_i of each species at distance d.
  std::vector<double> predictedScale(double d) const;
  /// Per species, the gap δ_i = a_* - a of the one-profile reduction at d: a_* - a_N (d on theorem 1 and direction,
  /// 2c1c2 d on theorem 2) or a_* - a_i (theorem 3); with scalePowers() it fixes ℓ_i = Λ_i δ_i^{-1/(p_i+2)}.
  std::vector<double> criticalGaps(double d) const;
  /// The trap power that sets each species' scale: p0 (theorems 1, 2, direction) or p_i (theorem 3).
  std::vector<double> scalePowers() const;
  /// Predicted blow-up point of each species (the trap centres).
  std::vector<std::vector<double>> blowupPoints() const;
  /// Exponent of E against d: p0/(p0+2) (theorems 1, 2), min(p1,p2)/(p1+2) (theorem 3).
  double expectedExponent() const;
  /// The constant in front of the power law (theorems 1, 2; theorem 3 when p1 = p2).
  double limitConstant() const;
  /// Power p_i of each species' trap.
  const std::vector<double>& powers() const { return power_; }
  /// p0 = min p_i.
  double p0() const { return p0_; }
  /// The fixed setting (couplings of the path are applied by mixtureAt).
  const Mixture& base() const { return base_; }
  /// Whether both components approach one profile (theorems 1, 2, direction: (M 4.6), (M 4.21)).
  bool commonProfile() const { return kind_ != Kind::Theorem3 && base_.speciesCount() == 2; }
  /// Whether the two components are identical at every d (equal traps and ã1 = ã2 along the path), so that
  /// ‖|ũ1|² - |ũ2|²‖ vanishes exactly; false for one species and for theorem 3.
  bool symmetric() const;
  /// The normalised direction (e1, e2, e12) with c1e1 + c2e2 + 2c1c2e12 = 1 (Direction paths; theorem1 (1,1,0)).
  const std::vector<double>& direction() const { return dir_; }
  /// Exponent of the (M 4.6)/(M 4.21) bound on ‖|ũ1|² - |ũ2|²‖₂ in d: 1/2 (commonProfile paths).
  double differenceBoundExponent() const { return 0.5; }

 private:
  Kind kind_;
  Mixture base_;
  void checkPowerTraps(const std::string& where);
  double aStar_, p0_ = 2, nu_ = 1, alphaStar_ = 0;
  double endA12_ = 0;
  std::vector<double> dir_;      // Direction: (e1, e2, e12) normalised
  std::vector<double> lambda_;   // Λ (theorem 1), Θ (theorem 2) or Λ_i (theorem 3), per species
  std::vector<double> power_;
};

}  // namespace cbec
