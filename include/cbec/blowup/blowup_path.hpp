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
/// Here p0 = min(p1, p2), ν = lim_{x→0} (c1V1 + c2V2)/|x|^{p0} = Σ_{i: p_i = p0} c_i, M_p = ∫|x|^p Q².
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
  enum class Kind { Theorem1, Theorem2, Theorem3 };
  static Kind kindByName(const std::string& name);   ///< "theorem1" | "theorem2" | "theorem3"
  static std::string name(Kind k);

  /// Checks the theorem's setting (2D, contact, power traps, signs, centres); InputError otherwise.
  BlowupPath(Kind kind, Mixture base);

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
  /// Predicted blow-up point of each species (the trap centres).
  std::vector<std::vector<double>> blowupPoints() const;
  /// Exponent of E against d: p0/(p0+2) (theorems 1, 2), min(p1,p2)/(p1+2) (theorem 3).
  double expectedExponent() const;
  /// The constant in front of the power law (theorems 1, 2; theorem 3 when p1 = p2).
  double limitConstant() const;

 private:
  Kind kind_;
  Mixture base_;
  double aStar_, p0_ = 2, nu_ = 1, alphaStar_ = 0;
  std::vector<double> lambda_;   // Λ (theorem 1), Θ (theorem 2) or Λ_i (theorem 3), per species
  std::vector<double> power_;
};

}  // namespace cbec
