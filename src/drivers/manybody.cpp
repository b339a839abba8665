// Driver of `cbec manybody` (drivers/manybody.hpp).
#include <cbec/drivers/manybody.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/io/json_numbers.hpp>
#include <cbec/io/memory_limit.hpp>
#include <cbec/manybody/mixture_modes.hpp>
#include <cbec/mpi/gather.hpp>
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

// A sweep point as JSON (ADL: in the namespace of the type), for gathering the points of several ranks.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ManybodySweepPoint, N, particles, dimension, energy, hartree_energy, difference, e_B,
                                   residual)

namespace {

int total(const std::vector<int>& particles) {
  int N = 0;
  for (int n : particles) N += n;
  return N;
}

/// The shape of a basis rung: shells per species, the many-body truncation and the basis scale.
struct Rung {
  int shells = 0;
  std::optional<int> max_quanta;
  double scale = 1.0;
  std::optional<int> angular_momentum;   ///< L_z sector (circular modes); empty: parity classes
};

Rung rungAt(const ManybodyConfig& c, int shells, double scale) {
  return Rung{shells, c.energy_truncation ? std::optional<int>(shells) : c.max_quanta, scale, c.angular_momentum};
}

/// The sweep's fixed basis.
Rung sweepRung(const ManybodyConfig& c) { return Rung{c.sweep_shells, c.max_quanta, 1.0, c.angular_momentum}; }

/// What a rung holds (mixtureModeFootprint) and its bytes: kFiniteNBytesPerState per sector state and, per
/// stored two-body entry, the tensor (16 B) and the Fock operator's term list (at most 16 B).
ModeFootprint footprint(const Mixture& m, const std::vector<int>& particles, const Rung& r) {
  return mixtureModeFootprint(m, particles, r.shells, r.max_quanta, r.angular_momentum);
}

double bytes(const ModeFootprint& f) {
  return kFiniteNBytesPerState * f.states + 2 * TwoBodyTensor::kBytesPerEntry * f.entries;
}

/// The largest footprint that fits in memory.
double memoryBytes() { return 0.9 * availableMemoryBytes(); }

/// InputError naming `item` when the footprint of a rung does not fit in memory.
void requireSectorMemory(const Mixture& m, const std::vector<int>& particles, const Rung& r, const std::string& item) {
  const ModeFootprint f = footprint(m, particles, r);
  requireMemory(bytes(f), fmt::format("{} (Fock sector of {:.3g} states at {} B/state, {:.3g} two-body entries at {} B)",
                                       item, f.states, kFiniteNBytesPerState, f.entries,
                                       2 * TwoBodyTensor::kBytesPerEntry));
}

FiniteNOptions finiteOptions(const ManybodyConfig& c, const std::vector<int>& particles, const Rung& rung,
                             const RunOptions& run) {
  FiniteNOptions o;
  o.shells = rung.shells;
  o.max_quanta = rung.max_quanta;
  o.scale = rung.scale;
  o.angular_momentum = rung.angular_momentum;
  o.threads = run.threads > 0 ? run.threads : c.threads;
  o.lanczos_tolerance = c.lanczos_tolerance;
  o.distributed = c.eigensolver == "slepc" || (c.eigensolver == "auto" && mpi::Communicator::world().distributed());
  // The sparse matrix when it fits beside the rung's own footprint (at most a quarter of the memory).
  o.assemble_bytes = std::min(0.25 * memoryBytes(), memoryBytes() - bytes(footprint(c.mixture, particles, rung)));
  return o;
}

/// The first rung of the automatic ladder: K = |M| in an L_z sector (Σ quanta ≥ |Σ L_z|), else 0.
int firstRung(const ManybodyConfig& c) {
  return c.shells ? *c.shells : c.angular_momentum ? std::abs(*c.angular_momentum) : 0;
}

/// Before any solve: a fixed basis and every sweep point that will run (sector ≤ max_dimension) fit in
/// memory, so a run that cannot finish fails at once rather than after hours.
void requireMemoryUpFront(const ManybodyConfig& c) {
  const double scale = c.scale.value_or(1.0);
  if (c.shells) requireSectorMemory(c.mixture, c.particles, rungAt(c, *c.shells, scale), fmt::format("basis.shells = {}", *c.shells));
  else requireSectorMemory(c.mixture, c.particles, rungAt(c, firstRung(c), scale),
                           fmt::format("basis ladder at shells = {}", firstRung(c)));
  const int N0 = total(c.particles);
  for (int N : c.sweep_N) {
    std::vector<int> P;
    for (int n : c.particles) P.push_back(n * N / N0);
    const Rung r = sweepRung(c);
    if (footprint(c.mixture, P, r).states <= c.max_dimension)
      requireSectorMemory(c.mixture, P, r, fmt::format("sweep.N = {} at sweep.shells = {}", N, c.sweep_shells));
  }
}

/// Rescaled oscillators: the basis scale with the lowest energy at a small rung (the Ritz principle: in a
/// basis of fixed size the lower energy is the better basis), from 1, 1.25, ..., 3, at the largest K ≤ 16 with
/// at most 2000 states (the optimum drifts to narrower bases as K grows: the choice at K = 16 is within a
/// factor 2 of the best at K = 24 for the two-body problem, the choice at K = 12 a factor 5–30 off).
double variationalScale(const ManybodyConfig& c, const RunOptions& run, int step) {
  int K = 0;
  for (int k = firstRung(c) + step; k <= std::min(16, c.max_shells); k += step)
    if (const ModeFootprint f = footprint(c.mixture, c.particles, rungAt(c, k, 1.0));
        f.states <= 2000 && bytes(f) <= memoryBytes())
      K = k;
  if (K == 0) return 1.0;
  double best = 1.0, bestE = INFINITY;
  for (double s : {1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 3.0}) {
    FiniteNOptions o = finiteOptions(c, c.particles, rungAt(c, K, s), run);
    o.marginals = false;
    const double E = solveFiniteN(c.mixture, c.particles, o).energy_total;
    if (E < bestE) bestE = E, best = s;
  }
  run.info(fmt::format("basis scale {:.2f} (lowest energy at shells {} among 1 ... 3)", best, K));
  return best;
}

/// |E_K − E_{K−2}| ≤ ε|E_K| and, when the last two differences d_K, d_{K−2} shrink geometrically with a ratio
/// ρ = d_K/d_{K−2} > ½, also the tail d_K ρ/(1 − ρ) of the remaining rungs (so a slow ladder is not called
/// converged on one small step).
bool ladderConverged(const std::vector<FiniteNResult>& ladder, size_t back, double tolerance) {
  const size_t k = ladder.size();
  const double E = ladder[k - 1].energy_total, d = ladder[k - 1 - back].energy_total - E;
  if (std::abs(d) > tolerance * std::abs(E)) return false;
  if (k <= 2 * back) return true;
  const double previous = ladder[k - 1 - 2 * back].energy_total - ladder[k - 1 - back].energy_total;
  const double rho = previous != 0.0 ? d / previous : 0.0;
  if (rho <= 0.5) return true;
  return rho < 1.0 && std::abs(d) * rho / (1.0 - rho) <= tolerance * std::abs(E);
}

void runLadder(const ManybodyConfig& c, const RunOptions& run, ManybodyRun& r) {
  const std::vector<int>& P = c.particles;
  // With the energy truncation and every axis a parity axis, Σ quanta is even in the sector: odd rungs
  // repeat the even ones below them. In an L_z sector Σ quanta ≡ Σ L_z (mod 2): rungs K ≡ M step by 2.
  const bool even = c.energy_truncation &&
                    (c.angular_momentum || commonParityAxes(c.mixture) == (1u << c.mixture.dimension()) - 1);
  const int step = even ? 2 : 1;
  const double scale = c.scale ? *c.scale : (c.shells ? 1.0 : variationalScale(c, run, step));
  r.scale = scale;
  const int first = firstRung(c), last = c.shells ? *c.shells : c.max_shells;
  for (int n = first; n <= last; n += step) {
    const Rung rung = rungAt(c, n, scale);
    if (!c.shells && n > first) {
      const ModeFootprint f = footprint(c.mixture, P, rung);
      if (f.states > c.max_dimension) {
        r.limit = fmt::format("basis.max_dimension = {} (shells {} need {:.3g} states)", c.max_dimension, n, f.states);
        break;
      }
      if (bytes(f) > memoryBytes()) {
        r.limit = fmt::format("memory ({} shells need about {:.3g} states and {:.3g} two-body entries, {:.3g} bytes, "
                              "more than the memory available, {:.3g} bytes)", n, f.states, f.entries, bytes(f),
                              memoryBytes());
        r.warnings.push_back(fmt::format("basis ladder stopped at shells = {}: {}", n - step, r.limit));
        break;
      }
    }
    requireSectorMemory(c.mixture, P, rung, c.shells ? fmt::format("basis.shells = {}", n)
                                                     : fmt::format("basis ladder at shells = {}", n));
    r.ladder.push_back(solveFiniteN(c.mixture, P, finiteOptions(c, P, rung, run)));
    const FiniteNResult& x = r.ladder.back();
    run.info(fmt::format("shells {:2d}: dimension {:>9}  E_N^Q = {:.14g}  E^H = {:.14g}  ({:.2f} s)", n, x.dimension,
                         x.energy, x.hartree.energy, x.seconds));
    const size_t k = r.ladder.size(), back = even ? 1 : 2;   // compare with the rung 2 shells below
    if (!c.shells && k > back && ladderConverged(r.ladder, back, c.tolerance)) {
      r.basis_converged = true;
      break;
    }
  }
  if (!c.shells && !r.basis_converged && r.limit.empty()) r.limit = fmt::format("basis.max_shells = {}", c.max_shells);
  const size_t k = r.ladder.size();
  const double E = r.ladder.back().energy;
  r.extrapolated_energy = E;
  r.extrapolation_uncertainty = k >= 2 ? std::abs(E - r.ladder[k - 2].energy) : std::numeric_limits<double>::quiet_NaN();
  const size_t gap = even ? 1 : 2;   // Aitken over rungs 2 shells apart
  if (k >= 2 * gap + 1) {   // not geometric (Aitken returns E): the last difference stays the uncertainty
    const double limit = aitkenLimit(r.ladder[k - 1 - 2 * gap].energy, r.ladder[k - 1 - gap].energy, E);
    if (limit != E) {
      r.extrapolated_energy = limit;
      r.extrapolation_uncertainty = std::max(std::abs(limit - E), 1e-16 * std::abs(E));
    }
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

/// One sweep point on this process alone (Spectra's Lanczos: the sweep's parallelism is over the points).
ManybodySweepPoint sweepPoint(const ManybodyConfig& c, const RunOptions& run, int N, const std::vector<int>& P,
                              bool& converged) {
  const Rung rung = sweepRung(c);
  FiniteNOptions o = finiteOptions(c, P, rung, run);
  o.marginals = false;
  o.distributed = false;
  const FiniteNResult x = solveFiniteN(manybodyMixture(c.mixture, P), P, o);
  converged = x.lanczos_converged && x.hartree.converged;
  return {N, P, x.dimension, x.energy, x.hartree.energy, x.hartree.energy - x.energy, x.bogoliubov.e_B, x.residual};
}

/// The N sweep. On several ranks each takes a contiguous block of the points (every point on one rank, solved
/// as on one process, so the numbers are the serial run's bit for bit) and the points are gathered in order.
void runSweep(const ManybodyConfig& c, const RunOptions& run, ManybodyRun& r) {
  const int N0 = total(c.particles), shells = c.sweep_shells;
  std::vector<std::pair<int, std::vector<int>>> todo;
  for (int N : c.sweep_N) {
    std::vector<int> P;
    for (int n : c.particles) P.push_back(n * N / N0);
    const Rung rung = sweepRung(c);
    if (footprint(c.mixture, P, rung).states > c.max_dimension) {
      r.warnings.push_back(fmt::format("sweep: N = {} skipped (sector above basis.max_dimension)", N));
      continue;
    }
    requireSectorMemory(c.mixture, P, rung, fmt::format("sweep.N = {} at sweep.shells = {}", N, shells));
    todo.push_back({N, P});
  }
  const mpi::Communicator& ranks = mpi::Communicator::world();
  const auto [first, last] = ranks.block(todo.size());
  std::vector<ManybodySweepPoint> mine;
  bool converged = true;
  for (std::size_t k = first; k < last; ++k) {
    bool ok = false;
    const ManybodySweepPoint p = sweepPoint(c, run, todo[k].first, todo[k].second, ok);
    converged = converged && ok;
    run.info(fmt::format("sweep N = {:5d}: dimension {:>9}  E^H - E_N^Q = {:.6e}  -e_B/N = {:.6e}", p.N, p.dimension,
                         p.difference, -p.e_B / p.N));
    mine.push_back(p);
  }
  if (!ranks.all(converged)) r.converged = false;
  r.sweep = mpi::allGatherInOrder(ranks, mine);
  std::vector<double> xs, ys;
  for (const ManybodySweepPoint& p : r.sweep) xs.push_back(p.N), ys.push_back(p.difference);
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
    r.warnings.push_back(fmt::format("basis not converged to {:.1e} by shells = {} (limited by {})", c.tolerance,
                                     r.result().shells, r.limit));
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

}  // namespace

Json toJson(const ManybodyRun& r) {
  const FiniteNResult& x = r.result();
  Json j;
  j["energy"] = x.energy;
  j["energy_total"] = x.energy_total;
  j["hartree_energy"] = x.hartree.energy;
  size_t modes = 0;
  for (int m : x.modes) modes += m;
  j["basis"] = {{"shells", x.shells}, {"modes", modes}, {"dimension", x.dimension}, {"modes_per_species", x.modes},
                {"scale", r.scale}, {"max_quanta", x.max_quanta ? Json(*x.max_quanta) : Json(nullptr)},
                {"symmetry", x.angular_momentum ? "angular_momentum" : "parity"},
                {"angular_momentum", x.angular_momentum ? Json(*x.angular_momentum) : Json(nullptr)},
                {"limit", r.limit.empty() ? Json(nullptr) : Json(r.limit)}};
  j["condensate_fraction"] = x.condensate_fraction;
  j["converged"] = r.converged;
  j["wall_seconds"] = r.wall_seconds;
  j["ranks"] = mpi::Communicator::world().size();
  j["bytes_per_product"] = 8.0 * double(x.ghost_values);   // remote amplitudes moved per H·x (0 on one rank)
  j["eigensolver_seconds"] = x.eigensolver_seconds;         // the reported rung's eigensolve (H stored included)
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
                    {"overlap_11", numberOrNull(x.overlap11)},
                    {"overlap_20", numberOrNull(x.overlap20)}};
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
