#include <cbec/solver/auto_grid.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/solver/error_estimate.hpp>
#include <cbec/io/memory_limit.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

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
  Hamiltonian f(m, g, o.threads, o.measure);   // measured plans come from the FFTW wisdom cache
  State u0 = transferState(grid, u, g);
  if (o.error_estimate == ErrorEstimateMethod::Evaluate) {
    for (Field& us : u0) us.reshape(g.shape());
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
  for (int round = 0; round < 40; ++round) {
    const double needed = std::ceil(L / h);
    if (!(needed <= maxPoints)) {
      if (spread > 0.5 * L)
        throw InputError(fmt::format("species[].trap.center: trap centres {:.6g} apart need {:.3g} points per "
                                     "direction (automatic grids stop at {}); give [grid] explicitly",
                                     spread, needed, maxPoints));
      throw NumericalError(fmt::format("automatic grid: needs {:.0f} points per direction (> {}); give [grid] explicitly",
                                       needed, maxPoints));
    }
    const int n = fftFriendlySize(static_cast<int>(needed));
    if (n > maxPoints)
      throw NumericalError(fmt::format("automatic grid: needs {} points per direction (> {}); give [grid] explicitly", n, maxPoints));
    requireMemory(groundStateMemoryBytes(d, n, m.speciesCount()), fmt::format("automatic grid of {}^{} points", n, d));
    Grid grid(d, n, n * h);   // in the frame of `centre` (mc)
    SolverOptions q = quiet(o);
    q.keep_history = o.keep_history;
    GroundStateResult r;
    Quality qu;
    {  // the Hamiltonian is freed before the error estimate (peak memory)
      Hamiltonian f(mc, grid, o.threads, o.measure);
      if (prevGrid) {
        State u0 = transferState(*prevGrid, prevU, grid);
        prevU.clear();
        r = groundState(f, q, &u0);
      } else {
        r = groundState(f, q);
      }
      qu = quality(f, r.u);
    }
    out.log.push_back(fmt::format("grid {}^{} box {:.6g}: E = {:.15g}, boundary {:.1e}, high modes {:.1e}, {} iterations",
                                  n, d, grid.box(), r.energy, qu.boundary, qu.spectrum, r.iterations));
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
    prevU = std::move(r.u);
    if (!boxOk) L = grid.box() * 1.25;
    else L = grid.box();
    if (!resOk) h = grid.spacing() / 1.5;
    else h = grid.spacing();
  }
  throw NumericalError("automatic grid: no acceptable grid found in 40 rounds");
}

}  // namespace cbec
