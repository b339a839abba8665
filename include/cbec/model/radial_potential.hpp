#pragma once
/// @file radial_potential.hpp
/// A radial pair potential V(x) = f(|x|) on R³ for the Hartree flows of F §3–5 (F 3.5, 3.12, 5.16):
///
///   gaussian:  f(s) = strength · exp(−s²/(2 width²))
///   coulomb:   f(s) = sgn(a) · min(|a|/s, cutoff)        (regularised as sgn(V)·min(|V|, N³), F 5.16;
///                                                        cutoff = N³, a = strength)
///
/// Everything the radial solvers need comes from the primitive F(s) = ∫_0^s f(σ) σ dσ: the angular
/// average of f(|x − y|) over the sphere |y| = r' at |x| = r is
///
///   K(r, r') = (F(r + r') − F(|r − r'|)) / (2 r r'),
///
/// so for radial ρ,  (V∗ρ)(r) = ∫_0^∞ 4π r'² ρ(r') K(r, r') dr'   (a one-dimensional formula).
/// For the Gaussian F(s) = strength · width² (1 − e^{−s²/(2 width²)}); for the regularised Coulomb
/// F(s) = sgn(a)·cutoff·s²/2 below r_c = |a|/cutoff and sgn(a)·cutoff·r_c²/2 + a(s − r_c) above.
/// The Fourier transform V̂(k) = ∫ V e^{−ik·x} dx is (2π width²)^{3/2} strength e^{−k² width²/2}
/// for the Gaussian and 4π a sin(k r_c)/(k³ r_c) for the regularised Coulomb (infinite at k = 0).
#include <string>

namespace cbec {

class RadialPotential {
 public:
  enum class Kind { Gaussian, Coulomb };
  static RadialPotential gaussian(double strength, double width);
  /// strength a (sign = sgn V), cutoff > 0 (N³ in F 5.16).
  static RadialPotential coulomb(double strength, double cutoff);

  Kind kind() const { return kind_; }
  double strength() const { return a_; }
  double width() const { return w_; }     ///< Gaussian width (0 for Coulomb)
  double cutoff() const { return M_; }    ///< Coulomb cutoff (0 for the Gaussian)
  /// f(s), s ≥ 0.
  double value(double s) const;
  /// F(s) = ∫_0^s f(σ) σ dσ.
  double primitive(double s) const;
  /// K(r, r') above (r, r' > 0; the limit f(r') at r → 0 is used below 1e-8·max(r', 1)).
  double sphericalAverage(double r, double rp) const;
  /// V̂ at |k|² = k2 in dimension d (the Gaussian strength·(2π width²)^{d/2} e^{−k² width²/2} read as a
  /// potential on R^d; Coulomb only for d = 3, +∞ at k = 0).
  double fourier(double k2, int d = 3) const;
  bool isZero() const { return a_ == 0; }
  std::string describe() const;

 private:
  Kind kind_ = Kind::Gaussian;
  double a_ = 0, w_ = 1, M_ = 0;
};

}  // namespace cbec
