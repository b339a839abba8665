#include <cbec/model/pair_interaction.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace cbec {

double GaussianProfile::fourier(double k2, int) const { return std::exp(-0.25 * k2); }

double GaussianProfile::value(double r2, int d) const {
  return std::pow(std::numbers::pi, -0.5 * d) * std::exp(-r2);
}

std::shared_ptr<const PairProfile> PairProfile::byName(const std::string& name, const std::string& key) {
  if (name == "gaussian") return std::make_shared<GaussianProfile>();
  throw InputError(fmt::format("{}: unknown interaction profile \"{}\" (known: \"gaussian\")", key, name));
}

namespace {
void requireFiniteCoupling(double g, const char* what) {
  if (!std::isfinite(g)) throw InputError(fmt::format("{}: the coupling must be finite, got {}", what, g));
}
}  // namespace

PairInteraction PairInteraction::contact(double g) {
  requireFiniteCoupling(g, "contact interaction");
  PairInteraction p;
  p.g_ = g;
  return p;
}

PairInteraction PairInteraction::scaled(std::shared_ptr<const PairProfile> profile, double N, double beta, double g) {
  if (!profile) throw InputError("hartree: missing profile");
  if (!(N >= 1) || !std::isfinite(N)) throw InputError(fmt::format("hartree: N must be ≥ 1, got {}", N));
  if (!(beta >= 0) || !std::isfinite(beta)) throw InputError(fmt::format("hartree: beta must be ≥ 0, got {}", beta));
  requireFiniteCoupling(g, "hartree");
  PairInteraction p;
  p.kind_ = Kind::Scaled;
  p.g_ = g;
  p.profile_ = std::move(profile);
  p.N_ = N;
  p.beta_ = beta;
  return p;
}

PairInteraction PairInteraction::gaussian(double g, double width) {
  if (!std::isfinite(g)) throw InputError(fmt::format("radial potential: the strength must be finite, got {}", g));
  if (!(width > 0) || !std::isfinite(width))
    throw InputError(fmt::format("radial potential: the width must be positive and finite, got {}", width));
  PairInteraction p;
  p.kind_ = Kind::Gaussian;
  p.g_ = g;
  p.w_ = width;
  return p;
}

PairInteraction PairInteraction::coulomb(double g, double cutoff) {
  if (!std::isfinite(g)) throw InputError(fmt::format("radial potential: the strength must be finite, got {}", g));
  if (!(cutoff > 0) || !std::isfinite(cutoff))
    throw InputError(fmt::format("radial potential: the cutoff must be positive and finite, got {}", cutoff));
  PairInteraction p;
  p.kind_ = Kind::Coulomb;
  p.g_ = g;
  p.M_ = cutoff;
  return p;
}

PairInteraction PairInteraction::withCoupling(double g) const {
  requireFiniteCoupling(g, "pair interaction");
  PairInteraction p = *this;
  p.g_ = g;
  return p;
}

double PairInteraction::length() const {
  switch (kind_) {
    case Kind::Contact: return 0.0;
    case Kind::Scaled: return std::pow(N_, -beta_);
    case Kind::Gaussian: return w_;
    case Kind::Coulomb: return std::abs(g_) / M_;
  }
  return 0.0;
}

double PairInteraction::fourier(double k2, int d) const {
  switch (kind_) {
    case Kind::Contact: return g_;
    case Kind::Scaled: return g_ * profile_->fourier(k2 * std::pow(N_, -2.0 * beta_), d);   // ŵ(k / N^β)
    case Kind::Gaussian: return g_ * std::pow(2 * M_PI * w_ * w_, d / 2.0) * std::exp(-k2 * w_ * w_ / 2);
    case Kind::Coulomb: {
      if (d != 3) throw InputError("radial potential: the regularised Coulomb potential is defined in 3D only");
      if (k2 == 0) return std::numeric_limits<double>::infinity();
      double k = std::sqrt(k2), rc = std::abs(g_) / M_;
      return 4 * M_PI * g_ * std::sin(k * rc) / (k2 * k * rc);
    }
  }
  return 0.0;
}

double PairInteraction::value(double s, int d) const {
  switch (kind_) {
    case Kind::Contact: throw InputError("contact interaction: V = g δ has no pointwise value");
    case Kind::Scaled: {
      const double scale = std::pow(N_, beta_);   // 1/ℓ
      return g_ * std::pow(scale, d) * profile_->value(s * s * scale * scale, d);
    }
    case Kind::Gaussian: return g_ * std::exp(-s * s / (2 * w_ * w_));
    case Kind::Coulomb: {
      double sgn = g_ < 0 ? -1.0 : 1.0;
      return sgn * std::min(std::abs(g_) / s, M_);
    }
  }
  return 0.0;
}

PairInteraction PairInteraction::radialForm() const {
  if (kind_ == Kind::Gaussian || kind_ == Kind::Coulomb) return *this;
  if (kind_ == Kind::Scaled && profile_->name() == "gaussian") {
    const double ell = std::pow(N_, -beta_);
    return gaussian(g_ * std::pow(std::numbers::pi, -1.5) / (ell * ell * ell), ell / std::sqrt(2.0));
  }
  throw InputError(fmt::format("pair interaction {}: no radial primitive (contact or a non-Gaussian profile)", describe()));
}

double PairInteraction::primitive(double s) const {
  if (kind_ == Kind::Gaussian) return -g_ * w_ * w_ * std::expm1(-s * s / (2 * w_ * w_));
  if (kind_ != Kind::Coulomb) return radialForm().primitive(s);
  double sgn = g_ < 0 ? -1.0 : 1.0;
  double rc = std::abs(g_) / M_;
  if (s <= rc) return sgn * M_ * s * s / 2;
  return sgn * M_ * rc * rc / 2 + g_ * (s - rc);
}

double PairInteraction::sphericalAverage(double r, double rp) const {
  if (kind_ != Kind::Gaussian && kind_ != Kind::Coulomb) return radialForm().sphericalAverage(r, rp);
  double small = 1e-8 * std::max({r, rp, 1.0});
  if (r < small) return value(rp);
  if (rp < small) return value(r);
  if (kind_ == Kind::Gaussian) {
    // (w²/(2rr')) (e^{-(r-r')²/2w²} - e^{-(r+r')²/2w²}) without cancellation for small rr'
    double w2 = w_ * w_, d = r - rp;
    return g_ * w2 / (2 * r * rp) * std::exp(-d * d / (2 * w2)) * -std::expm1(-2 * r * rp / w2);
  }
  return (primitive(r + rp) - primitive(std::abs(r - rp))) / (2 * r * rp);
}

std::string PairInteraction::describe() const {
  switch (kind_) {
    case Kind::Contact: return g_ == 1.0 ? "contact" : fmt::format("contact(coupling {})", g_);
    case Kind::Scaled: {
      std::string s = fmt::format("hartree {} (N = {}, beta = {})", profile_->name(), N_, beta_);
      return g_ == 1.0 ? s : fmt::format("{} × {}", g_, s);
    }
    case Kind::Gaussian: return fmt::format("gaussian(strength {}, width {})", g_, w_);
    case Kind::Coulomb: return fmt::format("coulomb(strength {}, cutoff {})", g_, M_);
  }
  return "";
}

}  // namespace cbec
