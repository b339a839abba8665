#pragma once
/// @file oscillator_modes.hpp
/// The one-body mode basis of a species in a harmonic trap V(x) = Σ_d ω_d² (x_d - z_d)² (MODEL §1, M 1.1):
/// eigenfunctions of h = -Δ + V (no ½) are products of Hermite functions
///
///   ψ_n(t) = (ω/π)^{1/4} (2^n n!)^{-1/2} H_n(ξ) e^{-ξ²/2},   ξ = √ω (t - z),   h_1D ψ_n = ω(2n+1) ψ_n,
///
///   φ_ν(x) = ψ_{ν_1}(x_1) ⋯ ψ_{ν_d}(x_d),   ε_ν = Σ_d ω_d (2ν_d + 1),   shell |ν| = ν_1 + … + ν_d ≤ n_max.
///
/// Modes are ordered by shell, then by descending ν_1, ν_2, …; mode 0 is the one-body ground state.
/// Each mode has the parity (-1)^{ν_d} under reflection of axis d about z_d (bit d of parityMask()).
///
/// Rescaled oscillators: the basis frequency ω'_d = s ω_d (length ℓ_d = ω'_d^{-1/2}) may differ from the
/// trap's ω_d. Then h is no longer diagonal: on each axis
///
///   ⟨m|h_1D|n⟩ = ω'(2n+1) δ_mn + (ω² - ω'²) ⟨m|(t-z)²|n⟩,   ⟨n|(t-z)²|n⟩ = (2n+1)/(2ω'),
///   ⟨n+2|(t-z)²|n⟩ = √((n+1)(n+2))/(2ω'),
///
/// which keeps the parities and couples shells n and n ± 2 only. A narrower basis (s > 1) resolves a
/// short-range pair correlation with fewer shells (docs/manybody.md).
///
/// Circular modes (2D, isotropic ω'_1 = ω'_2 = ω', trap ω_1 = ω_2 = ω): the same shells spanned by the
/// eigenstates of L_z. With a_± = (a_1 ∓ i a_2)/√2 (a_d the ladder operators of axis d, t_d − z_d =
/// (a_d + a_d†)/√(2ω')),
///
///   |n_+, n_-⟩ = (a_+†)^{n_+} (a_-†)^{n_-} |0⟩ / √(n_+! n_-!),   shell q = n_+ + n_-,   L_z = m = n_+ − n_-,
///   φ(r, θ) = (−1)^n √(ω' n! / (π (n+|m|)!)) ρ^{|m|} L_n^{|m|}(ρ²) e^{−ρ²/2} e^{imθ},   ρ² = ω' r²,  n = min(n_±),
///
/// (position relative to the centre), complex, with φ(x, −y) = conj φ(x, y): matrix elements of real,
/// reflection-symmetric operators are real. quantum(m, 0) = n_+, quantum(m, 1) = n_-; the order is the
/// Cartesian one with (ν_1, ν_2) → (n_+, n_-) (m = q, q − 2, …, −q within a shell). In these modes
/// r² = (n_+ + n_- + 1 + a_+ a_- + a_+† a_-†)/ω', so the rescaled h is diagonal in m and couples
/// |n_+, n_-⟩ with |n_+ + 1, n_- + 1⟩:
///
///   ⟨n_+, n_-|h|n_+, n_-⟩ = 2ω'(q + 1) + (ω² − ω'²)(q + 1)/ω',
///   ⟨n_+ + 1, n_- + 1|h|n_+, n_-⟩ = (ω² − ω'²) √((n_+ + 1)(n_- + 1))/ω'.
#include <cbec/model/trap.hpp>
#include <cbec/numerics/gauss_hermite.hpp>
#include <cbec/numerics/hermite_polynomials.hpp>

#include <Eigen/Dense>

#include <complex>
#include <string>

#include <vector>

namespace cbec {

/// ψ_0..ψ_nmax at t for frequency ω and centre z: ψ_n = (ω/π)^{1/4} p_n(ξ) e^{-ξ²/2} with the orthonormal
/// Hermite polynomials p_n of numerics/hermite_polynomials.hpp (matrix elements by numerics/gauss_hermite.hpp).
void hermiteFunctions(int nmax, double omega, double centre, double t, double* out);

class OscillatorModes {
 public:
  /// ω_d > 0 and z_d per axis, shells n_max ≥ 0; the trap frequencies are ω_d (no rescaling).
  OscillatorModes(std::vector<double> omega, std::vector<double> centre, int shells);
  /// Modes of a species' trap with basis frequencies ω'_d = scale·ω_d: harmonic traps (power 2 or
  /// anisotropic harmonic) only; anything else is an InputError naming `key` (no exact oscillator matrix
  /// elements exist for it).
  static OscillatorModes forTrap(const Trap& trap, int shells, const std::string& key, double scale = 1.0,
                                 bool circular = false);
  /// Circular modes |n_+, n_-⟩ of a 2D isotropic oscillator of frequency ω (see above).
  static OscillatorModes circularModes(double omega, std::vector<double> centre, int shells);
  /// Whether a trap admits circular modes: 2D, harmonic and isotropic.
  static bool isotropic2D(const Trap& trap);

  int dimension() const { return static_cast<int>(omega_.size()); }
  int shells() const { return shells_; }
  int count() const { return static_cast<int>(nu_.size()); }
  /// Basis frequencies ω'_d.
  const std::vector<double>& omega() const { return omega_; }
  /// Trap frequencies ω_d of h = -Δ + Σ_d ω_d² (x_d - z_d)².
  const std::vector<double>& trapOmega() const { return trap_omega_; }
  const std::vector<double>& centre() const { return centre_; }
  /// ν_d of mode m.
  int quantum(int m, int d) const { return nu_[m][d]; }
  /// Shell |ν| of mode m.
  int shell(int m) const;
  /// ε_ν = Σ_d ω'_d(2ν_d + 1) (the one-body energy when the basis is not rescaled).
  double energy(int m) const;
  /// Bit d set iff ν_d is odd (Cartesian modes; circular modes are not reflection eigenstates: 0).
  unsigned parityMask(int m) const;
  bool circular() const { return circular_; }
  /// L_z = n_+ − n_- of circular mode m (0 for every Cartesian mode is wrong: InputError there).
  int angularMomentum(int m) const;
  /// The one-body matrix ⟨φ_μ, h φ_ν⟩ (ε_ν δ_μν without rescaling; see above).
  Eigen::MatrixXd oneBodyMatrix() const;
  /// φ_m(x) at a point x (dimension() coordinates); Cartesian modes only (circular ones are complex).
  double value(int m, const double* x) const;
  /// φ_m(x) for either kind of mode.
  std::complex<double> complexValue(int m, const double* x) const;

 private:
  std::vector<double> omega_, centre_, trap_omega_;
  int shells_;
  bool circular_ = false;
  std::vector<std::vector<int>> nu_;
};

}  // namespace cbec
