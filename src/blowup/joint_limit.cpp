#include <cbec/blowup/joint_limit.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cbec {

double JointLimit::distance(double n) const { return std::pow(n, -gamma); }

double JointLimit::range(double n) const { return std::pow(n, -beta); }

Mixture JointLimit::mixtureAt(const BlowupPath& path, double n) const {
  const Mixture m = path.mixtureAt(distance(n));
  return Mixture(m.dimension(), m.allSpecies(), m.interCouplings(), PairPotential::hartree(profile, n, beta),
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

double secondMoment(const PairProfile& profile) {
  const double h = 1e-4;   // ŵ(k²) = 1 - (m₂/2)k² + O(k⁴): one-sided second-order difference in k², error O(h²)
  const double slope = (-3 * profile.fourier(0, 2) + 4 * profile.fourier(h, 2) - profile.fourier(2 * h, 2)) / (2 * h);
  return -2 * slope;
}

}  // namespace cbec
