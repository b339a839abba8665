#include <cbec/blowup/cross_term.hpp>

#include <cbec/hamiltonian/hamiltonian.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/numerics/gauss_legendre.hpp>
#include <cbec/soliton/townes_profile.hpp>
#include <cbec/solver/auto_grid.hpp>

#include <Eigen/Dense>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>

namespace cbec {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Σ over panels of Gauss–Legendre sums of exp(L(σ,τ) - ref) on [0, σmax] × [0, π], times 2 (y < 0).
double ellipticSum(const RadialLogProfile& u1, const RadialLogProfile& u2, double D, double ref, int order,
                   double sigmaMax, int nSigma, int nTau) {
  std::vector<double> x, w;
  gaussLegendre(order, 0.0, 1.0, x, w);
  const double hs = sigmaMax / nSigma, ht = M_PI / nTau;
  double total = 0;
  for (int i = 0; i < nSigma; ++i)
    for (int qi = 0; qi < order; ++qi) {
      const double s = (i + x[qi]) * hs, ch = std::cosh(s), sh = std::sinh(s);
      double row = 0;
      for (int j = 0; j < nTau; ++j)
        for (int qj = 0; qj < order; ++qj) {
          const double t = (j + x[qj]) * ht, c = std::cos(t), sn = std::sin(t);
          const double r1 = 0.5 * D * (ch + c), r2 = std::max(0.0, 0.5 * D * (ch - c));
          const double jac = 0.25 * D * D * (sh * sh + sn * sn);
          if (jac <= 0) continue;
          row += w[qj] * std::exp(2 * u1.logValue(r1) + 2 * u2.logValue(r2) + std::log(jac) - ref);
        }
      total += w[qi] * row * ht;
    }
  return 2 * total * hs;
}

}  // namespace

OverlapIntegral overlapIntegral(const RadialLogProfile& u1, const RadialLogProfile& u2, double D) {
  if (!(D > 0)) throw InputError(fmt::format("overlap integral: the separation must be positive (D = {})", D));
  const double kmin = std::min(u1.kappa(), u2.kappa());
  const double kd = kmin * D;
  const double sigmaMax = std::acosh(1 + 30.0 / kd);   // 2κ(r1 + r2 - D) ≥ 60 beyond
  if (0.5 * D * (std::cosh(sigmaMax) + 1) > std::min(u1.maxRadius(), u2.maxRadius()))
    throw InputError("overlap integral: the profiles do not reach D + 15/κ");
  const double width = 0.25 / std::sqrt(kd);
  const int nSigma = std::max(4, static_cast<int>(std::ceil(sigmaMax / width)));
  const int nTau = std::max(8, static_cast<int>(std::ceil(M_PI / width)));
  const double ref = std::max(2 * u1.logValue(D) + 2 * u2.logValue(0), 2 * u1.logValue(0) + 2 * u2.logValue(D)) +
                     std::log(D * D);
  const double s16 = ellipticSum(u1, u2, D, ref, 16, sigmaMax, nSigma, nTau);
  const double s12 = ellipticSum(u1, u2, D, ref, 12, sigmaMax, nSigma, nTau);
  OverlapIntegral out;
  out.log_value = ref + std::log(s16);
  out.value = std::exp(out.log_value);
  out.quadrature_error = std::abs(s16 - s12) / s16;
  return out;
}

Relaxation relaxationEnergy(const RadialLogProfile& self, double p, double a, const std::vector<double>& zs,
                            const RadialLogProfile& partner, const std::vector<double>& zp, double weight,
                            const RelaxationOptions& o) {
  const double D = std::hypot(zs[0] - zp[0], zs[1] - zp[1]);
  const bool full = D * std::min(self.kappa(), partner.kappa()) <= o.full_below;
  const double kmax = std::max(self.kappa(), partner.kappa()), kmin = std::min(self.kappa(), partner.kappa());
  // full: a grid covering both centres (the soft global modes of u_self); local: a box around the partner
  const double box = full ? D + o.box_factor / kmin : o.box_factor / partner.kappa();
  const std::vector<double> centre = full ? std::vector<double>{0.5 * (zs[0] + zp[0]), 0.5 * (zs[1] + zp[1])} : zp;
  const int n = fftFriendlySize(static_cast<int>(std::ceil(box * o.points_per_length * kmax)));
  const Grid g(2, n, box, centre);
  FourierTransform fourier(g, o.threads, false);
  const double logWeight = std::log(weight), wD = self.logValue(D);
  Field U(g.shape()), src(g.shape()), u(g.shape());
  std::array<double, 3> x{};
  for (size_t i = 0; i < g.size(); ++i) {
    g.point(i, x.data());
    const double rs = std::hypot(x[0] - zs[0], x[1] - zs[1]), rp = std::hypot(x[0] - zp[0], x[1] - zp[1]);
    const double logW = logWeight + 2 * partner.logValue(rp);
    const double W = logW < -700 ? 0.0 : std::exp(logW);
    const double ws = self.logValue(rs);
    u[i] = ws < -700 ? 0.0 : std::exp(ws);
    U[i] = std::pow(rs, p) - self.mu() + W - (full ? 3 * a * u[i] * u[i] : 0.0);
    const double lg = logW + ws - wD;
    src[i] = lg < -700 ? 0.0 : std::exp(lg);
  }
  const double unorm = g.norm(u);
  for (double& v : u) v /= unorm;
  // P v = v - ⟨u, v⟩u: the tangent space of the sphere at u_self (full only)
  auto project = [&](Field& v) {
    if (!full) return;
    const double c = g.dot(u, v);
    for (size_t i = 0; i < v.size(); ++i) v[i] -= c * u[i];
  };
  const double alpha = -self.mu() + std::pow(D, p);
  auto apply = [&](const Field& v, Field& out) {
    fourier.laplacianNeg(v, out);
    for (size_t i = 0; i < v.size(); ++i) out[i] += U[i] * v[i];
    project(out);
  };
  // Projected PCG for P(-Δ + U)P v = P src, preconditioner P(α - Δ)^{-1}P.
  Field v(g.shape(), 0.0), r = src, z(g.shape()), Ap(g.shape());
  project(r);
  fourier.applyResolvent(r, alpha, 1.0, z);
  project(z);
  Field pdir = z;
  double rz = g.dot(r, z);
  const double gnorm = g.norm(r);
  Relaxation out;
  out.points = n;
  out.full = full;
  for (int it = 0; it < o.max_iterations; ++it) {
    apply(pdir, Ap);
    const double step = rz / g.dot(pdir, Ap);
    for (size_t i = 0; i < v.size(); ++i) { v[i] += step * pdir[i]; r[i] -= step * Ap[i]; }
    out.iterations = it + 1;
    out.residual = g.norm(r) / gnorm;
    if (out.residual <= o.tolerance) break;
    fourier.applyResolvent(r, alpha, 1.0, z);
    project(z);
    const double rzNew = g.dot(r, z);
    const double beta = rzNew / rz;
    rz = rzNew;
    for (size_t i = 0; i < v.size(); ++i) pdir[i] = z[i] + beta * pdir[i];
  }
  out.log_value = 2 * wD + std::log(g.dot(src, v));
  out.value = std::exp(out.log_value);
  return out;
}

ExponentialFit fitExponentialDecay(const std::vector<double>& x, const std::vector<double>& ly) {
  ExponentialFit f;
  f.points = static_cast<int>(x.size());
  if (x.size() < 3) {
    f.rate = f.power = f.log_prefactor = kNaN;
    return f;
  }
  Eigen::MatrixXd A(x.size(), 3);
  Eigen::VectorXd b(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    A(i, 0) = 1;
    A(i, 1) = std::log(x[i]);
    A(i, 2) = -x[i];
    b(i) = ly[i];
  }
  const Eigen::VectorXd c = A.colPivHouseholderQr().solve(b);
  f.log_prefactor = c(0);
  f.power = c(1);
  f.rate = c(2);
  f.max_residual = (A * c - b).cwiseAbs().maxCoeff();
  return f;
}

namespace {

/// One species' ground state along the path on its own concentration grid (centred at the origin, box
/// K/ℓ, the same n at every d: the warm start is the previous array dilated, u ↦ s u(s·), exactly).
class SingleSpeciesTrack {
 public:
  SingleSpeciesTrack(double p, const CrossTermOptions& o) : p_(p), o_(o) {}

  struct Solution {
    double energy, mu, ell_measured;
    std::optional<RadialLogProfile> profile;
  };

  Solution solve(double a, double ell, double rMax) {
    const double box = o_.box_factor / ell;
    if (!n_) n_ = fftFriendlySize(static_cast<int>(std::ceil(o_.box_factor * o_.points_per_length)));
    const Grid g(2, n_, box);
    const Mixture m(2, {Species{"A", 1.0, a, Trap::power(p_, {0.0, 0.0})}}, Eigen::MatrixXd::Zero(1, 1));
    Hamiltonian h(m, g, o_.solver.threads, o_.solver.measure);
    State init;
    if (prev_.empty()) {
      const auto& Q = TownesProfile::standard();
      init.push_back(g.sample([&](const double* x) { return ell * Q.normalised(ell * std::hypot(x[0], x[1])); }));
    } else {
      Field f = prev_;
      for (double& v : f) v *= ell / prevEll_;
      init.push_back(std::move(f));
    }
    normalise(g, init);
    SolverOptions so = o_.solver;
    so.tolerance = o_.solver.tolerance * std::max(1.0, ell);
    so.energy_tolerance = o_.solver.energy_tolerance * std::max(1.0, ell * ell);
    so.keep_history = false;
    const GroundStateResult r = groundState(h, so, &init);
    if (!r.converged)
      warnings.push_back(fmt::format("single species (a = {:.12g}): not converged, residual {:.2e}", a, r.residual));
    prev_ = r.u[0];
    prevEll_ = ell;
    Solution s{r.energy, r.mu[0], 0, std::nullopt};
    s.profile.emplace(h.fourier(), r.u[0], std::vector<double>{0.0, 0.0}, p_, a, r.mu[0], rMax, o_.tail);
    return s;
  }
  std::vector<std::string> warnings;

 private:
  double p_;
  const CrossTermOptions& o_;
  int n_ = 0;
  Field prev_;
  double prevEll_ = 0;
};

/// E - c1E1 - c2E2 from three solves on one grid covering both centres (warm starts from the profiles).
double energyDifference(const Mixture& coupled, const std::vector<const RadialLogProfile*>& prof,
                        const std::vector<double>& ell, const CrossTermOptions& o, double& coupledEnergy,
                        int& points) {
  const auto& z1 = coupled.species(0).trap.centre();
  const auto& z2 = coupled.species(1).trap.centre();
  const double D = std::hypot(z1[0] - z2[0], z1[1] - z2[1]);
  const double lmin = std::min(ell[0], ell[1]), lmax = std::max(ell[0], ell[1]);
  const double box = D + o.box_factor / lmin;
  const int n = fftFriendlySize(static_cast<int>(std::ceil(box * o.points_per_length * lmax)));
  points = n;
  const Grid g(2, n, box, {0.5 * (z1[0] + z2[0]), 0.5 * (z1[1] + z2[1])});
  State init;
  for (int s = 0; s < 2; ++s) {
    const auto& z = coupled.species(s).trap.centre();
    init.push_back(g.sample([&](const double* x) {
      const double r = std::hypot(x[0] - z[0], x[1] - z[1]);
      return r > prof[s]->maxRadius() ? 0.0 : prof[s]->value(r);
    }));
  }
  normalise(g, init);
  SolverOptions so = o.solver;
  so.tolerance = o.solver.tolerance * std::max(1.0, lmax);
  so.energy_tolerance = o.solver.energy_tolerance * std::max(1.0, lmax * lmax);
  so.keep_history = false;
  const GroundStateResult rc = solveInGridFrame(coupled, g, so, &init);
  coupledEnergy = rc.energy;
  double diff = rc.energy;
  for (int s = 0; s < 2; ++s) {
    Species sp = coupled.species(s);
    sp.fraction = 1.0;
    const Mixture single(2, {sp}, Eigen::MatrixXd::Zero(1, 1));
    State one{init[s]};
    const GroundStateResult rs = solveInGridFrame(single, g, so, &one);
    diff -= coupled.fraction(s) * rs.energy;
  }
  return diff;
}

}  // namespace

CrossTermStudy runCrossTermStudy(const BlowupPath& path, const Mixture& base, const CrossTermOptions& o) {
  if (path.kind() != BlowupPath::Kind::Theorem3) throw InputError("the cross-term study follows the theorem3 path");
  CrossTermStudy study;
  const auto z = path.blowupPoints();
  const double D0 = std::hypot(z[0][0] - z[1][0], z[0][1] - z[1][1]);
  study.separation = D0;
  study.a12 = base.coupling(0, 1);
  const double absA12 = std::abs(study.a12);
  for (int s = 0; s < 2; ++s) {
    study.fractions.push_back(base.fraction(s));
    study.powers.push_back(base.species(s).trap.exponent());
  }
  const double c1 = study.fractions[0], c2 = study.fractions[1];
  const std::vector<double> e{(z[1][0] - z[0][0]) / D0, (z[1][1] - z[0][1]) / D0};
  for (double d : o.distances) path.requireDistance(d);
  if (o.distances.empty()) throw InputError("the cross-term study needs at least one distance");
  for (double D : o.separations)
    if (!(D > 0)) throw InputError(fmt::format("separations must be positive, got {}", D));
  if (!o.separations.empty()) path.requireDistance(o.separation_distance);
  double Dmax = D0;
  for (double D : o.separations) Dmax = std::max(Dmax, D);

  std::vector<double> ds = o.distances;
  std::sort(ds.begin(), ds.end(), std::greater<>());
  const bool scanD = !o.separations.empty();
  if (scanD && std::find(ds.begin(), ds.end(), o.separation_distance) == ds.end()) {
    ds.push_back(o.separation_distance);
    std::sort(ds.begin(), ds.end(), std::greater<>());
  }
  std::vector<SingleSpeciesTrack> tracks{SingleSpeciesTrack(study.powers[0], o), SingleSpeciesTrack(study.powers[1], o)};
  study.Lambda = path.predictedScale(1.0)[0];

  for (double d : ds) {
    const auto start = std::chrono::steady_clock::now();
    const Mixture m = path.mixtureAt(d);
    const std::vector<double> ell = path.predictedScale(d);
    std::vector<SingleSpeciesTrack::Solution> sol;
    for (int s = 0; s < 2; ++s)
      sol.push_back(tracks[s].solve(m.coupling(s, s), ell[s], Dmax + 60.0 / std::min(ell[0], ell[1])));
    const double single = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    auto point = [&](double D, bool onPath) {
      const auto t0 = std::chrono::steady_clock::now();
      CrossTermPoint pt;
      pt.distance = d;
      pt.separation = D;
      const std::vector<double> z1 = z[0], z2{z[0][0] + D * e[0], z[0][1] + D * e[1]};
      for (int s = 0; s < 2; ++s) {
        pt.a.push_back(m.coupling(s, s));
        pt.mu.push_back(sol[s].mu);
        pt.kappa.push_back(std::sqrt(-sol[s].mu));
        pt.ell.push_back(ell[s]);
        pt.single_energy.push_back(sol[s].energy);
        pt.tail_mismatch.push_back(sol[s].profile->tailMismatch());
      }
      const RadialLogProfile& u1 = *sol[0].profile;
      const RadialLogProfile& u2 = *sol[1].profile;
      const OverlapIntegral I = overlapIntegral(u1, u2, D);
      pt.overlap = I.value;
      pt.log_overlap = I.log_value;
      pt.quadrature_error = I.quadrature_error;
      const Relaxation R1 = relaxationEnergy(u1, study.powers[0], pt.a[0], z1, u2, z2, c2 * absA12, o.relaxation);
      const Relaxation R2 = relaxationEnergy(u2, study.powers[1], pt.a[1], z2, u1, z1, c1 * absA12, o.relaxation);
      pt.relaxation = {R1.value, R2.value};
      pt.log_relaxation = {R1.log_value, R2.log_value};
      pt.relaxation_full = R1.full;
      pt.relaxation_iterations = {R1.iterations, R2.iterations};
      pt.log_first_order = std::log(c1 * c2 * absA12) + I.log_value;
      pt.first_order = std::exp(pt.log_first_order);
      // Δ = F1 (1 - (c1R1 + c2R2)/F1), in logs
      const double frac = c1 * std::exp(R1.log_value - pt.log_first_order) + c2 * std::exp(R2.log_value - pt.log_first_order);
      pt.expansion = frac;
      pt.log_direct = frac < 1 ? pt.log_first_order + std::log1p(-frac) : kNaN;
      if (frac >= 0.1)
        study.warnings.push_back(fmt::format("d = {:g}, |z1-z2| = {:g}: the relaxation is {:.3g} of the first order (κD = {:.3g}): "
                                             "the second-order formula is not reliable there{}",
                                             d, D, frac, pt.kappa[0] * D, frac >= 1 ? " (Δ not computed)" : ""));
      pt.direct = std::exp(pt.log_direct);
      pt.energy_difference = kNaN;
      pt.coupled_energy = kNaN;
      if (pt.first_order > o.compare_above) {
        Eigen::MatrixXd inter = Eigen::MatrixXd::Zero(2, 2);
        inter(0, 1) = inter(1, 0) = study.a12;
        std::vector<Species> sp{m.species(0), m.species(1)};
        sp[0].trap = Trap::power(study.powers[0], z1);
        sp[1].trap = Trap::power(study.powers[1], z2);
        const Mixture coupled(2, sp, inter);
        pt.energy_difference = energyDifference(coupled, {&u1, &u2}, ell, o, pt.coupled_energy, pt.coupled_points);
      }
      pt.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() + (onPath ? single : 0);
      if (o.log)
        o.log(fmt::format("d = {:.2e}  D = {:.3g}  κ = {:.6g}  κD = {:.4g}  I = {:.6e}  R = {:.4e}, {:.4e}  Δ = {:.10e}  "
                          "E-c1E1-c2E2 = {:.10e}  tail mismatch {:.1e}  relaxation {}: {}+{} it  {:.1f} s",
                          d, D, pt.kappa[0], pt.kappa[0] * D, I.value, R1.value, R2.value, pt.direct,
                          pt.energy_difference, std::max(pt.tail_mismatch[0], pt.tail_mismatch[1]), R1.full ? "full" : "local",
                          R1.iterations, R2.iterations, pt.seconds));
      return pt;
    };
    if (std::find(o.distances.begin(), o.distances.end(), d) != o.distances.end()) study.path.push_back(point(D0, true));
    if (scanD && d == o.separation_distance)
      for (double D : o.separations) study.separation_scan.push_back(point(D, false));
  }
  for (auto& t : tracks) study.warnings.insert(study.warnings.end(), t.warnings.begin(), t.warnings.end());

  // Fits: along the path against ℓ_1 (points with κD ≥ 6), and against D at fixed d.
  std::vector<double> xs, ys;
  for (const auto& p : study.path)
    if (p.kappa[0] * p.separation >= 6 && std::isfinite(p.log_direct)) { xs.push_back(p.ell[0]); ys.push_back(p.log_direct); }
  study.path_fit = fitExponentialDecay(xs, ys);
  for (size_t i = 1; i < study.path.size(); ++i) {
    const auto& a = study.path[i - 1];
    const auto& b = study.path[i];
    study.local_rate.push_back(-(b.log_direct - a.log_direct) / (b.ell[0] - a.ell[0]) / D0);
  }
  xs.clear();
  ys.clear();
  for (const auto& p : study.separation_scan)
    if (std::isfinite(p.log_direct) && p.expansion < 0.1) { xs.push_back(p.separation); ys.push_back(p.log_direct); }
  study.separation_fit = fitExponentialDecay(xs, ys);
  if (study.path_fit.points < 3)
    study.warnings.push_back("fewer than three path points with κD ≥ 6: the decay rate along the path is not fitted");
  return study;
}

}  // namespace cbec
