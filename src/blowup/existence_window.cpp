#include <cbec/blowup/existence_window.hpp>

#include <cbec/hamiltonian/hamiltonian.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/soliton/townes_profile.hpp>
#include <cbec/soliton/townes_regime.hpp>
#include <cbec/solver/auto_grid.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>

namespace cbec {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Carried {   ///< the state carried along a12
  std::optional<Grid> grid;
  State u;
  double ell = 1;
};

double trapEnergy(const EnergyTerms& t) {
  double s = 0;
  for (double v : t.trap) s += v;
  return s;
}

/// E(u_λ) = λ²(K - P) + Σ_i λ^{-p_i} T_i.
double dilatedEnergy(const EnergyTerms& t, double kmp, const Mixture& m, double lambda) {
  double e = lambda * lambda * kmp;
  for (int s = 0; s < m.speciesCount(); ++s) e += std::pow(lambda, -m.species(s).trap.exponent()) * t.trap[s];
  return e;
}

WindowPoint minimise(const Mixture& m, Carried& carried, const WindowOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  WindowPoint pt;
  pt.a12 = m.coupling(0, 1);
  pt.refined_kinetic_minus_interaction = std::numeric_limits<double>::quiet_NaN();
  pt.regime = classifyRegime(m).name();
  const auto& z = m.species(0).trap.centre();
  double ellGrid = std::max(1.0, carried.ell);
  std::optional<Grid> from = carried.grid;
  State u = carried.u;
  SolverOptions so = o.solver;
  so.keep_history = false;
  pt.verdict = "unresolved";
  int regrids = 0;
  std::optional<Grid> g;
  std::optional<Hamiltonian> h;
  double gridKey = -1, boxScale = 1, pointScale = 1;
  for (int chunk = 0; chunk < o.max_chunks; ++chunk) {
    const double key = ellGrid * 1e6 + boxScale * 1e3 + pointScale;
    if (gridKey != key) {
      gridKey = key;
      const double box = boxScale * std::min(o.box_max, o.box_factor / ellGrid);
      const int n = fftFriendlySize(std::max(64, static_cast<int>(std::ceil(box * o.points_per_length * pointScale * ellGrid))));
      if (n > o.max_points) {
        if (o.log) o.log(fmt::format("  a12 = {:.6f}: the grid would need {} points per direction (> {}): stop", pt.a12, n, o.max_points));
        break;
      }
      g.emplace(2, n, box, z);
      h.emplace(m, *g, so.threads, so.measure);
    }
    State init = from ? transferState(*from, u, *g) : initialGuess(m, *g);
    for (Field& f : init) f.reshape(g->shape());   // a spectral transfer returns unshaped fields; evaluate() needs the shape
    so.tolerance = o.solver.tolerance * std::max(1.0, ellGrid);
    so.energy_tolerance = o.solver.energy_tolerance * std::max(1.0, ellGrid * ellGrid);
    so.max_iterations = o.chunk;
    auto record = [&](const State& st, const EnergyTerms& terms, double energy, long iterations, bool converged) {
      WindowStep step;
      step.ell_grid = ellGrid;
      step.energy = energy;
      step.iterations = iterations;
      step.converged = converged;
      for (int s = 0; s < 2; ++s) {
        step.ell_measured = std::max(step.ell_measured, std::sqrt(terms.kinetic[s] / m.fraction(s)));
        step.high_modes = std::max(step.high_modes, h->fourier().highModeFraction(st[s]));
        step.boundary = std::max(step.boundary, g->boundaryMax(st[s]) / *std::max_element(st[s].begin(), st[s].end()));
      }
      step.kinetic_minus_interaction = energy - trapEnergy(terms);
      return step;
    };
    // A certificate needs the sign of K - P of a genuine H¹ state: resolved (top modes ≤ 1e-8), or its
    // trigonometric interpolant, evaluated on the same box with twice the points (exact Fourier resampling; |u|⁴
    // then nearly free of aliasing), keeps K - P < 0.
    auto isCertificate = [&](const State& st, const WindowStep& step) {
      if (!(step.kinetic_minus_interaction < 0) || step.boundary > 1e-6) return false;   // inside the box
      if (step.high_modes <= 1e-8) return true;
      if (step.high_modes > 1e-2) return false;
      const Grid fine(2, 2 * g->points(), g->box(), z);
      Hamiltonian hf(m, fine, so.threads, false);
      State onFine = transferState(*g, st, fine);
      for (Field& f : onFine) f.reshape(fine.shape());
      const Evaluation ev = hf.evaluate(onFine);
      pt.refined_kinetic_minus_interaction = ev.energy - trapEnergy(ev.terms);
      return pt.refined_kinetic_minus_interaction < 0;
    };
    auto certify = [&](const WindowStep& step, const EnergyTerms& terms) {
      pt.verdict = "unbounded";
      pt.dilated_energy.clear();
      for (double l : {2.0, 4.0}) pt.dilated_energy.push_back(dilatedEnergy(terms, step.kinetic_minus_interaction, m, l));
    };
    // The state carried in may already be a certificate (K - P < 0, resolved on this grid).
    if (chunk == 0 && from) {
      const Evaluation ev = h->evaluate(init);
      const WindowStep s0 = record(init, ev.terms, ev.energy, 0, false);
      pt.steps.push_back(s0);
      pt.energy = ev.energy;
      pt.ell = s0.ell_measured;
      pt.kinetic_minus_interaction = s0.kinetic_minus_interaction;
      pt.trap = trapEnergy(ev.terms);
      if (isCertificate(init, s0)) {
        certify(s0, ev.terms);
        if (o.log)
          o.log(fmt::format("  a12 = {:.6f}: the state carried in has K - P = {:.4e} < 0 here: unbounded", pt.a12,
                            s0.kinetic_minus_interaction));
        break;
      }
    }
    const GroundStateResult r = groundState(*h, so, &init);
    const WindowStep step = record(r.u, r.terms, r.energy, r.iterations, r.converged);
    pt.steps.push_back(step);
    pt.energy = r.energy;
    pt.ell = step.ell_measured;
    pt.kinetic_minus_interaction = step.kinetic_minus_interaction;
    pt.trap = trapEnergy(r.terms);
    pt.ell_species.clear();
    for (int s = 0; s < 2; ++s) pt.ell_species.push_back(std::sqrt(r.terms.kinetic[s] / m.fraction(s)));
    const bool resolved = step.high_modes <= 1e-8 && step.boundary <= 1e-9;
    // A certificate needs the sign of K - P of a genuine H¹ state: the state's trigonometric interpolant,
    // evaluated on the same box with twice the points (exact Fourier resampling; |u|⁴ then nearly free of
    // aliasing), must keep K - P < 0.
    if (isCertificate(r.u, step)) {
      certify(step, r.terms);
      if (o.log)
        o.log(fmt::format("  a12 = {:.6f}: state with K - P = {:.4e} < 0 ({:.4e} on the 2x grid, high modes {:.1e}) at "
                          "ℓ = {:.5g}, E = {:.8g}: unbounded (E(u_λ) = {:.6g}, {:.6g} at λ = 2, 4)",
                          pt.a12, step.kinetic_minus_interaction, pt.refined_kinetic_minus_interaction, step.high_modes,
                          step.ell_measured, r.energy, pt.dilated_energy[0], pt.dilated_energy[1]));
      break;
    }
    const bool fits = step.ell_measured <= 1.25 * ellGrid && (step.ell_measured >= 0.5 * ellGrid || ellGrid <= 1.0);
    from = *g;
    u = r.u;
    if (resolved && fits && r.converged) {
      pt.verdict = "attained";
      double pT = 0;
      for (int s = 0; s < 2; ++s) pT += m.species(s).trap.exponent() * r.terms.trap[s];
      pt.virial = (2 * step.kinetic_minus_interaction - pT) / std::max(std::abs(r.energy), 1e-300);
      carried = Carried{*g, r.u, step.ell_measured};
      if (o.log)
        o.log(fmt::format("  a12 = {:.6f}: attained, E = {:.10g}, ℓ = {:.5g}, K - P = {:.4e}, virial {:.1e}, {} chunks",
                          pt.a12, r.energy, step.ell_measured, step.kinetic_minus_interaction, pt.virial, chunk + 1));
      break;
    }
    // the scale left the grid: follow it; else the box (boundary) or the resolution (top modes) is enlarged
    double next = ellGrid;
    if (step.ell_measured > 1.25 * ellGrid) next = std::max(step.ell_measured, 1.5 * ellGrid);
    else if (step.ell_measured < 0.5 * ellGrid && ellGrid > 1.0) next = std::max(1.0, step.ell_measured);
    if (next != ellGrid) {
      boxScale = pointScale = 1;
      if (o.log)
        o.log(fmt::format("  a12 = {:.6f}: E = {:.10g}, ℓ = {:.5g} (grid {:.4g}), K - P = {:.4e}: re-grid", pt.a12, r.energy,
                          step.ell_measured, ellGrid, step.kinetic_minus_interaction));
      if (++regrids > o.max_regrids || next > o.max_scale) break;
      ellGrid = next;
    } else if (step.boundary > 1e-9) {
      boxScale *= 1.25;
    } else if (step.high_modes > 1e-8) {
      pointScale *= 1.5;
    }
  }
  pt.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return pt;
}

}  // namespace

WindowStudy runWindowStudy(const Mixture& base, const WindowOptions& o) {
  if (base.dimension() != 2 || base.speciesCount() != 2 || !base.pair().isContact())
    throw InputError("the existence-window study needs two species, contact interaction, dimension 2");
  const auto& z1 = base.species(0).trap.centre();
  const auto& z2 = base.species(1).trap.centre();
  if (std::hypot(z1[0] - z2[0], z1[1] - z2[1]) != 0) throw InputError("the existence-window study needs z1 = z2");
  const double aStar = TownesProfile::standard().aStar();
  WindowStudy st;
  st.c1 = base.fraction(0);
  st.a1 = base.coupling(0, 0);
  st.a2 = base.coupling(1, 1);
  const double c1 = st.c1, c2 = base.fraction(1);
  if (!(st.a1 > 0 && st.a1 < aStar && st.a2 > 0 && st.a2 < aStar))
    throw InputError("the existence-window study needs 0 < a1, a2 < a_*");
  st.lower = std::sqrt((aStar - st.a1) * (aStar - st.a2) / (c1 * c2));
  st.upper = (aStar - c1 * st.a1 - c2 * st.a2) / (2 * c1 * c2);
  std::vector<double> values = o.a12;
  if (values.empty())
    for (int i = 0; i < o.count; ++i)
      values.push_back(st.lower - 0.5 + (st.upper + 0.3 - (st.lower - 0.5)) * i / std::max(1, o.count - 1));
  std::sort(values.begin(), values.end());
  auto at = [&](double a12) {
    Eigen::MatrixXd inter = Eigen::MatrixXd::Zero(2, 2);
    inter(0, 1) = inter(1, 0) = a12;
    return base.withCouplings({st.a1, st.a2}, inter);
  };
  Carried carried;
  std::vector<Carried> attainedStates;
  st.bracket_low = st.bracket_high = kNaN;
  Carried lastAttained;
  for (double a12 : values) {
    if (o.log) o.log(fmt::format("a12 = {:.6f}", a12));
    Carried c = carried;
    WindowPoint p = minimise(at(a12), c, o);
    if (p.verdict == "attained") {
      carried = c;
      lastAttained = c;
      st.bracket_low = a12;
    } else if (p.verdict == "unbounded" && std::isnan(st.bracket_high)) {
      st.bracket_high = a12;
    }
    st.points.push_back(std::move(p));
  }
  // bisection of [last attained, first unbounded above it]
  if (!std::isnan(st.bracket_low) && !std::isnan(st.bracket_high) && st.bracket_low < st.bracket_high)
    for (int b = 0; b < o.bisections; ++b) {
      const double mid = 0.5 * (st.bracket_low + st.bracket_high);
      if (o.log) o.log(fmt::format("bisection: a12 = {:.6f}", mid));
      Carried c = lastAttained;
      WindowPoint p = minimise(at(mid), c, o);
      p.bisection = true;
      if (p.verdict == "attained") { st.bracket_low = mid; lastAttained = c; }
      else if (p.verdict == "unbounded") st.bracket_high = mid;
      else { st.points.push_back(std::move(p)); st.warnings.push_back(fmt::format("bisection point a12 = {} unresolved", mid)); break; }
      st.points.push_back(std::move(p));
    }
  std::sort(st.points.begin(), st.points.end(), [](const WindowPoint& a, const WindowPoint& b) { return a.a12 < b.a12; });
  // E² linear in a12 near the threshold: the line through the two attained points closest below the bracket.
  std::vector<const WindowPoint*> att;
  for (const auto& p : st.points)
    if (p.verdict == "attained") att.push_back(&p);
  st.threshold_fit = kNaN;
  if (att.size() >= 2) {
    const WindowPoint& a = *att[att.size() - 2];
    const WindowPoint& b = *att.back();
    // E ~ (a12_c - a12)^{p0/(p0+2)} near the threshold (as on the theorem-2 path): E^{(p0+2)/p0} is linear
    const double p0 = std::min(base.species(0).trap.exponent(), base.species(1).trap.exponent());
    const double ea = std::pow(a.energy, (p0 + 2) / p0), eb = std::pow(b.energy, (p0 + 2) / p0);
    if (ea != eb) st.threshold_fit = b.a12 - eb * (b.a12 - a.a12) / (eb - ea);
  }
  for (const auto& p : st.points)
    if (p.verdict == "unresolved") st.warnings.push_back(fmt::format("a12 = {}: unresolved within the re-gridding limits", p.a12));
  return st;
}

}  // namespace cbec
