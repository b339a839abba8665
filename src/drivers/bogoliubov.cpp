// Driver of `cbec bogoliubov` (drivers/bogoliubov.hpp).
#include <cbec/drivers/bogoliubov.hpp>
#include <cbec/io/json_numbers.hpp>
#include <cbec/mpi/communicator.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/solver/grid_bogoliubov.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>
#include <sstream>

namespace cbec::drivers {

namespace {

/// The base mixture's fractions and couplings with w_N and the pair scaling at N (manybodyMixture for real N).
Mixture mixtureAt(const Mixture& base, double N) {
  const PairInteraction& w = base.pair();
  const PairInteraction pair = PairInteraction::hartree(PairProfile::byName(w.profile()->name(), "model.profile"), N, w.beta());
  return Mixture(base.dimension(), base.allSpecies(), base.interCouplings(), pair, base.pairScaling(), N);
}

int defaultMaxPoints(int d) { return d == 1 ? 4096 : d == 2 ? 256 : 48; }

Grid gridFor(const BogoliubovConfig& c, const Mixture& m, std::vector<std::string>& warnings, double N) {
  double scale = 0;
  for (const auto& sp : m.allSpecies()) scale = std::max(scale, sp.trap.maxLengthScale());
  const double box = c.base.grid_box ? *c.base.grid_box : 16.0 * scale;
  const int d = m.dimension();
  const int cap = c.max_points ? *c.max_points : defaultMaxPoints(d);
  int points = d == 1 ? 128 : d == 2 ? 64 : 32;
  const double range = m.pair().range();
  auto halvedSize = [d](int n) { return std::pow(double(n / 2), d); };
  while (points < cap && (box / points > 0.25 * range || halvedSize(points) < c.modes + 2)) points *= 2;
  points = std::min(points, cap);
  if (c.base.grid_points) points = *c.base.grid_points;
  if (box / points > 0.25 * range)
    warnings.push_back(fmt::format("N = {:.6g}: grid spacing {:.3g} above a quarter of the range of w_N ({:.3g}); raise "
                                   "grid.points or bogoliubov.max_points", N, box / points, range));
  return Grid(d, points, box);
}

struct Solved {
  GroundStateResult ground;
  GridBogoliubovResult bog;
};

Solved solveOn(const Mixture& m, const Grid& grid, const BogoliubovConfig& c, const State* warm, const Grid* from,
               const RunOptions& run) {
  Hamiltonian h(m, grid, run.threads > 0 ? run.threads : 1, false);
  SolverOptions so;
  so.tolerance = 1e-11;
  so.keep_history = false;
  so.measure = false;
  so.progress = false;
  Solved s;
  if (warm) {
    const State u0 = transferState(*from, *warm, grid);
    s.ground = groundState(h, so, &u0);
  } else {
    s.ground = groundState(h, so);
  }
  if (!s.ground.converged) return s;
  GridBogoliubovOptions o;
  o.modes = c.modes;
  o.rungs = c.rungs;
  o.excitations = c.excitations;
  s.bog = gridBogoliubov(h, s.ground, o);
  return s;
}

BogoliubovPoint solvePoint(const BogoliubovConfig& c, double N, const RunOptions& run, std::vector<std::string>& warnings) {
  const auto start = std::chrono::steady_clock::now();
  const Mixture m = mixtureAt(c.base.mixture, N);
  const Grid fine = gridFor(c, m, warnings, N);
  const Grid coarse(fine.dimension(), fine.points() / 2, fine.box());
  if (static_cast<std::size_t>(c.modes) + 2 > coarse.size())
    throw InputError(fmt::format("bogoliubov.modes = {} needs a grid of at least {} points; the halved grid of the "
                                 "grid-convergence check has {} (raise grid.points)", c.modes, c.modes + 2, coarse.size()));
  const Solved f = solveOn(m, fine, c, nullptr, nullptr, run);
  BogoliubovPoint p;
  p.N = N;
  p.points = fine.points();
  p.box = fine.box();
  p.range = m.pair().range();
  p.hartree_energy = f.ground.energy;
  p.mu = f.ground.mu;
  if (!f.ground.converged) {
    warnings.push_back(fmt::format("N = {:.6g}: the Hartree minimiser did not converge (residual {:.2e})", N, f.ground.residual));
    p.e_B = p.uncertainty = NAN;
    return p;
  }
  // ∫ρ_sρ_t and, in 2D, the ultraviolet law of second order: e_B ≈ const − S·β ln N with
  // S = (1/8π)[Σ_s ã_s² ∫ρ_s² + Σ_{s≠t} c_s c_t a_st² ∫ρ_sρ_t] (docs/bogoliubov.md, "Growth with N").
  const int S = m.speciesCount();
  double sum = 0;
  for (int s = 0; s < S; ++s)
    for (int t = 0; t < S; ++t) {
      double I = 0;
      for (std::size_t i = 0; i < fine.size(); ++i) I += f.ground.u[s][i] * f.ground.u[s][i] * f.ground.u[t][i] * f.ground.u[t][i];
      I *= fine.cellVolume();
      p.density_overlaps.push_back(I);
      const double G = s == t ? m.effectiveIntra(s) : m.coupling(s, t);
      sum += (s == t ? 1.0 : m.fraction(s) * m.fraction(t)) * G * G * I;
    }
  p.log_slope = m.dimension() == 2 ? -m.pair().beta() * sum / (8.0 * std::numbers::pi) : NAN;
  const Solved g = solveOn(m, coarse, c, &f.ground.u, &fine, run);
  const GridBogoliubovResult& b = f.bog;
  p.e_B = b.e_B;
  p.e_B_last = b.e_B_last;
  p.depletion = b.depletion;
  p.excitations = b.excitations;
  p.gap = b.gap;
  for (const auto& r : b.rungs) p.rung_modes.push_back(r.modes), p.rung_e_B.push_back(r.e_B), p.rung_cutoff.push_back(r.cutoff);
  p.e_B_coarse = g.ground.converged ? g.bog.e_B : NAN;
  const double gridError = std::abs(p.e_B - p.e_B_coarse);
  p.uncertainty = b.uncertainty + gridError;
  // e_B is a sum over M modes of differences of energies up to the cutoff: below 16 ε M ε_cutoff the uncertainty
  // is round-off (without interaction e_B = 0 and no relative tolerance can be met)
  const double roundoff = 16 * std::numeric_limits<double>::epsilon() * c.modes * b.rungs.back().cutoff;
  const double allowed = std::max(c.tolerance * std::abs(p.e_B), roundoff);
  p.converged = g.ground.converged && b.eigen_converged && g.bog.eigen_converged && b.stable && g.bog.stable &&
                std::isfinite(p.uncertainty) && p.uncertainty <= allowed;
  if (!p.converged) {
    std::string why;
    if (!g.ground.converged) why = "the Hartree minimiser on the halved grid did not converge";
    else if (!b.stable || !g.bog.stable) why = "𝔸 ± 𝔹 is not positive (unstable minimiser)";
    else if (!b.eigen_converged || !g.bog.eigen_converged) why = "an excitation eigensolve did not converge";
    else
      why = fmt::format("uncertainty {:.2e} (mode cutoff {:.2e}, grid halving {:.2e}) above tolerance·|e_B| = {:.2e}; "
                        "raise bogoliubov.modes (cutoff ε = {:.3g}) or grid.points", p.uncertainty, b.uncertainty,
                        gridError, allowed, b.rungs.back().cutoff);
    warnings.push_back(fmt::format("N = {:.6g}: not converged: {}", N, why));
  }
  p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.info(fmt::format("N = {:<10.6g} grid {}^{}  e_B = {:.12g} ± {:.2e}  E^H = {:.14g}  ({:.2f} s){}", N, p.points,
                       fine.dimension(), p.e_B, p.uncertainty, p.hartree_energy, p.seconds,
                       p.converged ? "" : "  NOT converged"));
  return p;
}

std::string sweepCsv(const BogoliubovRun& r) {
  std::ostringstream s;
  s << "N,e_B,uncertainty,e_B_last_rung,e_B_coarse_grid,hartree_energy,depletion_total,lowest_excitation,points,"
       "second_order_log_slope,converged\n";
  for (const auto& p : r.points) {
    double dep = 0;
    for (double x : p.depletion) dep += x;
    s << fmt::format("{:.17g},{:.17g},{:.3e},{:.17g},{:.17g},{:.17g},{:.10g},{:.10g},{},{:.10g},{}\n", p.N, p.e_B, p.uncertainty,
                     p.e_B_last, p.e_B_coarse, p.hartree_energy, dep, p.excitations.empty() ? NAN : p.excitations[0],
                     p.points, p.log_slope, p.converged ? 1 : 0);
  }
  return s.str();
}

}  // namespace

BogoliubovRun bogoliubov(const BogoliubovConfig& c, const RunOptions& run) {
  const auto start = std::chrono::steady_clock::now();
  std::optional<OutputSet> out;
  if (!run.out_dir.empty()) out.emplace(run.out_dir);
  BogoliubovRun r;
  r.sweep = !c.N.empty();
  r.modes = c.modes;
  r.rungs = c.rungs;
  std::vector<double> Ns = c.N;
  if (Ns.empty()) {
    double N = 0;
    for (int n : c.base.particles) N += n;
    Ns.push_back(N);
  }
  r.converged = true;
  for (double N : Ns) {
    r.points.push_back(solvePoint(c, N, run, r.warnings));
    r.converged = r.converged && r.points.back().converged;
  }
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& w : r.warnings) run.warning(w);
  if (out) {
    out->mayContain({"sweep.csv"});
    writeJsonFile(out->staged("summary.json"), toJson(r));
    writeTextFile(out->staged("sweep.csv"), sweepCsv(r));
    out->commit();
  }
  return r;
}

Json toJson(const BogoliubovRun& r) {
  auto each = [&](auto f) {
    Json a = Json::array();
    for (const auto& p : r.points) a.push_back(f(p));
    return r.sweep ? a : a.at(0);
  };
  Json j;
  j["e_B"] = each([](const BogoliubovPoint& p) { return numberOrNull(p.e_B); });
  j["hartree_energy"] = each([](const BogoliubovPoint& p) { return numberOrNull(p.hartree_energy); });
  j["depletion"] = each([](const BogoliubovPoint& p) { return numbersOrNull(p.depletion); });
  j["excitations"] = each([](const BogoliubovPoint& p) { return numbersOrNull(p.excitations); });
  j["uncertainty"] = each([](const BogoliubovPoint& p) { return numberOrNull(p.uncertainty); });
  j["converged"] = each([](const BogoliubovPoint& p) { return Json(p.converged); });
  j["wall_seconds"] = r.wall_seconds;
  j["ranks"] = mpi::Communicator::world().size();   // INTERFACE.md "MPI"
  // extras
  j["N"] = each([](const BogoliubovPoint& p) { return Json(p.N); });
  j["all_converged"] = r.converged;
  j["modes"] = r.modes;
  j["e_B_last_rung"] = each([](const BogoliubovPoint& p) { return numberOrNull(p.e_B_last); });
  j["e_B_coarse_grid"] = each([](const BogoliubovPoint& p) { return numberOrNull(p.e_B_coarse); });
  j["mu"] = each([](const BogoliubovPoint& p) { return numbersOrNull(p.mu); });
  j["gap"] = each([](const BogoliubovPoint& p) { return numbersOrNull(p.gap); });
  j["grid"] = each([](const BogoliubovPoint& p) { return Json{{"points", p.points}, {"box", p.box}, {"range", p.range}}; });
  j["rungs"] = each([](const BogoliubovPoint& p) {
    Json a = Json::array();
    for (size_t k = 0; k < p.rung_modes.size(); ++k)
      a.push_back({{"modes", p.rung_modes[k]}, {"e_B", numberOrNull(p.rung_e_B[k])}, {"cutoff", p.rung_cutoff[k]}});
    return a;
  });
  j["density_overlaps"] = each([](const BogoliubovPoint& p) { return numbersOrNull(p.density_overlaps); });
  j["second_order_log_slope"] = each([](const BogoliubovPoint& p) { return numberOrNull(p.log_slope); });
  j["seconds"] = each([](const BogoliubovPoint& p) { return Json(p.seconds); });
  j["warnings"] = r.warnings;
  return j;
}

}  // namespace cbec::drivers
