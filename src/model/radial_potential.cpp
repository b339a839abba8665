#include <cbec/io/errors.hpp>
#include <cbec/model/radial_potential.hpp>

#include <fmt/format.h>

#include <cmath>
#include <algorithm>
#include <limits>

namespace cbec {

RadialPotential RadialPotential::gaussian(double strength, double width) {
  if (!std::isfinite(strength)) throw InputError(fmt::format("radial potential: the strength must be finite, got {}", strength));
  if (!(width > 0) || !std::isfinite(width))
    throw InputError(fmt::format("radial potential: the width must be positive and finite, got {}", width));
  RadialPotential p;
  p.kind_ = Kind::Gaussian;
  p.a_ = strength;
  p.w_ = width;
  return p;
}

RadialPotential RadialPotential::coulomb(double strength, double cutoff) {
  if (!std::isfinite(strength)) throw InputError(fmt::format("radial potential: the strength must be finite, got {}", strength));
  if (!(cutoff > 0) || !std::isfinite(cutoff))
    throw InputError(fmt::format("radial potential: the cutoff must be positive and finite, got {}", cutoff));
  RadialPotential p;
  p.kind_ = Kind::Coulomb;
  p.a_ = strength;
  p.w_ = 0;
  p.M_ = cutoff;
  return p;
}

double RadialPotential::value(double s) const {
  if (kind_ == Kind::Gaussian) return a_ * std::exp(-s * s / (2 * w_ * w_));
  double sgn = a_ < 0 ? -1.0 : 1.0;
  return sgn * std::min(std::abs(a_) / s, M_);
}

double RadialPotential::primitive(double s) const {
  if (kind_ == Kind::Gaussian) return -a_ * w_ * w_ * std::expm1(-s * s / (2 * w_ * w_));
  double sgn = a_ < 0 ? -1.0 : 1.0;
  double rc = std::abs(a_) / M_;
  if (s <= rc) return sgn * M_ * s * s / 2;
  return sgn * M_ * rc * rc / 2 + a_ * (s - rc);
}

double RadialPotential::sphericalAverage(double r, double rp) const {
  double small = 1e-8 * std::max({r, rp, 1.0});
  if (r < small) return value(rp);
  if (rp < small) return value(r);
  if (kind_ == Kind::Gaussian) {
    // (w²/(2rr')) (e^{-(r-r')²/2w²} - e^{-(r+r')²/2w²}) without cancellation for small rr'
    double w2 = w_ * w_, d = r - rp;
    return a_ * w2 / (2 * r * rp) * std::exp(-d * d / (2 * w2)) * -std::expm1(-2 * r * rp / w2);
  }
  return (primitive(r + rp) - primitive(std::abs(r - rp))) / (2 * r * rp);
}

double RadialPotential::fourier(double k2, int d) const {
  if (kind_ == Kind::Gaussian)
    return a_ * std::pow(2 * M_PI * w_ * w_, d / 2.0) * std::exp(-k2 * w_ * w_ / 2);
  if (d != 3) throw InputError("radial potential: the regularised Coulomb potential is defined in 3D only");
  if (k2 == 0) return std::numeric_limits<double>::infinity();
  double k = std::sqrt(k2), rc = std::abs(a_) / M_;
  return 4 * M_PI * a_ * std::sin(k * rc) / (k2 * k * rc);
}

std::string RadialPotential::describe() const {
  if (kind_ == Kind::Gaussian) return fmt::format("gaussian(strength {}, width {})", a_, w_);
  return fmt::format("coulomb(strength {}, cutoff {})", a_, M_);
}

}  // namespace cbec
