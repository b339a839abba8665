#pragma once
/// @file pair_interaction.hpp
/// The pair interaction V(x − y) between two particles, stated once, with ONE sign convention:
///
///   V > 0 is repulsive, V < 0 attractive;   V(x) = g · u(x)   with a coupling g and a profile u.
///
/// Profiles (Kind), each with its length scale ℓ = length():
///
///   Contact:   V = g δ(x)                                   ℓ = 0         (GP limit, M 1.9)
///   Scaled:    V = g w_N(x),  w_N(x) = N^{dβ} w(N^β x),     ℓ = N^{-β}    (M 1.3–1.4; ∫w = 1, so ∫V = g;
///              w a normalised PairProfile, e.g. the Gaussian π^{-d/2} e^{-|x|²}; MODEL writes N^{2β} for d = 2:
///              the factor N^{dβ} keeps ∫w_N = 1 in every dimension d)
///   Gaussian:  V = g e^{−|x|²/(2ℓ²)}                        ℓ = width     (F 3.5, 3.12: g is the peak value)
///   Coulomb:   V = sgn(g) min(|g|/|x|, M)                   ℓ = r_c = |g|/M (F 5.16: the Coulomb g/|x|
///              regularised as sgn(V)·min(|V|, N³), cutoff M = N³)
///
/// The mixture's interactions of MODEL §1–2, W_s = −a_s w_N and W_st = −a_st w_N (a > 0 attractive), are
/// Scaled (or Contact) interactions with coupling g = −a: Mixture holds the shape w_N as the unit-coupling
/// interaction (g = 1) and gives W_st by Mixture::interaction (mixture.hpp).
///
/// Fourier transform V̂(k) = ∫V(x) e^{−ik·x} dx (dimension d), applied by FFT analytically (never a sampled
/// kernel):  contact g;  scaled g ŵ(k ℓ) = g ŵ(k/N^β);  Gaussian g (2πℓ²)^{d/2} e^{−|k|²ℓ²/2};
/// Coulomb (d = 3) 4π g sin(k r_c)/(k³ r_c) (+∞ at k = 0).
///
/// Radial solvers (d = 3) need the primitive F(s) = ∫_0^s f(σ) σ dσ of the radial function f(|x|) = V(x):
/// the angular average of f(|x − y|) over the sphere |y| = r' at |x| = r is
///
///   K(r, r') = (F(r + r') − F(|r − r'|)) / (2 r r'),
///
/// so for radial ρ,  (V∗ρ)(r) = ∫_0^∞ 4π r'² ρ(r') K(r, r') dr'   (a one-dimensional formula).
/// Gaussian: F(s) = g ℓ² (1 − e^{−s²/(2ℓ²)}); regularised Coulomb: F(s) = sgn(g) M s²/2 below r_c and
/// sgn(g) M r_c²/2 + g (s − r_c) above. A Scaled interaction with the Gaussian profile is, in d = 3, the
/// Gaussian of peak g π^{−3/2} ℓ^{−3} and width ℓ/√2, and uses those formulas; contact and other profiles
/// have no primitive (InputError).
#include <memory>
#include <string>

namespace cbec {

/// A normalised profile w (∫w = 1) given by its Fourier transform as a function of |k|².
class PairProfile {
 public:
  virtual ~PairProfile() = default;
  virtual std::string name() const = 0;
  /// ŵ(k) for |k|² = k2, in dimension d (ŵ(0) = 1).
  virtual double fourier(double k2, int d) const = 0;
  /// w(x) at |x|² = r2 (for output and tests).
  virtual double value(double r2, int d) const = 0;
  /// Built-in profile by name ("gaussian"); InputError naming `key` otherwise.
  static std::shared_ptr<const PairProfile> byName(const std::string& name, const std::string& key);
};

/// The Gaussian w(x) = π^{-d/2} e^{-|x|²}, ŵ(k) = e^{-|k|²/4}, ∫ x_1² w = 1/2.
class GaussianProfile final : public PairProfile {
 public:
  std::string name() const override { return "gaussian"; }
  double fourier(double k2, int) const override;
  double value(double r2, int d) const override;
};

/// V = g·u (see the file comment): contact, scaled normalised profile w_N, Gaussian of a width, regularised
/// Coulomb. A value type; V > 0 repulsive.
class PairInteraction {
 public:
  enum class Kind { Contact, Scaled, Gaussian, Coulomb };

  /// V = g δ.
  static PairInteraction contact(double g = 1.0);
  /// V = g N^{dβ} w(N^β x) (N ≥ 1, β ≥ 0; InputError otherwise). g = 1 is the shape w_N of MODEL §1.
  static PairInteraction scaled(std::shared_ptr<const PairProfile> profile, double N, double beta, double g = 1.0);
  /// The Hartree shape w_N (= scaled(profile, N, beta) with g = 1).
  static PairInteraction hartree(std::shared_ptr<const PairProfile> profile, double N, double beta) {
    return scaled(std::move(profile), N, beta, 1.0);
  }
  /// V = g e^{−|x|²/(2 width²)} (g finite, width > 0).
  static PairInteraction gaussian(double g, double width);
  /// V = sgn(g) min(|g|/|x|, cutoff) (g finite, cutoff > 0; N³ in F 5.16).
  static PairInteraction coulomb(double g, double cutoff);

  Kind kind() const { return kind_; }
  bool isContact() const { return kind_ == Kind::Contact; }
  /// The coupling g (V > 0 repulsive).
  double coupling() const { return g_; }
  /// The same profile with coupling g (e.g. W_st = −a_st w_N is pair().withCoupling(−a_st)).
  PairInteraction withCoupling(double g) const;
  bool isZero() const { return g_ == 0; }
  /// ℓ: 0 (contact), N^{-β} (scaled), the width (Gaussian), r_c = |g|/M (Coulomb).
  double length() const;
  /// The range N^{-β} of w_N (0 for contact) — length() of a Scaled or Contact interaction.
  double range() const { return length(); }
  double width() const { return kind_ == Kind::Gaussian ? w_ : 0.0; }    ///< Gaussian width (0 otherwise)
  double cutoff() const { return kind_ == Kind::Coulomb ? M_ : 0.0; }    ///< Coulomb cutoff M (0 otherwise)
  const PairProfile* profile() const { return profile_.get(); }          ///< the profile w (Scaled only)
  double N() const { return N_; }        ///< N of w_N (Scaled; 0 otherwise)
  double beta() const { return beta_; }  ///< β of w_N (Scaled; 0 otherwise)

  /// V̂ at |k|² = k2 in dimension d (above; Coulomb only for d = 3).
  double fourier(double k2, int d = 3) const;
  /// V at |x| = s in dimension d (InputError for contact).
  double value(double s, int d = 3) const;
  /// F(s) = ∫_0^s f(σ) σ dσ (d = 3; Gaussian, Coulomb and the Scaled Gaussian profile).
  double primitive(double s) const;
  /// K(r, r') above (r, r' > 0; the limit f(r') at r → 0 is used below 1e-8·max(r', 1)).
  double sphericalAverage(double r, double rp) const;
  std::string describe() const;

 private:
  /// The d = 3 Gaussian equal to a Scaled Gaussian-profile interaction (InputError for other kinds).
  PairInteraction radialForm() const;

  Kind kind_ = Kind::Contact;
  double g_ = 1.0;
  double w_ = 0, M_ = 0;                       // Gaussian width; Coulomb cutoff
  std::shared_ptr<const PairProfile> profile_;  // Scaled
  double N_ = 0, beta_ = 0;                    // Scaled
};

}  // namespace cbec
