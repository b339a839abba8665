#include <cbec/blowup/blowup_scan.hpp>

#include <cbec/blowup/rescaled_profile.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/mpi/gather.hpp>
#include <cbec/io/memory_limit.hpp>
#include <cbec/io/progress.hpp>
#include <cbec/numerics/power_law_fit.hpp>
#include <cbec/soliton/townes_profile.hpp>
#include <cbec/soliton/townes_regime.hpp>
#include <cbec/solver/auto_grid.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

namespace cbec {

double asymptoticExponent(const std::vector<double>& x, const std::vector<double>& y, size_t last) {
  std::vector<size_t> idx(x.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](size_t i, size_t j) { return x[i] < x[j]; });
  idx.resize(std::min(last, idx.size()));
  std::vector<double> xs, ys;
  for (size_t i : idx) xs.push_back(x[i]), ys.push_back(y[i]);
  return fitPowerLaw(xs, ys).exponent;
}

// JointBogoliubovResult as JSON (NaN as null, both ways: the tail is NaN below the continuum).
namespace {
nlohmann::json num(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }
double num(const nlohmann::json& j) { return j.is_null() ? std::numeric_limits<double>::quiet_NaN() : j.get<double>(); }
}  // namespace
void to_json(nlohmann::json& j, const JointBogoliubovResult& r) {
  j = {{"e_B", num(r.e_B)}, {"e_B_last", num(r.e_B_last)}, {"e_B_coarse", num(r.e_B_coarse)},
       {"uncertainty", num(r.uncertainty)}, {"mode_uncertainty", num(r.mode_uncertainty)},
       {"grid_uncertainty", num(r.grid_uncertainty)}, {"cutoff", num(r.cutoff)}, {"tail", num(r.tail)},
       {"hartree_energy", num(r.hartree_energy)}, {"mu", r.mu}, {"depletion", r.depletion},
       {"excitations", r.excitations}, {"points", r.points}, {"box", r.box}, {"converged", r.converged},
       {"why", r.why}, {"seconds", r.seconds}, {"e_B_corrected", num(r.e_B_corrected)},
       {"corrected_uncertainty", num(r.corrected_uncertainty)}, {"rung_modes", r.rung_modes}, {"rung_e_B", r.rung_e_B},
       {"rung_cutoff", r.rung_cutoff}, {"rung_tail", nlohmann::json::array()}};
  for (double t : r.rung_tail) j["rung_tail"].push_back(num(t));
}
void from_json(const nlohmann::json& j, JointBogoliubovResult& r) {
  r.e_B = num(j.at("e_B"));
  r.e_B_last = num(j.at("e_B_last"));
  r.e_B_coarse = num(j.at("e_B_coarse"));
  r.uncertainty = num(j.at("uncertainty"));
  r.mode_uncertainty = num(j.at("mode_uncertainty"));
  r.grid_uncertainty = num(j.at("grid_uncertainty"));
  r.cutoff = num(j.at("cutoff"));
  r.tail = num(j.at("tail"));
  r.hartree_energy = num(j.at("hartree_energy"));
  j.at("mu").get_to(r.mu);
  j.at("depletion").get_to(r.depletion);
  j.at("excitations").get_to(r.excitations);
  r.points = j.at("points").get<int>();
  r.box = j.at("box").get<double>();
  r.converged = j.at("converged").get<bool>();
  r.why = j.at("why").get<std::string>();
  r.seconds = j.at("seconds").get<double>();
  r.e_B_corrected = num(j.at("e_B_corrected"));
  r.corrected_uncertainty = num(j.at("corrected_uncertainty"));
  j.at("rung_modes").get_to(r.rung_modes);
  j.at("rung_e_B").get_to(r.rung_e_B);
  j.at("rung_cutoff").get_to(r.rung_cutoff);
  r.rung_tail.clear();
  for (const auto& t : j.at("rung_tail")) r.rung_tail.push_back(num(t));
}

// BlowupPoint as JSON (ADL: in the namespace of the type), for gathering the points of several ranks.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(BlowupPoint, distance, N, a, a12, energy, predicted, ratio, ell, ell_measured,
                                   error_L2, error_H1, density_error_L1, has_difference, density_difference,
                                   density_difference_bound, range, range_rescaled, gp_compared, gp_energy, gp_ratio,
                                   hartree_gp_ratio, hartree_at_gp, gp_residual, gp_converged, has_first_order, ell_hartree, has_bogoliubov, bogoliubov, grid_ok, peak, cut, residual,
                                   iterations, converged, grid_points, grid_box, boundary, high_modes, wall_seconds)

namespace {

/// The concentration-aware grid at predicted scales ℓ_i around blow-up points z_i, holding the range R = N^{-β}
/// of a Hartree pair too (R = 0: contact); `where` names the point in the refusal.
Grid concentrationGrid(const std::vector<double>& ell, const std::vector<std::vector<double>>& z,
                       const BlowupScanOptions& o, double range, const std::string& where, double boxScale = 1.0,
                       double pointScale = 1.0) {
  const double lmin = *std::min_element(ell.begin(), ell.end());
  const double lmax = *std::max_element(ell.begin(), ell.end());
  std::vector<double> centre{0.0, 0.0};
  double spread = 0;
  for (const auto& zi : z)
    for (const auto& zj : z) spread = std::max(spread, std::hypot(zi[0] - zj[0], zi[1] - zj[1]));
  for (const auto& zi : z)
    for (int k = 0; k < 2; ++k) centre[k] += zi[k] / z.size();
  const double box = boxScale * (spread + o.box_factor / lmin + o.range_box * range);
  double spacing = 1 / (pointScale * lmax * o.points_per_length);
  if (range > 0 && o.range_points > 0) spacing = std::min(spacing, range / o.range_points);
  const double needed = std::ceil(box / spacing);
  const int n = needed > o.max_points ? o.max_points + 1 : fftFriendlySize(std::max(64, static_cast<int>(needed)));
  if (n > o.max_points)
    throw InputError(fmt::format(
        "blow-up scan: the point at {} needs a grid of {:.4g} points per direction (box {:.4g} for ℓ = {:.4g}{}, "
        "spacing {:.3g}), above scan.max_points = {}; raise scan.max_points or leave the point out",
        where, std::max(static_cast<double>(n), needed), box, lmax,
        range > 0 ? fmt::format(" and the range N^-β = {:.4g}", range) : std::string(), spacing, o.max_points));
  requireMemory(groundStateMemoryBytes(2, n, static_cast<int>(ell.size())),
                fmt::format("blow-up scan: the grid of {}^2 points at scale ℓ = {:.4g}", n, lmax));
  return Grid(2, n, box, centre);
}

std::string pointName(double d, double N) {
  return N > 0 ? fmt::format("N = {:.4g} (d = {:.3e})", N, d) : fmt::format("d = {:.3e}", d);
}

/// Warm start on a new grid at new predicted scales: species i is dilated about its blow-up point z_i
/// by s_i = ℓ_new/ℓ_old, u_i ↦ s_i u_i(z_i + s_i(x - z_i)) (norm-preserving in 2D), which carries the
/// soft dilation mode of the problem. The dilation is a relabelling of the old grid (centre
/// z_i + (c - z_i)/s_i, box L/s_i), followed by transferState onto the new grid; on the theorem 1–2
/// paths the relabelled grid is the new grid itself, so the transfer is exact.
State warmStart(const Grid& from, const State& u, const std::vector<double>& ellOld, const Grid& to,
                const std::vector<double>& ellNew, const std::vector<std::vector<double>>& z) {
  State out;
  for (size_t i = 0; i < u.size(); ++i) {
    const double s = ellNew[i] / ellOld[i];
    std::vector<double> centre(2);
    for (int k = 0; k < 2; ++k) centre[k] = z[i][k] + (from.centre()[k] - z[i][k]) / s;
    const Grid dilated(2, from.points(), from.box() / s, centre);
    Field f = u[i];
    for (double& x : f) x *= s;
    out.push_back(std::move(transferState(dilated, State{std::move(f)}, to)[0]));
  }
  return out;
}


}  // namespace

void requireScanDistances(const BlowupPath& path, const std::vector<double>& distances) {
  for (double d : distances) path.requireDistance(d);
  std::vector<double> ds = distances;
  std::sort(ds.begin(), ds.end());
  if (std::adjacent_find(ds.begin(), ds.end()) != ds.end())
    throw InputError(fmt::format("the distance {} appears twice", *std::adjacent_find(ds.begin(), ds.end())));
  if (ds.empty()) throw InputError("at least one distance is needed");
}

namespace {

/// One warm-start chain: the last solution, its grid and its predicted scales.
struct Chain {
  std::optional<Grid> grid;
  State u;
  std::vector<double> ell;
  State start(const Grid& g, const std::vector<double>& ell_new, const std::vector<std::vector<double>>& z) const {
    return warmStart(*grid, u, ell, g, ell_new, z);
  }
};

/// The scales the Hartree grid resolves: the variational estimate of the Hartree minimiser's scale per species
/// (HartreeScale, joint_limit.hpp; ℓ_i when R = 0).
std::vector<double> hartreeScales(const BlowupPath& path, const HartreeScale* hs, double d, double range) {
  std::vector<double> ell = path.predictedScale(d);
  if (!hs || !(range > 0)) return ell;
  const auto gap = path.criticalGaps(d);
  const auto p = path.scalePowers();
  for (size_t s = 0; s < ell.size(); ++s) ell[s] = hs->estimate(gap[s], ell[s], p[s], range);
  return ell;
}

/// Whether the Hartree state is close enough to the GP scale (within 10% for every species) to share its grid.
bool shareGrid(const std::vector<double>& ellH, const std::vector<double>& ell) {
  for (size_t s = 0; s < ell.size(); ++s)
    if (ellH[s] < 0.9 * ell[s]) return false;
  return true;
}

/// The fit of log y against log x over the points with y > 0 (asymptoticExponent), NaN with fewer than two.
double fitPositive(const std::vector<double>& x, const std::vector<double>& y) {
  std::vector<double> xs, ys;
  for (size_t i = 0; i < x.size(); ++i)
    if (y[i] > 0) xs.push_back(x[i]), ys.push_back(y[i]);
  return xs.size() >= 2 ? asymptoticExponent(xs, ys) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

BlowupScan runBlowupScan(const BlowupPath& path, const BlowupScanOptions& o) {
  // The points (d, N), in order of decreasing d; N = 0 for the GP scan.
  std::vector<std::pair<double, double>> items;
  const JointLimit* joint = o.joint ? &*o.joint : nullptr;
  if (joint) {
    requireJointLimit(path, *joint);
    for (double n : joint->N) items.push_back({joint->distance(n), n});
  } else {
    requireScanDistances(path, o.distances);
    for (double d : o.distances) items.push_back({d, 0.0});
  }
  std::sort(items.begin(), items.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  const auto z = path.blowupPoints();
  auto rangeAt = [&](double n) { return joint ? joint->range(n) : 0.0; };
  const bool compareGp = joint && o.compare_gp;
  std::optional<HartreeScale> hs;
  if (joint) hs.emplace(joint->profile);
  const HartreeScale* hsp = hs ? &*hs : nullptr;
  for (const auto& [d, n] : items) {   // every grid before the first solve
    const auto ell = path.predictedScale(d), ellH = hartreeScales(path, hsp, d, rangeAt(n));
    const bool shared = shareGrid(ellH, ell);
    concentrationGrid(shared ? ell : ellH, z, o, rangeAt(n), pointName(d, n));
    if (compareGp && !shared) concentrationGrid(ell, z, o, 0.0, pointName(d, n));
  }

  BlowupScan scan;
  scan.path = BlowupPath::name(path.kind());
  scan.expected_exponent = path.expectedExponent();
  scan.limit_constant = path.limitConstant();
  scan.direction = path.direction();
  scan.cut_abscissae = o.cut_abscissae;
  if (scan.cut_abscissae.empty())
    for (int i = 0; i <= 64; ++i) scan.cut_abscissae.push_back(8.0 * i / 64);
  for (double x : scan.cut_abscissae) scan.Q0_cut.push_back(TownesProfile::standard().normalised(x));
  if (joint) {
    scan.joint = true;
    scan.beta = joint->beta;
    scan.gamma = joint->gamma;
    scan.window = theoremWindow(path, joint->beta);
    scan.crossover = hartreeCrossover(path, joint->beta);
    scan.in_window = joint->gamma < scan.window;
    if (!scan.in_window)
      scan.warnings.push_back(fmt::format(
          "γ = {} lies outside the window of the theorem, γ < {:.6g} at β = {} (M Theorems 1–3): E^H/E^GP → 1 is not "
          "proved there (it is expected for γ < γ_H = {:.6g}, docs/blowup.md)",
          joint->gamma, scan.window, joint->beta, scan.crossover));
  }
  const bool difference = path.commonProfile();

  Chain main, gp;
  // Over several ranks each takes a contiguous block of points (its first point from a cold start).
  const mpi::Communicator& ranks = o.ranks ? *o.ranks : mpi::Communicator::self();
  const auto [first, last] = ranks.block(items.size());
  Progress bar("blow-up scan", static_cast<long>(last - first), o.progress);
  for (size_t k = first; k < last; ++k) {
    const auto start = std::chrono::steady_clock::now();
    const auto [d, N] = items[k];
    const Mixture mGP = path.mixtureAt(d);
    const Mixture m = joint ? joint->mixtureAt(path, N) : mGP;
    const RegimeReport regime = classifyRegime(mGP);
    if (regime.regime == Regime::Unbounded) throw UnboundedEnergyError(regime.reason);
    BlowupPoint pt;
    pt.distance = d;
    pt.N = N;
    pt.ell = path.predictedScale(d);
    if (joint) {
      pt.range = joint->range(N);
      for (double l : pt.ell) pt.range_rescaled.push_back(l * pt.range);
    }
    const double lmax = *std::max_element(pt.ell.begin(), pt.ell.end());
    SolverOptions so = o.solver;
    so.tolerance = o.solver.tolerance * std::max(1.0, lmax);
    so.energy_tolerance = o.solver.energy_tolerance * std::max(1.0, lmax * lmax);
    so.label = pointName(d, N);

    // The Hartree state on a grid at its estimated scale ℓ_H holding the range; when ℓ_H is within 10% of ℓ the GP
    // state shares that grid (at ℓ; E^H(u_GP) is evaluated there too), else it is solved on its own contact grid.
    const bool shared = shareGrid(hartreeScales(path, hsp, d, pt.range), pt.ell);
    const std::vector<double> ellH = shared ? pt.ell : hartreeScales(path, hsp, d, pt.range);
    pt.ell_hartree = ellH;
    double boxScale = 1, pointScale = 1;
    GroundStateResult r, rGP;
    std::optional<Hamiltonian> f, fGP;
    for (int attempt = 0;; ++attempt) {
      Grid g = concentrationGrid(ellH, z, o, pt.range, pointName(d, N), boxScale, pointScale);
      if (compareGp) {
        Grid gg = shared ? g : concentrationGrid(pt.ell, z, o, 0.0, pointName(d, N), boxScale, pointScale);
        fGP.emplace(mGP, gg, so.threads, so.measure);
        State init = gp.grid ? gp.start(gg, pt.ell, z) : initialGuess(mGP, gg);
        rGP = groundState(*fGP, so, &init);
      }
      f.emplace(m, g, so.threads, so.measure);
      State init = main.grid ? main.start(g, ellH, z) : compareGp ? transferState(fGP->grid(), rGP.u, g)
                                                                 : initialGuess(f->mixture(), g);
      r = groundState(*f, so, &init);
      pt.boundary = 0;
      pt.high_modes = 0;
      auto check = [&](Hamiltonian& h, const GroundStateResult& res) {
        for (const Field& u : res.u) {
          double umax = *std::max_element(u.begin(), u.end());
          pt.boundary = std::max(pt.boundary, h.grid().boundaryMax(u) / umax);
          pt.high_modes = std::max(pt.high_modes, h.fourier().highModeFraction(u));
        }
      };
      check(*f, r);
      if (compareGp) check(*fGP, rGP);
      main = Chain{g, r.u, ellH};
      if (compareGp) gp = Chain{fGP->grid(), rGP.u, pt.ell};
      if (attempt >= 3) break;
      if (pt.boundary > o.boundary_tolerance) boxScale *= 1.25;
      else if (pt.high_modes > o.spectral_tolerance) pointScale *= 1.5;
      else break;
      if (o.log) o.log(fmt::format("  {}: {} iterations, boundary {:.1e}, high modes {:.1e}: refining", pointName(d, N),
                                   r.iterations, pt.boundary, pt.high_modes));
    }
    if (pt.boundary > o.boundary_tolerance || pt.high_modes > o.spectral_tolerance) {   // honest: not resolved
      pt.grid_ok = false;
    }
    const Grid& g = f->grid();
    pt.grid_points = g.points();
    pt.grid_box = g.box();
    pt.energy = r.energy;
    pt.predicted = path.predictedEnergy(d);
    pt.ratio = pt.energy / pt.predicted;
    pt.residual = r.residual;
    pt.iterations = r.iterations;
    pt.converged = r.converged && pt.grid_ok;
    for (int s = 0; s < m.speciesCount(); ++s) pt.a.push_back(m.coupling(s, s));
    pt.a12 = m.speciesCount() > 1 ? m.coupling(0, 1) : 0.0;
    for (int s = 0; s < m.speciesCount(); ++s) {
      ProfileComparison c = compareWithBlowupProfile(f->fourier(), r.u[s], pt.ell[s], z[s]);
      pt.error_L2.push_back(c.error_L2);
      pt.error_H1.push_back(c.error_H1);
      pt.density_error_L1.push_back(c.density_error_L1);
      pt.ell_measured.push_back(c.ell_measured);
      pt.peak.push_back(c.peak);
      pt.cut.push_back(rescaledCut(f->fourier(), r.u[s], pt.ell[s], z[s], scan.cut_abscissae));
    }
    if (difference) {
      pt.has_difference = true;
      pt.density_difference = rescaledDensityDifference(g, r.u[0], r.u[1], pt.ell[0]);
      // (M 4.6)/(M 4.21): (c1c2a12/2)‖ρ1 - ρ2‖² ≤ E^GP(u), the GP functional's (not stated for E^H: 0 there)
      if (!joint) {
        const double c12 = m.fraction(0) * m.fraction(1) * pt.a12;
        pt.density_difference_bound = std::sqrt(std::max(0.0, 2 * r.energy / c12)) / pt.ell[0];
      }
    }
    if (compareGp) {
      pt.gp_compared = true;
      pt.gp_energy = rGP.energy;
      pt.gp_ratio = rGP.energy / pt.predicted;
      pt.hartree_gp_ratio = r.energy / rGP.energy;
      pt.gp_residual = rGP.residual;
      pt.gp_converged = rGP.converged;
      if (shared) {   // E^H(u_GP): the GP minimiser as a trial state of the Hartree functional, on the same grid
        Evaluation ev;
        f->evaluate(rGP.u, ev);
        pt.hartree_at_gp = ev.energy;
        pt.has_first_order = true;
      }
    }
    if (joint && o.bogoliubov.modes > 0) {   // last: gridBogoliubov overwrites f's prepared fields
      double spread = 0;
      for (const auto& zi : z)
        for (const auto& zj : z) spread = std::max(spread, std::hypot(zi[0] - zj[0], zi[1] - zj[1]));
      pt.bogoliubov = jointBogoliubov(m, g, r.u, ellH, spread, o.range_box * pt.range, o.bogoliubov, so.threads);
      pt.has_bogoliubov = true;
      if (o.log)
        o.log(fmt::format("  {}: e_B = {:.8g} ± {:.2e} (M = {}, last rung {:.6g}, cutoff ε = {:.4g}, tail estimate {:.3g}: "
                          "corrected {:.6g} ± {:.2g}), e_B/N = {:.4e}, {:.1f} s{}", pointName(d, N), pt.bogoliubov.e_B,
                          pt.bogoliubov.uncertainty, o.bogoliubov.modes, pt.bogoliubov.e_B_last, pt.bogoliubov.cutoff,
                          pt.bogoliubov.tail, pt.bogoliubov.e_B_corrected, pt.bogoliubov.corrected_uncertainty,
                          pt.bogoliubov.e_B / N, pt.bogoliubov.seconds,
                          pt.bogoliubov.converged ? "" : "  (not converged)"));
    }
    pt.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (o.log)
      o.log(fmt::format("{}  E = {:.12g}  predicted {:.12g}  ratio {:.8f}{}  L2 error {:.3e}  "
                        "grid {}^2 box {:.4g}  residual {:.1e}  {} it  {:.2f} s{}",
                        pointName(d, N), pt.energy, pt.predicted, pt.ratio,
                        pt.gp_compared ? fmt::format("  E^H/E^GP {:.8f}", pt.hartree_gp_ratio) : std::string(),
                        pt.error_L2[0], pt.grid_points, pt.grid_box, pt.residual, pt.iterations, pt.wall_seconds,
                        pt.converged && (!pt.gp_compared || pt.gp_converged) ? "" : "  NOT CONVERGED"));
    scan.points.push_back(std::move(pt));
    bar.update(static_cast<long>(k + 1 - first), pointName(d, N));
  }
  bar.finish();
  scan.points = mpi::allGatherInOrder(ranks, scan.points);
  for (const auto& p : scan.points)
    if (!p.grid_ok)
      scan.warnings.push_back(fmt::format(
          "{}: the grid checks failed after 3 enlargements (boundary {:.2e} > {:.0e} or high modes {:.2e} > {:.0e}): "
          "the point is not resolved (converged: false)", pointName(p.distance, p.N), p.boundary, o.boundary_tolerance,
          p.high_modes, o.spectral_tolerance));
  for (const auto& p : scan.points)
    if (p.has_bogoliubov && !p.bogoliubov.converged)
      scan.warnings.push_back(fmt::format("{}: the Bogoliubov correction is not converged: {}", pointName(p.distance, p.N),
                                          p.bogoliubov.why));
  std::vector<double> xs, es, ns, diffs;
  for (const auto& p : scan.points) {
    xs.push_back(p.distance);
    es.push_back(p.energy);
    ns.push_back(p.N);
    diffs.push_back(p.density_difference);
  }
  if (xs.size() >= 2) {
    scan.fitted_exponent = asymptoticExponent(xs, es);
    if (joint) {   // E ≈ C N^{-e}, e = γ p0/(p0+2) on the GP law: slope in 1/N over the largest N
      std::vector<double> inv;
      for (double n : ns) inv.push_back(1 / n);
      scan.fitted_exponent_N = asymptoticExponent(inv, es);   // E^H ≈ C N^{-e}
    }
  } else {   // one point is computed and reported; a slope needs two
    scan.fitted_exponent = std::numeric_limits<double>::quiet_NaN();
    scan.fitted_exponent_N = std::numeric_limits<double>::quiet_NaN();
    scan.warnings.push_back("one distance only: the exponent of E against d is not fitted (it needs at least two "
                            "distances); fitted_exponent is null");
  }
  if (difference) {
    scan.difference_bound_exponent = path.differenceBoundExponent();
    scan.difference_linear_exponent = 1.0;
    scan.difference_fitted_exponent = std::numeric_limits<double>::quiet_NaN();
    if (path.symmetric())
      scan.warnings.push_back("the two components are identical along this path (equal traps, a1 + c2a12 = a2 + c1a12): "
                              "‖|ũ1|² - |ũ2|²‖ is round-off and its exponent is not fitted");
    else if (xs.size() >= 2) {
      scan.difference_fitted_exponent = fitPositive(xs, diffs);
      scan.difference_fitted = std::isfinite(scan.difference_fitted_exponent);
    }
  }
  return scan;
}

}  // namespace cbec
