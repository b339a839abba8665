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

// BlowupPoint as JSON (ADL: in the namespace of the type), for gathering the points of several ranks.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(BlowupPoint, distance, a, a12, energy, predicted, ratio, ell, ell_measured,
                                   error_L2, error_H1, peak, cut, residual, iterations, converged, grid_points,
                                   grid_box, boundary, high_modes, wall_seconds)

namespace {

/// The concentration-aware grid at predicted scales ℓ_i around blow-up points z_i.
Grid concentrationGrid(const std::vector<double>& ell, const std::vector<std::vector<double>>& z,
                       const BlowupScanOptions& o, double boxScale = 1.0, double pointScale = 1.0) {
  const double lmin = *std::min_element(ell.begin(), ell.end());
  const double lmax = *std::max_element(ell.begin(), ell.end());
  std::vector<double> centre{0.0, 0.0};
  double spread = 0;
  for (const auto& zi : z)
    for (const auto& zj : z) spread = std::max(spread, std::hypot(zi[0] - zj[0], zi[1] - zj[1]));
  for (const auto& zi : z)
    for (int k = 0; k < 2; ++k) centre[k] += zi[k] / z.size();
  const double box = boxScale * (spread + o.box_factor / lmin);
  const double needed = std::ceil(pointScale * box * lmax * o.points_per_length);
  const int n = needed > o.max_points ? o.max_points + 1 : fftFriendlySize(std::max(64, static_cast<int>(needed)));
  if (n > o.max_points)
    throw InputError(fmt::format("blow-up scan: the grid needed at scale ℓ = {:.4g} ({:.4g} points per direction) exceeds "
                                 "max_points = {}; raise it or stop the scan at a larger distance",
                                 lmax, std::max(static_cast<double>(n), needed), o.max_points));
  requireMemory(groundStateMemoryBytes(2, n, static_cast<int>(ell.size())),
                fmt::format("blow-up scan: the grid of {}^2 points at scale ℓ = {:.4g}", n, lmax));
  return Grid(2, n, box, centre);
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

BlowupScan runBlowupScan(const BlowupPath& path, const BlowupScanOptions& o) {
  requireScanDistances(path, o.distances);
  std::vector<double> ds = o.distances;
  std::sort(ds.begin(), ds.end(), std::greater<>());
  BlowupScan scan;
  scan.path = BlowupPath::name(path.kind());
  scan.expected_exponent = path.expectedExponent();
  scan.limit_constant = path.limitConstant();
  scan.cut_abscissae = o.cut_abscissae;
  if (scan.cut_abscissae.empty())
    for (int i = 0; i <= 64; ++i) scan.cut_abscissae.push_back(8.0 * i / 64);
  for (double x : scan.cut_abscissae) scan.Q0_cut.push_back(TownesProfile::standard().normalised(x));
  const auto z = path.blowupPoints();

  std::optional<Grid> prevGrid;
  State prev;
  std::vector<double> prevEll;
  // Over several ranks each takes a contiguous block of distances (its first point from a cold start).
  const mpi::Communicator& ranks = o.ranks ? *o.ranks : mpi::Communicator::self();
  const auto [first, last] = ranks.block(ds.size());
  Progress bar("blow-up scan", static_cast<long>(last - first), o.progress);
  for (size_t k = first; k < last; ++k) {
    const auto start = std::chrono::steady_clock::now();
    const double d = ds[k];
    const Mixture m = path.mixtureAt(d);
    const RegimeReport regime = classifyRegime(m);
    if (regime.regime == Regime::Unbounded) throw UnboundedEnergyError(regime.reason);
    BlowupPoint pt;
    pt.distance = d;
    pt.ell = path.predictedScale(d);
    const double lmax = *std::max_element(pt.ell.begin(), pt.ell.end());
    SolverOptions so = o.solver;
    so.tolerance = o.solver.tolerance * std::max(1.0, lmax);
    so.energy_tolerance = o.solver.energy_tolerance * std::max(1.0, lmax * lmax);
    so.label = fmt::format("d = {:.1e}", d);

    double boxScale = 1, pointScale = 1;
    GroundStateResult r;
    std::optional<Hamiltonian> f;
    for (int attempt = 0;; ++attempt) {
      Grid g = concentrationGrid(pt.ell, z, o, boxScale, pointScale);
      f.emplace(m, g, so.threads, so.measure);
      State init = prevGrid ? warmStart(*prevGrid, prev, prevEll, g, pt.ell, z) : initialGuess(f->mixture(), f->grid());
      r = groundState(*f, so, &init);
      pt.boundary = 0;
      pt.high_modes = 0;
      for (const Field& u : r.u) {
        double umax = *std::max_element(u.begin(), u.end());
        pt.boundary = std::max(pt.boundary, g.boundaryMax(u) / umax);
        pt.high_modes = std::max(pt.high_modes, f->fourier().highModeFraction(u));
      }
      prevGrid = g;
      prev = r.u;
      prevEll = pt.ell;
      if (attempt >= 3) break;
      if (pt.boundary > o.boundary_tolerance) boxScale *= 1.25;
      else if (pt.high_modes > o.spectral_tolerance) pointScale *= 1.5;
      else break;
      if (o.log) o.log(fmt::format("  d = {:.3g}: {} iterations, boundary {:.1e}, high modes {:.1e}: refining", d, r.iterations, pt.boundary, pt.high_modes));
    }
    const Grid& g = f->grid();
    pt.grid_points = g.points();
    pt.grid_box = g.box();
    pt.energy = r.energy;
    pt.predicted = path.predictedEnergy(d);
    pt.ratio = pt.energy / pt.predicted;
    pt.residual = r.residual;
    pt.iterations = r.iterations;
    pt.converged = r.converged;
    for (int s = 0; s < m.speciesCount(); ++s) pt.a.push_back(m.coupling(s, s));
    pt.a12 = m.speciesCount() > 1 ? m.coupling(0, 1) : 0.0;
    for (int s = 0; s < m.speciesCount(); ++s) {
      ProfileComparison c = compareWithBlowupProfile(f->fourier(), r.u[s], pt.ell[s], z[s]);
      pt.error_L2.push_back(c.error_L2);
      pt.error_H1.push_back(c.error_H1);
      pt.ell_measured.push_back(c.ell_measured);
      pt.peak.push_back(c.peak);
      pt.cut.push_back(rescaledCut(f->fourier(), r.u[s], pt.ell[s], z[s], scan.cut_abscissae));
    }
    pt.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (o.log)
      o.log(fmt::format("d = {:.3e}  E = {:.12g}  predicted {:.12g}  ratio {:.8f}  L2 error {:.3e}  "
                        "grid {}^2 box {:.4g}  residual {:.1e}  {} it  {:.2f} s{}",
                        d, pt.energy, pt.predicted, pt.ratio, pt.error_L2[0], pt.grid_points, pt.grid_box,
                        pt.residual, pt.iterations, pt.wall_seconds, pt.converged ? "" : "  NOT CONVERGED"));
    scan.points.push_back(std::move(pt));
    bar.update(static_cast<long>(k + 1 - first), fmt::format("d = {:.1e}", d));
  }
  bar.finish();
  scan.points = mpi::allGatherInOrder(ranks, scan.points);
  std::vector<double> xs, es;
  for (const auto& p : scan.points) { xs.push_back(p.distance); es.push_back(p.energy); }
  if (xs.size() >= 2) {
    scan.fitted_exponent = asymptoticExponent(xs, es);
  } else {   // one point is computed and reported; a slope needs two
    scan.fitted_exponent = std::numeric_limits<double>::quiet_NaN();
    scan.warnings.push_back("one distance only: the exponent of E against d is not fitted (it needs at least two "
                            "distances); fitted_exponent is null");
  }
  return scan;
}

}  // namespace cbec
