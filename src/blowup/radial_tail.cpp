#include <cbec/blowup/radial_tail.hpp>

#include <cbec/blowup/rescaled_profile.hpp>
#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cbec {

double RadialLogProfile::lagrange5(const std::vector<double>& t, double r0, double h, double r) {
  const double s = (r - r0) / h;
  long i0 = static_cast<long>(std::floor(s)) - 2;
  i0 = std::clamp(i0, 0L, static_cast<long>(t.size()) - 6);
  double sum = 0;
  for (int j = 0; j < 6; ++j) {
    double l = 1;
    for (int k = 0; k < 6; ++k)
      if (k != j) l *= (s - static_cast<double>(i0 + k)) / static_cast<double>(j - k);
    sum += l * t[static_cast<size_t>(i0 + j)];
  }
  return sum;
}

RadialLogProfile::RadialLogProfile(FourierTransform& fourier, const Field& u, const std::vector<double>& z,
                                   double p, double a, double mu, double r_max, const RadialTailOptions& o)
    : p_(p), a_(a), mu_(mu) {
  kappa_ = std::sqrt(std::abs(mu) + 1);
  hc_ = ht_ = o.step / kappa_;
  const Grid& g = fourier.grid();
  // Core: samples along +x from z up to 95% of the distance to the box edge (no wrap-around).
  const double edge = 0.95 * (g.centre()[0] + g.box() / 2 - z[0]);
  const int nc = static_cast<int>(edge / hc_);
  std::vector<double> xs;
  for (int k = 0; k <= nc; ++k) xs.push_back(k * hc_);
  const std::vector<double> line = rescaledCut(fourier, u, 1.0, z, xs);
  const double u0 = line[0];
  int km = -1;
  for (int k = 0; k <= nc; ++k)
    if (line[k] <= o.match_fraction * u0) { km = k; break; }
  if (km < 0 || km + 3 > nc)
    throw InputError(fmt::format("radial tail: u does not fall to {:g} of its peak inside the box", o.match_fraction));
  rm_ = km * hc_;
  for (int j = 3; j >= 1; --j) core_.push_back(line[j]);
  for (int k = 0; k <= km + 3; ++k) core_.push_back(line[k]);
  rmax_ = r_max;
  if (!(r_max > rm_)) throw InputError(fmt::format("radial tail: r_max = {} must exceed the match radius {}", r_max, rm_));

  // Tail: Riccati for y = w' integrated inwards from R, fixed-point passes for the a e^{2w} term.
  const double R = r_max + 30.0 / kappa_;
  const long N = static_cast<long>(std::ceil((R - rm_) / ht_));
  std::vector<double> w(N + 1, -1e300), nonlinear(N + 1, 0.0);
  const double logUm = std::log(line[km]);
  auto V = [&](double r) { return std::pow(r, p_); };
  for (int pass = 0; pass < 4; ++pass) {
    const double rEnd = rm_ + N * ht_;
    const double kap = std::sqrt(V(rEnd) - mu_), dkap = p_ * std::pow(rEnd, p_ - 1) / (2 * kap);
    double y = -kap - dkap / (2 * kap) - 1 / (2 * rEnd), ww = 0;
    std::vector<double> wr(N + 1);
    wr[N] = 0;
    auto f = [&](double r, double yy, double nl) { return V(r) - mu_ - nl - yy * yy - yy / r; };
    for (long j = N; j > 0; --j) {
      const double r = rm_ + j * ht_, h = -ht_;
      const double n0 = nonlinear[j], n1 = nonlinear[j - 1], nm = 0.5 * (n0 + n1);
      const double k1y = f(r, y, n0), k1w = y;
      const double k2y = f(r + h / 2, y + h / 2 * k1y, nm), k2w = y + h / 2 * k1y;
      const double k3y = f(r + h / 2, y + h / 2 * k2y, nm), k3w = y + h / 2 * k2y;
      const double k4y = f(r + h, y + h * k3y, n1), k4w = y + h * k3y;
      y += h / 6 * (k1y + 2 * k2y + 2 * k3y + k4y);
      ww += h / 6 * (k1w + 2 * k2w + 2 * k3w + k4w);
      wr[j - 1] = ww;
    }
    const double shift = logUm - wr[0];
    for (long j = 0; j <= N; ++j) {
      w[j] = wr[j] + shift;
      nonlinear[j] = a_ * std::exp(2 * w[j]);
    }
  }
  tail_ = std::move(w);
  for (int k = km; k <= nc; ++k) {
    if (line[k] < 1e-6 * u0) break;
    mismatch_ = std::max(mismatch_, std::abs(lagrange5(tail_, rm_, ht_, k * hc_) - std::log(line[k])));
  }
}

double RadialLogProfile::logValue(double r) const {
  if (r < 0 || r > rmax_) throw InputError(fmt::format("radial tail: r = {} outside [0, {}]", r, rmax_));
  if (r < rm_) return std::log(lagrange5(core_, -3 * hc_, hc_, r));
  return lagrange5(tail_, rm_, ht_, r);
}

double RadialLogProfile::value(double r) const { return std::exp(logValue(r)); }

}  // namespace cbec
