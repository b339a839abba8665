#pragma once
/// @file pair_potential.hpp
/// Shape of the pair interaction w_N in W_s = -a_s w_N, W_st = -a_st w_N (MODEL.md §1–2).
///
///   contact:  w_N = δ                                                   (GP limit, M 1.9)
///   Hartree:  w_N(x) = N^{dβ} w(N^β x),   ∫ w = 1,   0 < β             (M 1.3–1.4; MODEL writes
///             N^{2β} for d = 2: the factor N^{dβ} keeps ∫ w_N = 1 in every dimension d)
///
/// A profile is described by its Fourier transform ŵ(k) = ∫ w(x) e^{-ik·x} dx, so that
///   ŵ_N(k) = ŵ(k / N^β)   and   (w_N * ρ) = F^{-1}[ŵ_N · F ρ]
/// is applied by FFT with the analytic transform (never a sampled kernel). Profiles are pluggable:
/// derive from PairProfile. Built in:
///   "gaussian":  w(x) = π^{-d/2} e^{-|x|²},   ŵ(k) = e^{-|k|²/4},   ∫ x_1² w = 1/2.
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

/// The Gaussian w(x) = π^{-d/2} e^{-|x|²}.
class GaussianProfile final : public PairProfile {
 public:
  std::string name() const override { return "gaussian"; }
  double fourier(double k2, int) const override;
  double value(double r2, int d) const override;
};

/// w_N: contact (δ) or the scaled profile N^{dβ} w(N^β ·).
class PairPotential {
 public:
  static PairPotential contact();
  static PairPotential hartree(std::shared_ptr<const PairProfile> profile, double N, double beta);

  bool isContact() const { return !profile_; }
  /// ŵ_N(k) at |k|² = k2: 1 for contact, ŵ(k/N^β) for Hartree.
  double fourier(double k2, int d) const;
  /// The range N^{-β} of w_N (0 for contact).
  double range() const;
  const PairProfile* profile() const { return profile_.get(); }
  double N() const { return N_; }
  double beta() const { return beta_; }
  std::string describe() const;

 private:
  std::shared_ptr<const PairProfile> profile_;
  double N_ = 0, beta_ = 0;
};

}  // namespace cbec
