#include <cbec/solver/auto_grid.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
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

}  // namespace

double gridErrorEstimate(const Mixture& m, const Grid& grid, const GroundStateResult& sol, const SolverOptions& o) {
  const int d = grid.dimension(), n = grid.points();
  SolverOptions q = quiet(o);
  q.progress = false;
  q.label = "error estimate";
  double est = 0;
  // same box, about 3/4 of the points
  int nc = fftFriendlySize(static_cast<int>(std::lround(0.75 * n)));
  if (nc >= n) nc = n - 2;
  nc = std::max(8, nc);
  {
    Grid g(d, nc, grid.box(), grid.centre());
    Hamiltonian f(m, g, o.threads, o.measure);   // measured plans come from the FFTW wisdom cache
    State u0 = transferState(grid, sol.u, g);
    est = std::max(est, std::abs(groundState(f, q, &u0).energy - sol.energy));
  }
  // box 15% smaller, same spacing
  {
    const int ns = std::max(8, static_cast<int>(std::lround(0.85 * n / 2)) * 2);
    Grid g(d, ns, grid.spacing() * ns, grid.centre());
    Hamiltonian f(m, g, o.threads, o.measure);   // measured plans come from the FFTW wisdom cache
    State u0 = transferState(grid, sol.u, g);
    est = std::max(est, std::abs(groundState(f, q, &u0).energy - sol.energy));
  }
  return est;
}

GridSolution solveOnAutomaticGrid(const Mixture& m, const SolverOptions& o, const AutoGridOptions& a) {
  const int d = m.dimension();
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
    centre[i] = 0.5 * (lo[i] + hi[i]);
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

  GridSolution out{Grid(d, 8, 1.0), {}, 0, {}};
  std::optional<Grid> prevGrid;
  State prevU;
  for (int round = 0; round < 40; ++round) {
    const int n = fftFriendlySize(static_cast<int>(std::ceil(L / h)));
    if (n > maxPoints)
      throw NumericalError(fmt::format("automatic grid: needs {} points per direction (> {}); give [grid] explicitly", n, maxPoints));
    Grid grid(d, n, n * h, centre);
    SolverOptions q = quiet(o);
    q.keep_history = o.keep_history;
    GroundStateResult r;
    Quality qu;
    {  // the Hamiltonian is freed before the error estimate (peak memory)
      Hamiltonian f(m, grid, o.threads, o.measure);
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
      out.grid = grid;
      out.result = std::move(r);
      out.error_estimate = gridErrorEstimate(m, grid, out.result, o);
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
