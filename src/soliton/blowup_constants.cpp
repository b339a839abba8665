#include <cbec/soliton/blowup_constants.hpp>

#include <cbec/io/errors.hpp>
#include <fmt/format.h>

#include <cmath>

namespace cbec {

BlowupConstants blowupConstants(const TownesProfile& Q, double p, double nu,
                                std::optional<std::pair<double, double>> fractions) {
  if (!(p > 0) || p > 60) throw InputError(fmt::format("power p = {}: must lie in (0, 60]", p));
  if (!(nu > 0) || !std::isfinite(nu)) throw InputError(fmt::format("nu = {}: must be positive", nu));
  BlowupConstants k;
  k.p = p;
  k.nu = nu;
  k.moment = Q.moment(p);
  const double aStar = Q.aStar();
  k.Lambda = std::pow(p * nu / 2.0 * k.moment, 1.0 / (p + 2.0));
  k.limit_single = (p + 2.0) / p * k.Lambda * k.Lambda / aStar;
  if (fractions) {
    auto [c1, c2] = *fractions;
    if (!(c1 > 0 && c1 < 1) || !(c2 > 0 && c2 < 1) || std::abs(c1 + c2 - 1) > 1e-12)
      throw InputError(fmt::format("fractions ({}, {}): need 0 < c1, c2 < 1 and c1 + c2 = 1", c1, c2));
    double theta = std::pow(p * nu / (4.0 * c1 * c2) * k.moment, 1.0 / (p + 2.0));
    k.Theta = theta;
    k.limit_theorem2 = 2.0 * c1 * c2 * (p + 2.0) / p * theta * theta / aStar;
  }
  return k;
}

}  // namespace cbec
