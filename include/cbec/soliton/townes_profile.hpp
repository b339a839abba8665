#pragma once
/// @file townes_profile.hpp
/// The Townes profile Q: the unique positive radial solution of
///
///     -ΔQ + Q - Q³ = 0   in R²                                             (M 1.12)
///
/// and the constants built from it: a_* = ‖Q‖₂² (≈ 11.7009), with the Pohozaev identities
/// ‖∇Q‖₂² = ½‖Q‖₄⁴ = a_*, the moments M_p = ∫|x|^p Q², and Q_0 = Q/sqrt(a_*)           (M 2.2)
///
/// Method (double precision, ~1e-15 relative): the radial ODE  r Q'' + Q' - r Q + r Q³ = 0 is
/// integrated by a high-order Taylor-series method (coefficients from the exact recurrence of
/// the ODE), outwards from the Frobenius series at r = 0 with unknown Q(0) = q0, and inwards from
/// the exact linear tail Q(r) = C K₀(r) at r = R (where Q³/Q < 1e-30). Matching Q and Q' at an
/// interior radius gives two equations for (q0, C), solved by Newton's method. Both directions
/// integrate the stable way, so the problem is well conditioned, unlike one-sided shooting.
/// The solution is stored as piecewise Taylor polynomials, so Q is evaluated anywhere to full
/// accuracy, and integrals are done per piece by Gauss–Legendre (exactly by series on [0, h]).
///
/// @code
///   const auto& Q = cbec::TownesProfile::standard();   // computed once per process
///   double aStar = Q.aStar();                           // 11.70089652...
///   double q = Q(1.5);                                  // Q at |x| = 1.5
///   double m2 = Q.moment(2.0);                          // ∫ |x|² Q(x)² dx
/// @endcode
#include <cbec/numerics/gauss_legendre.hpp>

#include <cstddef>
#include <utility>
#include <vector>

namespace cbec {

class TownesProfile {
 public:
  struct Options {
    double step = 0.1;          ///< Taylor step h
    int order = 28;             ///< Taylor order per step
    double match_radius = 2.0;  ///< where the outward and inward solutions meet
    double tail_radius = 40.0;  ///< R: beyond it Q = C K₀(r) to double precision
  };

  /// The profile at default options, computed once (thread-safe) and shared.
  static const TownesProfile& standard();
  explicit TownesProfile(Options opts);
  /// a_* = ‖Q‖₂² alone: the same matching solve at `opts`, then 2π∫_0^R r Q² dr exactly on each Taylor
  /// piece (the square of its polynomial) plus the exact tail 2πC²∫_R^∞ r K₀² dr = πC²R²(K₁(R)² − K₀(R)²),
  /// without the other integrals and the quadrature tables of the full profile. With fastOptions() it agrees
  /// with standard().aStar() to ~1e-15 relative (tests/soliton/test_townes_profile.cpp) in ~1/50 of its time.
  static double criticalMass(Options opts);
  /// Coarser than the default (step 0.25, order 24, tail at 20: Q³/Q ~ 1e-17 there) for criticalMass().
  static Options fastOptions();

  /// Q(r), r = |x| ≥ 0; beyond the tabulated range Q = C K₀(r), which underflows to 0 for r > ~745.
  double operator()(double r) const;
  /// log Q(r), finite for every finite r: beyond r = 600 from the asymptotic series of K₀,
  /// log Q ≈ log C + ½ log(π/(2r)) - r (relative error < 1e-13), where Q itself underflows.
  double logValue(double r) const;
  double derivative(double r) const;         ///< Q'(r)
  double normalised(double r) const { return (*this)(r) * inv_sqrt_a_star_; }  ///< Q_0(r)   (M 2.2)

  double centralValue() const { return q0_; }       ///< Q(0)
  double tailConstant() const { return tail_c_; }   ///< C in Q(r) ~ C K₀(r), r → ∞
  double aStar() const { return a_star_; }          ///< ‖Q‖₂²
  double gradNormSq() const { return grad_sq_; }    ///< ‖∇Q‖₂²
  double l4Pow4() const { return l4_4_; }           ///< ‖Q‖₄⁴
  /// M_p = ∫_{R²} |x|^p Q(x)² dx for p > -2 (p ≤ 60: beyond, the tail model is not trusted).
  double moment(double p) const;
  /// Newton residual of the matching conditions at convergence (diagnostic).
  double matchingResidual() const { return match_residual_; }
  /// Radial integral 2π ∫_0^∞ f(r, Q, Q') r dr with per-piece Gauss–Legendre quadrature.
  template <class F> double integrate(F&& f) const;

 private:
  struct Piece {             // Q(r) = Σ_k c[k] (r - r0)^k on [a, b]
    double a, b, r0;
    std::vector<double> c;
  };
  struct SolveOnly {};
  TownesProfile(Options opts, SolveOnly);
  const Piece& pieceAt(double r) const;
  void validateOptions() const;
  void solve();
  void tabulate(double q0, double C);
  double mismatch(double q0, double C, double& dq, double& dqp);
  void computeIntegrals();

  Options opt_;
  std::vector<Piece> pieces_;                              // uniform steps on [0, R]
  std::vector<std::pair<double, double>> intervals_;       // quadrature panels on [0, R + 40]
  double q0_ = 0, tail_c_ = 0, a_star_ = 0, grad_sq_ = 0, l4_4_ = 0, inv_sqrt_a_star_ = 0;
  double match_residual_ = 0;
};

template <class F>
double TownesProfile::integrate(F&& f) const {
  static thread_local std::vector<double> x, w;
  if (x.empty()) gaussLegendre(40, -1.0, 1.0, x, w);
  double total = 0;
  for (const auto& [a, b] : intervals_) {
    double mid = 0.5 * (a + b), half = 0.5 * (b - a), sum = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      double r = mid + half * x[i];
      sum += w[i] * f(r, (*this)(r), derivative(r)) * r;
    }
    total += sum * half;
  }
  return 2.0 * 3.14159265358979323846 * total;
}

}  // namespace cbec
