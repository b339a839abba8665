// The Bogoliubov correction at a joint-limit point (joint_bogoliubov.hpp).
#include <cbec/blowup/joint_bogoliubov.hpp>

#include <cbec/hamiltonian/hamiltonian.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/solver/grid_bogoliubov.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>

namespace cbec {

namespace {

struct Solved {
  GroundStateResult ground;
  GridBogoliubovResult bog;
  std::unique_ptr<Hamiltonian> h;
};

Solved solveOn(const Mixture& m, const Grid& grid, const Grid& from, const State& u, double ellMax,
               const JointBogoliubovOptions& o, int threads) {
  Solved s;
  s.h = std::make_unique<Hamiltonian>(m, grid, threads, false);
  SolverOptions so;
  so.tolerance = 1e-11 * std::max(1.0, ellMax);   // H ~ ℓ² (blowup_scan.hpp)
  so.energy_tolerance = 1e-14;
  so.keep_history = false;
  so.measure = false;
  so.progress = false;
  so.threads = threads;
  so.label = "joint-limit Bogoliubov grid";
  const State u0 = transferState(from, u, grid);
  s.ground = groundState(*s.h, so, &u0);
  if (!s.ground.converged) return s;
  GridBogoliubovOptions go;
  go.modes = o.modes;
  go.rungs = o.rungs;
  go.excitations = o.excitations;
  s.bog = gridBogoliubov(*s.h, s.ground, go);
  return s;
}

/// ∫_{k_M}^∞ (dk/k) ŵ_N(k)² = ½ ∫_{ln k_M²}^∞ ŵ_N(e^t)² dt (trapezoid in t = ln k², to where ŵ_N² < 1e-18 or
/// 60 e-folds above the range's k² = N^{2β}).
double ultravioletLog(const PairInteraction& w, double kM2) {
  const double tEnd = std::log(std::max(kM2, 1.0 / (w.range() * w.range()))) + 60.0;
  const double t0 = std::log(kM2);
  const int n = 20000;
  const double dt = (tEnd - t0) / n;
  double sum = 0;
  for (int i = 0; i <= n; ++i) {
    const double f = w.fourier(std::exp(t0 + i * dt), 2);
    const double g = f * f;
    sum += (i == 0 || i == n) ? 0.5 * g : g;
    if (i > 0 && g < 1e-18) break;
  }
  return 0.5 * sum * dt;
}

}  // namespace

JointBogoliubovResult jointBogoliubov(const Mixture& m, const Grid& from, const State& u, const std::vector<double>& ell,
                                      double spread, double range_margin, const JointBogoliubovOptions& o, int threads) {
  const auto start = std::chrono::steady_clock::now();
  if (o.points < 8 || o.points % 2 != 0)
    throw InputError(fmt::format("bogoliubov.points = {} must be even and ≥ 8 (the grid is halved)", o.points));
  const int half = o.points / 2;
  if (static_cast<std::size_t>(o.modes) + 2 > static_cast<std::size_t>(half) * half)
    throw InputError(fmt::format("bogoliubov.modes = {} needs {} grid points; the halved Bogoliubov grid has {}² = {} "
                                 "(raise bogoliubov.points)", o.modes, o.modes + 2, half, half * half));
  const double lmin = *std::min_element(ell.begin(), ell.end());
  const double lmax = *std::max_element(ell.begin(), ell.end());
  JointBogoliubovResult r;
  r.box = spread + o.box_factor / lmin + range_margin;
  r.points = o.points;
  const Grid fine(2, o.points, r.box, from.centre()), coarse(2, half, r.box, from.centre());
  const Solved f = solveOn(m, fine, from, u, lmax, o, threads);
  r.hartree_energy = f.ground.energy;
  r.mu = f.ground.mu;
  if (!f.ground.converged) {
    r.e_B = r.uncertainty = r.tail = std::numeric_limits<double>::quiet_NaN();
    r.why = fmt::format("the Hartree minimiser on the Bogoliubov grid did not converge (residual {:.2e})", f.ground.residual);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
  }
  const GridBogoliubovResult& b = f.bog;
  r.e_B = b.e_B;
  r.e_B_last = b.e_B_last;
  r.mode_uncertainty = b.uncertainty;
  r.cutoff = b.rungs.back().cutoff;
  r.depletion = b.depletion;
  r.excitations = b.excitations;
  const Solved g = solveOn(m, coarse, fine, f.ground.u, lmax, o, threads);
  r.e_B_coarse = g.ground.converged ? g.bog.e_B : std::numeric_limits<double>::quiet_NaN();
  r.grid_uncertainty = std::abs(r.e_B - r.e_B_coarse);
  r.uncertainty = r.mode_uncertainty + r.grid_uncertainty;

  // second-order ultraviolet tail above the cutoff: S = Σ_s ã_s²∫ρ_s² + Σ_{s≠t} c_s c_t a_st² ∫ρ_sρ_t
  const int S = m.speciesCount();
  double sum = 0;
  for (int s = 0; s < S; ++s)
    for (int t = 0; t < S; ++t) {
      if (m.fraction(s) <= 0 || m.fraction(t) <= 0) continue;
      double I = 0;
      for (std::size_t i = 0; i < fine.size(); ++i)
        I += f.ground.u[s][i] * f.ground.u[s][i] * f.ground.u[t][i] * f.ground.u[t][i];
      I *= fine.cellVolume();
      const double G = s == t ? m.effectiveIntra(s) : m.coupling(s, t);
      sum += (s == t ? 1.0 : m.fraction(s) * m.fraction(t)) * G * G * I;
    }
  auto tailAbove = [&](double cutoff) {
    double k2 = std::numeric_limits<double>::infinity();
    for (int s = 0; s < S; ++s)
      if (m.fraction(s) > 0) k2 = std::min(k2, cutoff + f.ground.mu[s]);
    return k2 > 0 && !m.pair().isContact() ? -sum / (8 * std::numbers::pi) * ultravioletLog(m.pair(), k2)
                                          : std::numeric_limits<double>::quiet_NaN();
  };
  r.tail = tailAbove(r.cutoff);
  for (const auto& rung : b.rungs) {
    r.rung_modes.push_back(rung.modes);
    r.rung_e_B.push_back(rung.e_B);
    r.rung_cutoff.push_back(rung.cutoff);
    r.rung_tail.push_back(tailAbove(rung.cutoff));
  }
  // the tail-corrected value and its change over the last doubling of M (the measure of how well the
  // second-order tail accounts for the missing pairs)
  const size_t R = b.rungs.size();
  r.e_B_corrected = r.e_B_last + r.tail;
  r.corrected_uncertainty = R >= 2 ? std::abs(r.e_B_corrected - (r.rung_e_B[R - 2] + r.rung_tail[R - 2]))
                                   : std::numeric_limits<double>::quiet_NaN();

  const bool stable = b.stable && (!g.ground.converged || g.bog.stable);
  r.converged = g.ground.converged && b.eigen_converged && g.bog.eigen_converged && stable &&
                std::isfinite(r.uncertainty) && r.uncertainty <= o.tolerance * std::abs(r.e_B);
  if (!g.ground.converged) r.why = "the Hartree minimiser on the halved Bogoliubov grid did not converge";
  else if (!stable) r.why = "𝔸 ± 𝔹 is not positive (unstable minimiser)";
  else if (!b.eigen_converged || !g.bog.eigen_converged) r.why = "an excitation eigensolve did not converge";
  else if (!r.converged)
    r.why = fmt::format("uncertainty {:.2e} (mode cutoff {:.2e}, grid halving {:.2e}) above bogoliubov.tolerance·|e_B| "
                        "= {:.2e}; raise bogoliubov.modes (cutoff ε = {:.3g}; second-order tail above it ≈ {:.3g}) or "
                        "bogoliubov.points", r.uncertainty, r.mode_uncertainty, r.grid_uncertainty,
                        o.tolerance * std::abs(r.e_B), r.cutoff, r.tail);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace cbec
