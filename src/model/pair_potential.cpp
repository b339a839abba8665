#include <cbec/model/pair_potential.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>
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

PairPotential PairPotential::contact() { return PairPotential(); }

PairPotential PairPotential::hartree(std::shared_ptr<const PairProfile> profile, double N, double beta) {
  if (!profile) throw InputError("hartree: missing profile");
  if (!(N >= 1) || !std::isfinite(N)) throw InputError(fmt::format("hartree: N must be ≥ 1, got {}", N));
  if (!(beta >= 0) || !std::isfinite(beta)) throw InputError(fmt::format("hartree: beta must be ≥ 0, got {}", beta));
  PairPotential p;
  p.profile_ = std::move(profile);
  p.N_ = N;
  p.beta_ = beta;
  return p;
}

double PairPotential::fourier(double k2, int d) const {
  if (!profile_) return 1.0;
  // ŵ_N(k) = ŵ(k / N^β), i.e. |k|² → |k|² N^{-2β}
  return profile_->fourier(k2 * std::pow(N_, -2.0 * beta_), d);
}

double PairPotential::range() const { return profile_ ? std::pow(N_, -beta_) : 0.0; }

std::string PairPotential::describe() const {
  if (!profile_) return "contact";
  return fmt::format("hartree {} (N = {}, beta = {})", profile_->name(), N_, beta_);
}

}  // namespace cbec
