// Both sides of the form-norm bound (F 5.6) along the Galerkin Hartree flow (form_norm_bound.hpp).
#include <cbec/manybody/form_norm_bound.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/manybody/mode_hartree_flow.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cbec {

double formBoundKappa(const PairInteraction& V) {
  const double a = V.coupling();
  return V.kind() == PairInteraction::Kind::Gaussian ? a * a : 4 * a * a;
}

FormNormBound formNormBound(const FewModeModel& H, double nu, double kappa, const Eigen::VectorXcd& c0,
                            const std::vector<double>& times) {
  if (!(nu > 0) || !std::isfinite(nu)) throw InputError("form-norm bound: nu must be positive and finite");
  if (c0.size() != H.modes()) throw InputError("form-norm bound: initial orbital has the wrong number of modes");
  const Eigen::MatrixXcd h = H.oneBody().cast<std::complex<double>>();
  const auto formNorm = [&](const Eigen::VectorXcd& c) { return 4 * c.squaredNorm() + (2 / nu) * c.dot(h * c).real(); };
  FormNormBound r;
  r.kappa = kappa;
  const double mass = c0.squaredNorm(), nup = nu / 2;
  r.nu0 = kappa * mass / 2;
  r.initial = formNorm(c0);
  // 𝓔 = (ν'/2)⟨−Δ + U⟩ + ¼ ∫(V∗|φ|²)|φ|², ⟨−Δ + U⟩ = ‖φ‖²_Q − 𝓜
  const double interaction = c0.dot(H.hartreeMatrix(c0) * c0).real();
  const double energy = 0.5 * nup * (r.initial - mass) + 0.25 * interaction;
  r.bound = nu > r.nu0 ? (mass + mass * mass / (4 * nup) + 2 * energy / nup) / (1 - kappa * mass / (4 * nup))
                       : std::numeric_limits<double>::infinity();
  for (const auto& c : hartreeOrbitals(H, c0, times)) r.norm.push_back(formNorm(c));
  const double tEnd = times.empty() ? 0.0 : times.back();
  const int samples = static_cast<int>(std::min(20000.0, std::max(200.0, std::ceil(16 * nu * H.modes() * tEnd))));
  std::vector<double> grid(samples + 1);
  for (int i = 0; i <= samples; ++i) grid[i] = tEnd * i / samples;
  r.supremum = r.initial;
  for (const auto& c : hartreeOrbitals(H, c0, grid)) r.supremum = std::max(r.supremum, formNorm(c));
  for (double x : r.norm) r.supremum = std::max(r.supremum, x);
  return r;
}

}  // namespace cbec
