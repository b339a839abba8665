#pragma once
/// @file radial_tail.hpp
/// The single-species GP minimiser u_a of (M 2.7–2.8) with V = |x - z|^p, in log form to any depth of its
/// tail, for the exponentially small cross term of M Theorem 3 (docs/open-cases.md).
///
/// u_a is radial about z (the positive minimiser of a radial problem), u(x) = e^{w(|x - z|)}, and solves
///   -u'' - u'/r + r^p u - a u³ = μ u,   i.e.   w'' + w'² + w'/r = r^p - μ - a e^{2w}.
/// A grid ground state gives u to ~1e-16 of its peak only, so its tail e^{-κ r} (κ = √(-μ) ≈ ℓ) is noise
/// beyond κr ≈ 35. Here:
///  * core, r ≤ r_m (u(r_m) = match_fraction · u(0)): u sampled from the grid solution by trigonometric
///    interpolation along the x-axis through z (rescaled_profile.hpp, exact for band-limited u), degree-5
///    Lagrange interpolation of that table (u even in r);
///  * tail, r ≥ r_m: the Riccati equation of y = w',  y' = r^p - μ - a e^{2w} - y² - y/r, integrated by RK4
///    *inwards* from R (the decaying solution attracts inward integration at rate 2κ; started from the WKB
///    value y(R) = -κ(R) - κ'(R)/(2κ(R)) - 1/(2R), κ(r) = √(r^p - μ)), w = log u(r_m) + ∫_{r_m}^r y,
///    the term a e^{2w} (< a u(r_m)² ≪ κ²) by fixed-point passes. log u is then accurate to ~1e-12 absolute
///    at every r ≤ R, where u itself may be 1e-300.
/// tailMismatch() compares the tail with the grid where the grid value is still accurate (above 1e-6 of the
/// peak): a check of μ, of the matching and of the grid.
#include <cbec/discretisation/fourier.hpp>

#include <vector>

namespace cbec {

struct RadialTailOptions {
  double match_fraction = 1e-3;   ///< u(r_m)/u(0)
  double step = 0.01;             ///< table and RK4 step in units of 1/κ
};

class RadialLogProfile {
 public:
  /// `u` normalised on fourier.grid() (2D), the minimiser for V = |x - z|^p, coupling a, multiplier μ < 0;
  /// the tail is computed out to r_max (R = r_max + 30/κ, κ = √(|μ| + 1) the step scale). InputError for
  /// r_max ≤ r_m or a field that does not fall to match_fraction of its peak inside the box.
  RadialLogProfile(FourierTransform& fourier, const Field& u, const std::vector<double>& z, double p, double a,
                   double mu, double r_max, const RadialTailOptions& options = {});
  /// log u(r) for 0 ≤ r ≤ r_max (InputError beyond).
  double logValue(double r) const;
  double value(double r) const;
  double matchRadius() const { return rm_; }
  double kappa() const { return kappa_; }             ///< √(|μ| + 1) (≈ ℓ near collapse): the length scale 1/κ
  double mu() const { return mu_; }
  double maxRadius() const { return rmax_; }
  /// max |w_tail - log u_grid| over r_m ≤ r where u_grid ≥ 1e-6 u(0) (grid values below carry its absolute round-off).
  double tailMismatch() const { return mismatch_; }

 private:
  static double lagrange5(const std::vector<double>& table, double r0, double h, double r);
  double p_, a_, mu_, kappa_, rm_ = 0, rmax_ = 0, hc_ = 0, ht_ = 0, mismatch_ = 0;
  std::vector<double> core_;   // u at r = -3hc, -2hc, ..., (index j ↔ r = (j - 3) hc)
  std::vector<double> tail_;   // w at r = rm + j ht
};

}  // namespace cbec
