#include <cbec/solver/auto_grid.hpp>

#include <cbec/discretisation/slab.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/solver/error_estimate.hpp>
#include <cbec/io/memory_limit.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <complex>
#include <optional>
#include <vector>

namespace cbec {

int fftFriendlySize(int n) {
  for (int m = std::max(4, n + (n % 2));; m += 2) {
    int r = m;
    for (int p : {2, 3, 5})
      while (r % p == 0) r /= p;
    if (r == 1) return m;
  }
}

namespace {

struct Quality {
  double boundary = 0, spectrum = 0;
};

Quality quality(Hamiltonian& f, const State& u) {
  Quality q;
  for (const Field& us : u) {
    double top = 0;
    for (double v : us) top = std::max(top, std::abs(v));
    if (!(top > 0)) continue;   // a vanished species (total-mass constraint) asks nothing of the grid
    q.boundary = std::max(q.boundary, f.grid().boundaryMax(us) / top);
    q.spectrum = std::max(q.spectrum, f.fourier().highModeFraction(us));
  }
  return q;
}

SolverOptions quiet(SolverOptions o) {
  o.keep_history = false;
  return o;
}

/// The grid with its centre moved to the origin (same points, box and spacing).
Grid atOrigin(const Grid& g) { return Grid(g.dimension(), g.points(), g.box()); }

std::vector<double> negated(std::vector<double> v) {
  for (double& x : v) x = -x;
  return v;
}

}  // namespace

double groundStateMemoryBytes(int dimension, int points, int species) {
  return 8.0 * std::pow(static_cast<double>(points), dimension) * (12.0 + 20.0 * species);
}

void requireRepresentable(const Grid& grid, const std::string& item) {
  const double h = grid.spacing();
  for (int i = 0; i < grid.dimension(); ++i) {
    const double far = std::abs(grid.centre()[i]) + 0.5 * grid.box();
    if (!(far * DBL_EPSILON <= 1e-4 * h))
      throw InputError(fmt::format(
          "{}: a grid of spacing {:.3g} centred at {} cannot be written in double precision (coordinates "
          "within 1e-4 of a spacing need |center| < {:.3g}); the energy is translation invariant, so move the "
          "problem towards the origin", item, h, fmt::join(grid.centre(), ", "), 1e-4 * h / DBL_EPSILON));
  }
}

GroundStateResult solveInGridFrame(const Mixture& m, const Grid& grid, const SolverOptions& o, const State* initial) {
  if (o.split_grid) {   // this rank's slab; the start cut to it, the solution gathered (slab.hpp)
    const Grid slab = slabOf(atOrigin(grid));
    Hamiltonian f(m.translated(negated(grid.centre())), slab, o.threads, o.measure);
    State part;
    if (initial) part = slabPart(slab, *initial);
    GroundStateResult r = groundState(f, o, initial ? &part : nullptr);
    r.u = gatherSlabs(slab, r.u);
    return r;
  }
  Hamiltonian f(m.translated(negated(grid.centre())), atOrigin(grid), o.threads, o.measure);
  return groundState(f, o, initial);
}

namespace {

bool sevenSmooth(int n) {
  for (int p : {2, 3, 5, 7})
    while (n % p == 0) n /= p;
  return n == 1;
}

/// E on the coarser grid g from the solution transferred there: re-minimised ("resolve") or
/// evaluated with the one-step model decrease ("evaluate", error_estimate.hpp).
double coarseEnergy(const Mixture& m, const Grid& grid, const State& u, const Grid& g, const SolverOptions& o) {
  const Grid on = o.split_grid ? slabOf(g) : g;   // a split solve: its error estimate on slabs as well
  Hamiltonian f(m, on, o.threads, o.measure);   // measured plans come from the FFTW wisdom cache
  State u0 = transferState(grid, u, g, m.massConstraint());
  if (o.split_grid) u0 = slabPart(on, u0);
  if (o.error_estimate == ErrorEstimateMethod::Evaluate) {
    for (Field& us : u0) us.reshape(on.shape());
    return modelMinimumEnergy(f, u0).energy;
  }
  SolverOptions q = quiet(o);
  q.progress = false;
  q.label = "error estimate";
  return groundState(f, q, &u0).energy;
}

}  // namespace

double gridErrorEstimate(const Mixture& mixture, const Grid& given, const GroundStateResult& sol,
                         const SolverOptions& o) {
  // in the frame of the grid's centre, as the solution was computed (solveInGridFrame)
  const Mixture m = mixture.translated(negated(given.centre()));
  const Grid grid = atOrigin(given);
  const int d = grid.dimension(), n = grid.points();
  // same box, about 3/4 of the points
  int nc = fftFriendlySize(static_cast<int>(std::lround(0.75 * n)));
  if (nc >= n) nc = n - 2;
  nc = std::max(8, nc);
  const double resolution = coarseEnergy(m, grid, sol.u, Grid(d, nc, grid.box(), grid.centre()), o);
  // box 15% smaller, same spacing ("evaluate": the largest even size below with prime factors ≤ 7, e.g.
  // 216 instead of 218 = 2·109 at n = 256, whose transforms cost 5× more; "resolve" keeps the former size)
  int ns = std::max(8, static_cast<int>(std::lround(0.85 * n / 2)) * 2);
  if (o.error_estimate == ErrorEstimateMethod::Evaluate)
    while (ns > 8 && !sevenSmooth(ns)) ns -= 2;
  const double box = coarseEnergy(m, grid, sol.u, Grid(d, ns, grid.spacing() * ns, grid.centre()), o);
  return std::max(std::abs(resolution - sol.energy), std::abs(box - sol.energy));
}

namespace {

/// What a solution says about the grid it needs, measured on the grid it was solved on (in the frame
/// of the box centre): how far it extends and how fast its spectrum decays.
struct StateScales {
  /// radius[l] = max_s max_i |x_i| over the points where |u_s| > level_l · max |u_s|, for the levels
  /// (boundary tolerance, 1e-3, 1e-6)
  std::array<double, 3> radius{};
  std::vector<double> tail;   ///< tail[m] = max_s max_{max_i |j_i| ≥ m} |û_s(j)| / max |û_s|, m = 0..n/2
};

/// A state whose modes at 2/3 of the cut-off exceed this is not resolved: its shape is the grid's.
constexpr double kResolved = 1e-2;

StateScales measureScales(Hamiltonian& f, const State& u, double tolerance) {
  const Grid& g = f.grid();
  const int d = g.dimension(), n = g.points(), nh = n / 2 + 1;
  const double h = g.spacing(), x0 = -0.5 * g.box();
  const std::array<double, 3> levels{tolerance, 1e-3, 1e-6};
  StateScales s;
  s.tail.assign(static_cast<size_t>(n / 2 + 1), 0.0);
  std::vector<std::complex<double>> uhat;
  std::vector<double> envelope(static_cast<size_t>(n / 2 + 1));
  for (const Field& us : u) {
    double top = 0;
    for (double v : us) top = std::max(top, std::abs(v));
    // the outermost indices (over all axes) where |u_s| exceeds each level
    std::array<int, 3> jlo{n, n, n}, jhi{-1, -1, -1};
    for (size_t i = 0; i < g.size(); ++i) {
      const double a = std::abs(us[i]);
      size_t r = i;
      for (int k = 0; k < d; ++k, r /= static_cast<size_t>(n)) {
        const int j = static_cast<int>(r % static_cast<size_t>(n));
        for (size_t l = 0; l < levels.size(); ++l)
          if (a > levels[l] * top) {
            jlo[l] = std::min(jlo[l], j);
            jhi[l] = std::max(jhi[l], j);
          }
      }
    }
    for (size_t l = 0; l < levels.size(); ++l)
      if (jhi[l] >= 0) s.radius[l] = std::max({s.radius[l], std::abs(x0 + jlo[l] * h), std::abs(x0 + jhi[l] * h)});
    f.fourier().forward(us, uhat);
    std::fill(envelope.begin(), envelope.end(), 0.0);
    double peak = 0;
    for (size_t idx = 0; idx < uhat.size(); ++idx) {   // r2c layout: last index 0..n/2, the others 0..n-1
      size_t r = idx;
      int m = static_cast<int>(r % static_cast<size_t>(nh));
      r /= static_cast<size_t>(nh);
      for (int k = 0; k < d - 1; ++k, r /= static_cast<size_t>(n)) {
        const int j = static_cast<int>(r % static_cast<size_t>(n));
        m = std::max(m, std::min(j, n - j));
      }
      const double a = std::abs(uhat[idx]);
      envelope[static_cast<size_t>(m)] = std::max(envelope[static_cast<size_t>(m)], a);
      peak = std::max(peak, a);
    }
    for (size_t m = 0; m < envelope.size(); ++m)
      s.tail[m] = std::max(s.tail[m], peak > 0 ? envelope[m] / peak : 0.0);
  }
  for (size_t m = s.tail.size() - 1; m-- > 0;) s.tail[m] = std::max(s.tail[m], s.tail[m + 1]);
  return s;
}

/// The factor by which the spacing must shrink for the modes above 2/3 of the new Nyquist number to
/// fall below `tolerance`: the tail's decay between 2/3 of the cut-off mode m_c = ⌈n/3⌉ and m_c,
/// extrapolated exponentially (|û| ~ e^{-κ|k|} for a state analytic in a strip, e.g. sech-like
/// Townes profiles; faster-decaying spectra are over-refined a little), kept within [1.5, 4];
/// 2 when the tail does not decay there (the state is not resolved at all on this grid).
double refinementFactor(const std::vector<double>& tail, int n, double tolerance) {
  const int mc = (n + 2) / 3, ma = (2 * mc) / 3;
  const double q = tail[static_cast<size_t>(mc)], qa = tail[static_cast<size_t>(ma)];
  if (!(q > tolerance)) return 1.5;
  if (!(qa > 2 * q) || mc <= ma) return 2.0;
  const double slope = std::log(qa / q) / (mc - ma);   // per mode
  const double mNeeded = mc + std::log(q / tolerance) / slope;
  return std::clamp(1.05 * mNeeded / mc, 1.5, 4.0);
}

}  // namespace

GridSolution solveOnAutomaticGrid(const Mixture& given, const SolverOptions& o, const AutoGridOptions& a) {
  const int d = given.dimension();
  const Mixture& m = given;
  std::vector<double> lo(d, 1e300), hi(d, -1e300);
  double ell = 0, ellMin = 1e300, pMin = 1e300;
  for (const auto& sp : m.allSpecies()) {
    for (int i = 0; i < d; ++i) {
      lo[i] = std::min(lo[i], sp.trap.centre()[i]);
      hi[i] = std::max(hi[i], sp.trap.centre()[i]);
    }
    ell = std::max(ell, sp.trap.maxLengthScale());
    ellMin = std::min(ellMin, sp.trap.lengthScale());
    pMin = std::min(pMin, sp.trap.exponent());
  }
  std::vector<double> centre(d);
  double spread = 0;
  for (int i = 0; i < d; ++i) {
    centre[i] = 0.5 * lo[i] + 0.5 * hi[i];
    spread = std::max(spread, hi[i] - lo[i]);
  }
  // radius where exp(-(2/(p+2)) r^{(p+2)/2}) = boundary tolerance
  const double decay = -std::log(a.boundary_tolerance) * (pMin + 2) / 2;
  const double R = ell * std::pow(decay, 2.0 / (pMin + 2));
  double L = spread + 2 * R;
  double h = ellMin / 4;
  // Hartree: w_N * ρ uses the analytic ŵ_N, exact for band-limited ρ, so the range N^{-β} itself need
  // not be resolved; the spectral test on u decides the resolution.
  const int maxPoints = d == 1 ? a.max_points_1d : d == 2 ? a.max_points_2d : a.max_points_3d;
  // Solved in the frame of the box centre (traps moved by -centre, grids at the origin), so the
  // coordinates keep full precision wherever the traps are; reported on the grid at `centre`.
  const Mixture mc = m.translated(negated(centre));
  requireRepresentable(Grid(d, 8, 8 * h, centre), "species[].trap.center");

  GridSolution out{Grid(d, 8, 1.0), {}, 0, {}};
  std::optional<Grid> prevGrid;
  State prevU;
  double estimate = 0;   // points per direction the state's extent and smallest scale call for
  bool follow = false;   // the state, not the trap, sets the grid (below)
  double unresolved = 0, lastSpacing = h;   // the last solve's high-mode fraction where it was not resolved
  bool growing = false;                      // the last solve failed the boundary test
  for (int round = 0; round < 40; ++round) {
    const double needed = std::ceil(L / h);
    const int n = needed <= maxPoints ? fftFriendlySize(static_cast<int>(needed)) : maxPoints + 1;
    if (n > maxPoints) {   // refused before anything of that size is allocated
      const double points = std::max({needed, estimate, static_cast<double>(n)});
      if (spread > 0.5 * L)
        throw InputError(fmt::format("species[].trap.center: trap centres {:.6g} apart need {:.3g} points per "
                                     "direction (automatic grids stop at {}); give [grid] explicitly",
                                     spread, points, maxPoints));
      if (unresolved > 0)
        throw NumericalError(fmt::format("automatic grid: needs {:.0f} points per direction (> {}): the state is not "
                                         "resolved at spacing {:.3g} on a box of {:.4g} (modes at 2/3 of the cut-off "
                                         "{:.1e} of the peak); give [grid] explicitly",
                                         points, maxPoints, lastSpacing, L, unresolved));
      throw NumericalError(fmt::format("automatic grid: needs {}{:.0f} points per direction (> {}): a box of {:.4g} "
                                       "at spacing {:.3g}{}; give [grid] explicitly", growing ? "at least " : "", points,
                                       maxPoints, L, L / points,
                                       !follow    ? ""
                                       : growing ? " (the state reaches the boundary at its smallest scale)"
                                                 : " (the state's extent and smallest scale)"));
    }
    requireMemory(groundStateMemoryBytes(d, n, m.speciesCount()), fmt::format("automatic grid of {}^{} points", n, d));
    Grid grid(d, n, n * h);   // in the frame of `centre` (mc)
    SolverOptions q = quiet(o);
    q.keep_history = o.keep_history;
    GroundStateResult r;
    Quality qu;
    StateScales sc;
    {  // the Hamiltonian is freed before the error estimate (peak memory)
      Hamiltonian f(mc, grid, o.threads, o.measure);
      if (prevGrid) {
        State u0 = transferState(*prevGrid, prevU, grid, mc.massConstraint());
        prevU.clear();
        r = groundState(f, q, &u0);
      } else {
        r = groundState(f, q);
      }
      qu = quality(f, r.u);
      sc = measureScales(f, r.u, a.boundary_tolerance);
    }
    out.log.push_back(fmt::format("grid {}^{} box {:.6g}: E = {:.15g}, boundary {:.1e}, high modes {:.1e}, "
                                  "extent {:.4g}, {} iterations", n, d, grid.box(), r.energy, qu.boundary, qu.spectrum,
                                  2 * sc.radius[0], r.iterations));
    const bool boxOk = qu.boundary <= a.boundary_tolerance;
    const bool resOk = qu.spectrum <= a.spectral_tolerance;
    prevGrid = grid;
    if (boxOk && resOk) {
      out.grid = Grid(d, n, grid.box(), centre);
      requireRepresentable(out.grid, "species[].trap.center");
      out.result = std::move(r);
      out.error_estimate = gridErrorEstimate(m, out.grid, out.result, o);
      return out;
    }
    const bool resolved = qu.spectrum <= kResolved;
    unresolved = resolved ? 0.0 : qu.spectrum;
    lastSpacing = grid.spacing();
    growing = !boxOk;
    follow = follow || !resolved;
    double factor = resOk ? 1.0 : 1.5;
    L = boxOk ? grid.box() : grid.box() * 1.25;
    if (follow) {
      // A state not resolved on the trap's grid sets the grid itself: points from its smallest scale
      // (the spectrum's decay extrapolated to the tolerance), the box from its extent.
      if (!resOk) factor = refinementFactor(sc.tail, n, a.spectral_tolerance);
      const double hNew = grid.spacing() / factor;
      if (!resolved) {
        // Its shape is the grid's, not its own. Near the edge of the existence region the grid's
        // (aliased) |u|⁴ can even favour a state collapsed onto a few points, E ~ -C/h², a minimiser on
        // every finer grid it is carried to (issue 22: E·h² ≈ -0.66 from h = 0.25 down to 1e-5, while
        // the state has E = 0.075 and extends over ~7). So it is not carried: the finer grid starts
        // afresh, on the same box.
        L = grid.box();
        prevGrid.reset();
        r.u.clear();
      } else {
        // The radius where every species has decayed below the boundary tolerance: measured where the
        // boundary test holds; else extrapolated from the radii r₃, r₆ of the levels 1e-3, 1e-6 with
        // ln(1/|u|) ∝ r^β, β ∈ [1, 2] (exponential to Gaussian tails), using only levels 100× above
        // the boundary value (below it the tail of a state resolved only to ~1e-3 is the grid's;
        // r₃ alone: β = 1). The box: that radius + 10% when under 0.8 of the box, or where the
        // boundary test fails (then at most ×1.25, as without a radius).
        double radius = sc.radius[0];
        if (!boxOk) {
          const double r3 = sc.radius[1], r6 = sc.radius[2];
          const double beyond3 = std::log(a.boundary_tolerance) / std::log(1e-3);
          const double beyond6 = std::log(a.boundary_tolerance) / std::log(1e-6);
          if (qu.boundary < 1e-8 && r6 > r3 && r3 > 0) {
            const double beta = std::clamp(std::log(2.0) / std::log(r6 / r3), 1.0, 2.0);
            radius = r6 * std::pow(std::max(beyond6, 1.0), 1.0 / beta);
          } else if (qu.boundary < 1e-5 && r3 > 0) {
            radius = r3 * std::max(beyond3, 1.0);
          } else {
            radius = 0.5 * grid.box() * 1.25;
          }
        }
        const double fitted = 2 * (1.1 * radius + 2 * hNew);
        if (!boxOk || fitted < 0.8 * grid.box())
          L = std::max({std::min(fitted, 1.25 * grid.box()), spread + 4 * hNew, 16 * hNew});
      }
      // a cautious ×1.5 where the extrapolated step would not fit: the next round measures again
      estimate = std::ceil(L / hNew);
      if (factor > 1.5 && estimate > maxPoints) factor = 1.5;
    }
    prevU = std::move(r.u);
    h = grid.spacing() / factor;
  }
  throw NumericalError("automatic grid: no acceptable grid found in 40 rounds");
}

}  // namespace cbec
