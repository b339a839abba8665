// Driver of `cbec manybody` (drivers/manybody.hpp).
#include <cbec/drivers/manybody.hpp>

#include <cbec/fragmentation/fock_basis.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/io/memory_limit.hpp>
#include <cbec/manybody/oscillator_modes.hpp>
#include <cbec/numerics/aitken.hpp>
#include <cbec/numerics/power_law_fit.hpp>
#include <cbec/solver/ground_state.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <sstream>

namespace cbec::drivers {

namespace {

int total(const std::vector<int>& particles) {
  int N = 0;
  for (int n : particles) N += n;
  return N;
}

/// Π_s C(N_s + M_s - 1, M_s - 1) / 2^{axes}: the size of the even sector, up to a few per cent.
double sectorEstimate(const Mixture& m, const std::vector<int>& particles, int shells) {
  double d = 1;
  for (int s = 0; s < m.speciesCount(); ++s) {
    const int M = OscillatorModes::forTrap(m.species(s).trap, shells, "trap").count();
    d *= std::exp(std::lgamma(particles[s] + M) - std::lgamma(particles[s] + 1.0) - std::lgamma(double(M)));
  }
  return d / std::pow(2.0, m.dimension());
}

/// The largest sector that fits in memory (kFiniteNBytesPerState per state).
double memoryDimension() { return 0.9 * availableMemoryBytes() / kFiniteNBytesPerState; }

/// InputError naming `item` when the sector estimate at `shells` does not fit in memory.
void requireSectorMemory(const Mixture& m, const std::vector<int>& particles, int shells, const std::string& item) {
  const double d = sectorEstimate(m, particles, shells);
  requireMemory(kFiniteNBytesPerState * d,
                fmt::format("{} (Fock sector of about {:.3g} states at {} B/state)", item, d, kFiniteNBytesPerState));
}

FiniteNOptions finiteOptions(const ManybodyConfig& c, int shells, const RunOptions& run) {
  FiniteNOptions o;
  o.shells = shells;
  o.max_quanta = c.max_quanta;
  o.threads = run.threads > 0 ? run.threads : c.threads;
  o.lanczos_tolerance = c.lanczos_tolerance;
  return o;
}

/// Before any solve: a fixed basis and every sweep point that will run (sector ≤ max_dimension) fit in
/// memory, so a run that cannot finish fails at once rather than after hours.
void requireMemoryUpFront(const ManybodyConfig& c) {
  if (c.shells) requireSectorMemory(c.mixture, c.particles, *c.shells, fmt::format("basis.shells = {}", *c.shells));
  else requireSectorMemory(c.mixture, c.particles, 0, "basis ladder at shells = 0");
  const int N0 = total(c.particles);
  for (int N : c.sweep_N) {
    std::vector<int> P;
    for (int n : c.particles) P.push_back(n * N / N0);
    if (sectorEstimate(c.mixture, P, c.sweep_shells) <= c.max_dimension)
      requireSectorMemory(c.mixture, P, c.sweep_shells, fmt::format("sweep.N = {} at sweep.shells = {}", N, c.sweep_shells));
  }
}

void runLadder(const ManybodyConfig& c, const RunOptions& run, ManybodyRun& r) {
  const std::vector<int>& P = c.particles;
  const int first = c.shells ? *c.shells : 0, last = c.shells ? *c.shells : c.max_shells;
  for (int n = first; n <= last; ++n) {
    if (!c.shells && n > first) {
      const double d = sectorEstimate(c.mixture, P, n);
      if (d > c.max_dimension) break;
      if (d > memoryDimension()) {
        r.warnings.push_back(fmt::format("basis ladder stopped at shells = {}: {} shells need about {:.3g} states "
                                         "({:.3g} bytes), more than the memory available", n - 1, n, d,
                                         d * kFiniteNBytesPerState));
        break;
      }
    }
    requireSectorMemory(c.mixture, P, n, c.shells ? fmt::format("basis.shells = {}", n)
                                                  : fmt::format("basis ladder at shells = {}", n));
    r.ladder.push_back(solveFiniteN(c.mixture, P, finiteOptions(c, n, run)));
    const FiniteNResult& x = r.ladder.back();
    run.info(fmt::format("shells {:2d}: dimension {:>9}  E_N^Q = {:.14g}  E^H = {:.14g}  ({:.2f} s)", n, x.dimension,
                         x.energy, x.hartree.energy, x.seconds));
    const size_t k = r.ladder.size();
    if (!c.shells && k >= 3 &&
        std::abs(x.energy_total - r.ladder[k - 3].energy_total) <= c.tolerance * std::abs(x.energy_total)) {
      r.basis_converged = true;
      break;
    }
  }
  const size_t k = r.ladder.size();
  const double E = r.ladder.back().energy;
  r.extrapolated_energy = E;
  r.extrapolation_uncertainty = k >= 2 ? std::abs(E - r.ladder[k - 2].energy) : std::numeric_limits<double>::quiet_NaN();
  if (k >= 5) {
    r.extrapolated_energy = aitkenLimit(r.ladder[k - 5].energy, r.ladder[k - 3].energy, E);
    r.extrapolation_uncertainty = std::max(std::abs(r.extrapolated_energy - E), 1e-16 * std::abs(E));
  }
  if (c.shells) r.basis_converged = true;   // a fixed basis is what was asked for
}

void gridHartree(const ManybodyConfig& c, ManybodyRun& r) {
  const Mixture& m = c.mixture;
  double scale = 0;
  for (const auto& sp : m.allSpecies()) scale = std::max(scale, sp.trap.maxLengthScale());
  const double box = c.grid_box ? *c.grid_box : 16.0 * scale;
  int points = 64;
  const double range = m.pair().range();
  while (points < 512 && box / points > 0.25 * range) points *= 2;
  if (c.grid_points) points = *c.grid_points;
  SolverOptions o;
  o.progress = false;
  o.keep_history = false;
  o.measure = false;
  o.tolerance = 1e-10;
  const GroundStateResult g = groundState(m, Grid(m.dimension(), points, box), o);
  r.grid_hartree_energy = g.energy;
  r.grid_hartree_converged = g.converged;
  if (!g.converged) r.warnings.push_back("grid Hartree solve did not converge");
}

void runSweep(const ManybodyConfig& c, const RunOptions& run, ManybodyRun& r) {
  const int N0 = total(c.particles), shells = c.sweep_shells;
  std::vector<double> xs, ys;
  for (int N : c.sweep_N) {
    std::vector<int> P;
    for (int n : c.particles) P.push_back(n * N / N0);
    if (sectorEstimate(c.mixture, P, shells) > c.max_dimension) {
      r.warnings.push_back(fmt::format("sweep: N = {} skipped (sector above basis.max_dimension)", N));
      continue;
    }
    requireSectorMemory(c.mixture, P, shells, fmt::format("sweep.N = {} at sweep.shells = {}", N, shells));
    FiniteNOptions o = finiteOptions(c, shells, run);
    o.marginals = false;
    const FiniteNResult x = solveFiniteN(manybodyMixture(c.mixture, P), P, o);
    ManybodySweepPoint p{N, P, x.dimension, x.energy, x.hartree.energy, x.hartree.energy - x.energy,
                         x.bogoliubov.e_B, x.residual};
    run.info(fmt::format("sweep N = {:5d}: dimension {:>9}  E^H - E_N^Q = {:.6e}  -e_B/N = {:.6e}", N, x.dimension,
                         p.difference, -p.e_B / N));
    r.sweep.push_back(p);
    xs.push_back(N), ys.push_back(p.difference);
    if (!x.lanczos_converged || !x.hartree.converged) r.converged = false;
  }
  const PowerLawFit fit = fitPowerLaw(xs, ys);
  r.fitted_power = fit.exponent, r.fitted_constant = fit.prefactor;
}

std::string ladderCsv(const ManybodyRun& r) {
  std::ostringstream s;
  s << "shells,modes,dimension,energy,energy_total,hartree_energy,e_B,residual\n";
  for (const auto& x : r.ladder)
    s << fmt::format("{},{},{},{:.17g},{:.17g},{:.17g},{:.17g},{:.3e}\n", x.shells, x.modes[0], x.dimension, x.energy,
                     x.energy_total, x.hartree.energy, x.bogoliubov.e_B, x.residual);
  return s.str();
}

std::string sweepCsv(const ManybodyRun& r) {
  std::ostringstream s;
  s << "N,dimension,energy,hartree_energy,difference,e_B,residual\n";
  for (const auto& p : r.sweep)
    s << fmt::format("{},{},{:.17g},{:.17g},{:.17g},{:.17g},{:.3e}\n", p.N, p.dimension, p.energy, p.hartree_energy,
                     p.difference, p.e_B, p.residual);
  return s.str();
}

}  // namespace

ManybodyRun manybody(const ManybodyConfig& c, const RunOptions& run) {
  const auto start = std::chrono::steady_clock::now();
  std::optional<OutputSet> out;   // made now: an unwritable DIR fails before the solves
  if (!run.out_dir.empty()) out.emplace(run.out_dir);
  requireMemoryUpFront(c);
  ManybodyRun r;
  runLadder(c, run, r);
  r.converged = r.basis_converged;
  for (const auto& x : r.ladder) r.converged = r.converged && x.lanczos_converged && x.hartree.converged;
  if (!r.basis_converged)
    r.warnings.push_back(fmt::format("basis not converged to {:.1e} by shells = {}", c.tolerance, r.result().shells));
  if (c.grid_hartree) gridHartree(c, r);
  runSweep(c, run, r);
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& w : r.warnings) run.warning(w);
  if (out) {   // ladder.csv, sweep.csv, summary.json and the figure replace an earlier set together
    out->mayContain({"sweep.csv", "gap.png"});
    writeTextFile(out->staged("ladder.csv"), ladderCsv(r));
    writeJsonFile(out->staged("summary.json"), toJson(r));
    if (!r.sweep.empty()) {
      writeTextFile(out->staged("sweep.csv"), sweepCsv(r));
      drawFigures(run.figures, "plot_manybody.py", out->stagingDirectory(), run);
    }
    out->commit();
  }
  return r;
}

namespace {

Json finiteJson(const FiniteNResult& x) {
  Json j;
  j["shells"] = x.shells;
  j["modes"] = x.modes;
  j["dimension"] = x.dimension;
  j["energy"] = x.energy;
  j["energy_total"] = x.energy_total;
  j["hartree_energy"] = x.hartree.energy;
  j["e_B"] = x.bogoliubov.e_B;
  j["residual"] = x.residual;
  j["seconds"] = x.seconds;
  return j;
}

/// NaN (a species without the pair in question) becomes null in the marginals block only.
Json maybe(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

}  // namespace

Json toJson(const ManybodyRun& r) {
  const FiniteNResult& x = r.result();
  Json j;
  j["energy"] = x.energy;
  j["energy_total"] = x.energy_total;
  j["hartree_energy"] = x.hartree.energy;
  size_t modes = 0;
  for (int m : x.modes) modes += m;
  j["basis"] = {{"shells", x.shells}, {"modes", modes}, {"dimension", x.dimension}, {"modes_per_species", x.modes}};
  j["condensate_fraction"] = x.condensate_fraction;
  j["converged"] = r.converged;
  j["wall_seconds"] = r.wall_seconds;
  // extras
  j["particles"] = x.particles;
  j["N"] = total(x.particles);
  j["energy_extrapolated"] = r.extrapolated_energy;
  j["energy_uncertainty"] = std::isfinite(r.extrapolation_uncertainty) ? Json(r.extrapolation_uncertainty) : Json(nullptr);
  j["basis_converged"] = r.basis_converged;
  j["residual"] = x.residual;
  j["hartree_energy_grid"] = r.grid_hartree_energy ? Json(*r.grid_hartree_energy) : Json(nullptr);
  j["hartree_mu"] = x.hartree.mu;
  j["bogoliubov"] = {{"e_B", x.bogoliubov.e_B},
                     {"stable", x.bogoliubov.stable},
                     {"predicted_energy", x.hartree.energy + x.bogoliubov.e_B / total(x.particles)},
                     {"N_times_gap", total(x.particles) * (x.energy - x.hartree.energy)}};
  j["marginals"] = {{"hartree_overlap", x.hartree_overlap},
                    {"overlap_11", maybe(x.overlap11)},
                    {"overlap_20", maybe(x.overlap20)}};
  Json ladder = Json::array();
  for (const auto& l : r.ladder) ladder.push_back(finiteJson(l));
  j["ladder"] = ladder;
  Json sweep = Json::array();
  for (const auto& p : r.sweep)
    sweep.push_back({{"N", p.N}, {"particles", p.particles}, {"dimension", p.dimension}, {"energy", p.energy},
                     {"hartree_energy", p.hartree_energy}, {"difference", p.difference}, {"e_B", p.e_B},
                     {"residual", p.residual}});
  j["sweep"] = sweep;
  j["fitted_power"] = std::isfinite(r.fitted_power) ? Json(r.fitted_power) : Json(nullptr);
  j["fitted_constant"] = std::isfinite(r.fitted_constant) ? Json(r.fitted_constant) : Json(nullptr);
  j["warnings"] = r.warnings;
  return j;
}

}  // namespace cbec::drivers
