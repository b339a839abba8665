#pragma once
/// @file trap.hpp
/// External potentials V_s of the one-body operators h_s = -Δ + V_s (MODEL.md §1, M 1.1).
///
///   power trap:              V(x) = |x - z|^p,                 p > 0          (M Theorems 1–3)
///   anisotropic harmonic:    V(x) = Σ_i ω_i² (x_i - z_i)²                      (ω_i > 0)
///
/// Both are confining (V → ∞ as |x| → ∞), which is what the existence theory needs.
#include <string>
#include <vector>

namespace cbec {

class Trap {
 public:
  /// V(x) = |x - centre|^power.
  static Trap power(double p, std::vector<double> centre);
  /// V(x) = Σ_i ω_i² (x_i - centre_i)².
  static Trap harmonic(std::vector<double> omega, std::vector<double> centre);

  double operator()(const double* x) const;   ///< V at a point with dimension() coordinates
  /// The same trap moved by `shift`: V'(x) = V(x - shift) (centre + shift, computed exactly when
  /// shift = -centre, so a problem can be solved in the frame of its own centre).
  Trap translated(const std::vector<double>& shift) const;
  int dimension() const { return static_cast<int>(centre_.size()); }
  const std::vector<double>& centre() const { return centre_; }
  bool isPower() const { return omega_.empty(); }
  /// The growth exponent p (2 for the anisotropic harmonic trap).
  double exponent() const { return p_; }
  const std::vector<double>& omega() const { return omega_; }
  /// Length scale of the one-body ground state of -Δ + V (ℓ with ℓ^{-2} ≈ V(ℓ)): ℓ = 1 for |x|^p,
  /// min_i ω_i^{-1/2} for harmonic; used to seed the automatic grid and the initial Gaussians.
  double lengthScale() const;
  /// Largest length scale (max_i ω_i^{-1/2} for harmonic), for box sizing.
  double maxLengthScale() const;
  std::string describe() const;

 private:
  double p_ = 2;
  std::vector<double> omega_;   // empty: power trap
  std::vector<double> centre_;
};

}  // namespace cbec
