#include <cbec/soliton/blowup_constants.hpp>

#include <cbec/io/errors.hpp>
#include <fmt/format.h>

#include <cmath>

namespace cbec {

BlowupConstants blowupConstants(const TownesProfile& Q, double p, double nu,
                                std::optional<std::pair<double, double>> fractions) {
  if (!(p > 0) || p > 60) throw InputError(fmt::format("power p = {}: must lie in (0, 60]", p));
  if (!(nu > 0) || !std::isfinite(nu)) throw InputError(fmt::format("nu = {}: must be a finite positive number", nu));
  BlowupConstants k;
  k.p = p;
  k.nu = nu;
  k.moment = Q.moment(p);
  const double aStar = Q.aStar();
  k.Lambda = std::pow(p * nu / 2.0 * k.moment, 1.0 / (p + 2.0));
  k.limit_single = (p + 2.0) / p * k.Lambda * k.Lambda / aStar;
  if (!std::isfinite(k.Lambda) || !std::isfinite(k.limit_single) || !(k.limit_single > 0))
    throw InputError(fmt::format("nu = {} with power p = {}: Λ = (pν/2·M_p)^(1/(p+2)) = {} or its limit constant "
                                 "is not a representable positive number", nu, p, k.Lambda));
  if (fractions) {
    auto [c1, c2] = *fractions;
    if (!(c1 > 0 && c1 < 1) || !(c2 > 0 && c2 < 1) || std::abs(c1 + c2 - 1) > 1e-12)
      throw InputError(fmt::format("fractions ({}, {}): need 0 < c1, c2 < 1 and c1 + c2 = 1", c1, c2));
    double theta = std::pow(p * nu / (4.0 * c1 * c2) * k.moment, 1.0 / (p + 2.0));
    k.Theta = theta;
    k.limit_theorem2 = 2.0 * c1 * c2 * (p + 2.0) / p * theta * theta / aStar;
    if (!std::isfinite(theta) || !std::isfinite(*k.limit_theorem2) || !(*k.limit_theorem2 > 0))
      throw InputError(fmt::format("nu = {} with power p = {} and fractions ({}, {}): Θ = {} or its limit constant "
                                   "is not a representable positive number", nu, p, c1, c2, theta));
  }
  return k;
}

}  // namespace cbec
