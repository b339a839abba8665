#include <cbec/blowup/joint_limit.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/soliton/townes_profile.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cbec {

double JointLimit::distance(double n) const { return std::pow(n, -gamma); }

double JointLimit::range(double n) const { return std::pow(n, -beta); }

Mixture JointLimit::mixtureAt(const BlowupPath& path, double n) const {
  const Mixture m = path.mixtureAt(distance(n));
  return Mixture(m.dimension(), m.allSpecies(), m.interCouplings(), PairInteraction::hartree(profile, n, beta),
                 PairScaling::NMinusOne, n);
}

void requireJointLimit(const BlowupPath& path, const JointLimit& j) {
  if (!j.profile) throw InputError("the joint limit needs a pair profile (model.profile)");
  if (!(j.beta > 0) || !std::isfinite(j.beta))
    throw InputError(fmt::format("the joint limit needs a finite β > 0, got {}", j.beta));
  if (!(j.gamma > 0) || !std::isfinite(j.gamma))
    throw InputError(fmt::format("the joint limit needs a finite γ > 0 (d = N^-γ → 0), got {}", j.gamma));
  if (j.N.empty()) throw InputError("the joint limit needs at least one N");
  for (double n : j.N) {
    if (!(n > 1) || !std::isfinite(n)) throw InputError(fmt::format("N = {} is not a finite number > 1", n));
    path.requireDistance(j.distance(n));
  }
  std::vector<double> ns = j.N;
  std::sort(ns.begin(), ns.end());
  if (auto it = std::adjacent_find(ns.begin(), ns.end()); it != ns.end())
    throw InputError(fmt::format("N = {} appears twice", *it));
}

namespace {
double window(double p, double beta) { return std::min((p + 2) * beta / (p + 3), (p + 2) * (1 - 2 * beta) / p); }
}  // namespace

double theoremWindow(const BlowupPath& path, double beta) {
  const auto& p = path.powers();
  if (path.kind() != BlowupPath::Kind::Theorem3) return window(path.p0(), beta);
  // γ1 = γ < W(p1) and γ2 = γ(p2+2)/(p1+2) < W(p2)
  return std::min(window(p[0], beta), window(p[1], beta) * (p[0] + 2) / (p[1] + 2));
}

double hartreeCrossover(const BlowupPath& path, double beta) {
  const auto& p = path.powers();
  if (path.kind() != BlowupPath::Kind::Theorem3) return 2 * beta * (path.p0() + 2) / (path.p0() + 4);
  // species i: γ_i(p_i+4)/(p_i+2) < 2β with γ_i = γ(p_i+2)/(p1+2)  ⇔  γ < 2β(p1+2)/(p_i+4)
  return std::min(2 * beta * (p[0] + 2) / (p[0] + 4), 2 * beta * (p[0] + 2) / (p[1] + 4));
}

namespace {
/// ρ̂_0(k) = 2π∫_0^∞ Q_0(r)² J_0(kr) r dr on k_j = j·dk, j = 0..nk, by Simpson's rule on r ∈ [0, 25] (Q_0² ~ e^{-2r}:
/// the tail is below 1e-21); computed once.
struct HankelTable {
  static constexpr int nk = 400, nr = 500;
  static constexpr double kmax = 30.0, rmax = 25.0;
  std::vector<double> rho;
  HankelTable() : rho(nk + 1) {
    const TownesProfile& Q = TownesProfile::standard();
    const double hr = rmax / nr;
    std::vector<double> f(nr + 1);
    for (int i = 0; i <= nr; ++i) {
      const double r = i * hr, q = Q.normalised(r);
      f[i] = q * q * r * (i == 0 || i == nr ? 1 : i % 2 ? 4 : 2) * hr / 3;
    }
    for (int j = 0; j <= nk; ++j) {
      const double k = j * kmax / nk;
      double s = 0;
      for (int i = 1; i <= nr; ++i) s += f[i] * std::cyl_bessel_j(0.0, k * i * hr);
      rho[j] = 2 * M_PI * s;
    }
  }
  static const HankelTable& get() {
    static const HankelTable t;
    return t;
  }
};
}  // namespace

// normalised by the table's own F(0) (within 2e-5 of 2/a_*; ŵ(0) = 1), so that R → 0 gives ℓ exactly
HartreeScale::HartreeScale(std::shared_ptr<const PairProfile> profile)
    : profile_(std::move(profile)), norm_(2 / TownesProfile::standard().aStar() / rawOverlap(*profile_, 0.0)) {}

double HartreeScale::overlap(double s) const {
  return norm_ * rawOverlap(*profile_, s);
}

double rawOverlap(const PairProfile& profile, double s) {
  const HankelTable& t = HankelTable::get();
  const double dk = HankelTable::kmax / HankelTable::nk;
  double sum = 0;
  for (int j = 0; j <= HankelTable::nk; ++j) {
    const double k = j * dk;
    sum += t.rho[j] * t.rho[j] * profile.fourier(s * s * k * k, 2) * k *
           (j == 0 || j == HankelTable::nk ? 1 : j % 2 ? 4 : 2);
  }
  return sum * dk / 3 / (2 * M_PI);
}

double HartreeScale::estimate(double delta, double ell, double p, double range) const {
  if (!(range > 0)) return ell;
  const double aStar = TownesProfile::standard().aStar(), a = aStar - delta;
  const double trap = 2 * delta / (p * aStar) * std::pow(ell, p + 2);
  auto e = [&](double lam) { return lam * lam * (1 - a / 2 * overlap(lam * range)) + trap * std::pow(lam, -p); };
  // a log grid over [1e-4 ℓ, 2ℓ], then golden sections in the bracket of the smallest value
  const int n = 120;
  double best = 0, ebest = std::numeric_limits<double>::infinity();
  int ib = 0;
  std::vector<double> lam(n + 1);
  for (int i = 0; i <= n; ++i) {
    lam[i] = ell * std::pow(10.0, -4.0 + (4.0 + std::log10(2.0)) * i / n);
    const double v = e(lam[i]);
    if (v < ebest) ebest = v, best = lam[i], ib = i;
  }
  double lo = lam[std::max(0, ib - 1)], hi = lam[std::min(n, ib + 1)];
  const double g = (std::sqrt(5.0) - 1) / 2;
  double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo), f1 = e(x1), f2 = e(x2);
  for (int it = 0; it < 60; ++it) {
    if (f1 < f2) hi = x2, x2 = x1, f2 = f1, x1 = hi - g * (hi - lo), f1 = e(x1);
    else lo = x1, x1 = x2, f1 = f2, x2 = lo + g * (hi - lo), f2 = e(x2);
  }
  const double x = (lo + hi) / 2;
  return e(x) <= ebest ? x : best;
}

double secondMoment(const PairProfile& profile) {
  const double h = 1e-4;   // ŵ(k²) = 1 - (m₂/2)k² + O(k⁴): one-sided second-order difference in k², error O(h²)
  const double slope = (-3 * profile.fourier(0, 2) + 4 * profile.fourier(h, 2) - profile.fourier(2 * h, 2)) / (2 * h);
  return -2 * slope;
}

}  // namespace cbec
