// Driver of `cbec qmc` (qmc.hpp).
#include <cbec/drivers/qmc.hpp>
#include <cbec/mpi/communicator.hpp>

#include <cbec/io/progress.hpp>
#include <cbec/solver/ground_state.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <sstream>

namespace cbec::drivers {

namespace {

/// Weights c_k of the least-squares line through (τ_k, E_k) at τ = 0 (E_0 = Σ c_k E_k), and of its slope.
void lineWeights(const std::vector<double>& t, std::vector<double>& c0, std::vector<double>& c1) {
  const size_t K = t.size();
  c0.assign(K, 1.0);
  c1.assign(K, 0.0);
  if (K < 2) return;
  double St = 0, Stt = 0;
  for (double x : t) { St += x; Stt += x * x; }
  const double D = double(K) * Stt - St * St;
  for (size_t k = 0; k < K; ++k) {
    c0[k] = (Stt - t[k] * St) / D;
    c1[k] = (double(K) * t[k] - St) / D;
  }
}

std::string energyCsv(const DmcResult& r) {
  std::ostringstream s;
  s << "step,energy\n";
  for (size_t i = 0; i < r.series.size(); ++i) s << fmt::format("{},{:.17g}\n", i, r.series[i]);
  return s.str();
}

}  // namespace

QmcRun qmc(const QmcConfig& c, const RunOptions& run) {
  const auto start = std::chrono::steady_clock::now();
  std::optional<OutputSet> out;
  if (!run.out_dir.empty()) out.emplace(run.out_dir);
  QmcRun r;
  const Mixture& m = c.mixture;
  const int d = m.dimension(), S = m.speciesCount();
  r.threads = run.threads > 0 ? run.threads : c.threads;
  for (int n : c.particles) r.particles += n;

  // 1. the Hartree trial state on a grid centred between the traps
  double scale = 0;
  std::vector<double> centre(d, 0.0);
  for (const auto& sp : m.allSpecies()) {
    scale = std::max(scale, sp.trap.maxLengthScale());
    for (int a = 0; a < d; ++a) centre[a] += sp.trap.centre()[a] / S;
  }
  double spread = 0;
  for (const auto& sp : m.allSpecies())
    for (int a = 0; a < d; ++a) spread = std::max(spread, 2 * std::abs(sp.trap.centre()[a] - centre[a]));
  r.grid_box = c.grid_box ? *c.grid_box : 16.0 * scale + spread;
  const double h = std::min(d == 3 ? 0.25 : 0.125, 0.25 * m.pair().range());
  int points = 16;
  while (points < (d == 3 ? 256 : 2048) && r.grid_box / points > h) points *= 2;
  r.grid_points = c.grid_points ? *c.grid_points : points;
  const Grid grid(d, r.grid_points, r.grid_box, centre);
  SolverOptions so;
  so.keep_history = false;
  so.measure = false;
  so.tolerance = 1e-10;
  so.threads = r.threads;
  const GroundStateResult g = groundState(m, grid, so);
  r.hartree_energy = g.energy;
  r.hartree_mu = g.mu;
  r.hartree_converged = g.converged;
  if (!g.converged) r.warnings.push_back("the Hartree solve for the trial state did not converge");
  std::vector<std::shared_ptr<const TrialOrbital>> orbitals;
  for (int s = 0; s < S; ++s) orbitals.push_back(std::make_shared<SplineOrbital>(grid, g.u[s]));
  const DiffusionMonteCarlo dmc(m, c.particles, orbitals);

  // 2. one run per time step
  std::vector<double> c0, c1;
  lineWeights(c.time_steps, c0, c1);
  double amp = 0;
  for (double x : c0) amp += x * x;
  amp = std::sqrt(amp);
  for (size_t k = 0; k < c.time_steps.size(); ++k) {
    DmcOptions o;
    o.walkers = c.walkers;
    o.time_step = c.time_steps[k];
    o.equilibration_time = c.equilibration_time;
    o.max_steps = c.max_steps;
    o.target_error = c.target_error / amp;
    o.seed = c.seed + 1000003ULL * k;
    o.threads = r.threads;
    o.forward_walkers = c.forward_walkers;
    o.forward_time = c.forward_time;
    o.forward_every = c.forward_every;
    o.max_seconds = c.max_seconds;
    o.population_correction_time = c.population_correction_time;
    Progress bar(fmt::format("qmc tau={}", o.time_step), o.max_steps, run.progress);
    o.progress = [&](long step, long, double e, double err) {
      bar.update(step, err > 0 ? fmt::format("E = {:.8f} ± {:.1e}", e, err) : fmt::format("E = {:.6f}", e));
    };
    DmcResult x = dmc.run(o);
    bar.finish(fmt::format("E = {:.10f} ± {:.1e}", x.energy, x.energy_error));
    run.info(fmt::format("tau {}: E = {:.10f} ± {:.2e} ({} steps, acceptance {:.4f}, {:.1f} s; {})", o.time_step,
                         x.energy, x.energy_error, x.steps, x.acceptance, x.wall_seconds, x.stop));
    if (!x.converged)
      r.warnings.push_back(fmt::format("time step {}: error {:.2e} above the target {:.2e} or no blocking plateau ({})",
                                       o.time_step, x.energy_error, o.target_error, x.stop));
    r.samples += x.samples;
    r.runs.push_back(std::move(x));
  }
  double e2 = 0, s2 = 0;
  for (size_t k = 0; k < r.runs.size(); ++k) {
    r.energy += c0[k] * r.runs[k].energy;
    e2 += c0[k] * c0[k] * r.runs[k].energy_error * r.runs[k].energy_error;
    r.slope += c1[k] * r.runs[k].energy;
    s2 += c1[k] * c1[k] * r.runs[k].energy_error * r.runs[k].energy_error;
  }
  r.energy_error = std::sqrt(e2);
  r.slope_error = std::sqrt(s2);
  if (r.runs.size() >= 3) {   // the line must describe the points: χ² per degree of freedom
    double chi2 = 0;
    for (size_t k = 0; k < r.runs.size(); ++k) {
      const double res = r.runs[k].energy - (r.energy + r.slope * c.time_steps[k]);
      chi2 += res * res / (r.runs[k].energy_error * r.runs[k].energy_error);
    }
    if (chi2 / double(r.runs.size() - 2) > 4)
      r.warnings.push_back(fmt::format("the time-step energies are not linear in tau (chi2/dof = {:.1f})",
                                       chi2 / double(r.runs.size() - 2)));
  }
  size_t smallest = 0;
  for (size_t k = 1; k < c.time_steps.size(); ++k)
    if (c.time_steps[k] < c.time_steps[smallest]) smallest = k;
  r.condensate_fraction = r.runs[smallest].condensate_fraction;
  r.condensate_fraction_error = r.runs[smallest].condensate_fraction_error;
  r.converged = r.hartree_converged && r.energy_error <= c.target_error;
  for (const auto& x : r.runs) r.converged = r.converged && x.converged;
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& w : r.warnings) run.warning(w);
  if (out) {
    writeTextFile(out->staged("energy.csv"), energyCsv(r.runs[smallest]));
    writeJsonFile(out->staged("summary.json"), toJson(r));
    out->commit();
  }
  return r;
}

Json toJson(const QmcRun& r) {
  auto num = [](double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); };
  Json j;
  j["energy"] = r.energy;
  j["energy_error"] = r.energy_error;
  j["energy_total"] = r.energy * r.particles;
  j["hartree_energy"] = r.hartree_energy;
  Json cf = Json::array(), cfe = Json::array();
  for (size_t s = 0; s < r.condensate_fraction.size(); ++s) {
    cf.push_back(num(r.condensate_fraction[s]));
    cfe.push_back(num(r.condensate_fraction_error[s]));
  }
  j["condensate_fraction"] = cf;
  j["condensate_fraction_error"] = cfe;
  j["samples"] = r.samples;
  j["converged"] = r.converged;
  j["wall_seconds"] = r.wall_seconds;
  j["ranks"] = mpi::Communicator::world().size();   // INTERFACE.md "MPI"
  j["particles"] = r.particles;
  j["threads"] = r.threads;
  j["hartree_mu"] = r.hartree_mu;
  j["hartree_converged"] = r.hartree_converged;
  j["trial_grid"] = {{"points", r.grid_points}, {"box", r.grid_box}};
  j["time_step_slope"] = r.slope;
  j["time_step_slope_error"] = r.slope_error;
  Json runs = Json::array();
  for (const auto& x : r.runs)
    runs.push_back({{"time_step", x.time_step}, {"energy", x.energy}, {"energy_error", x.energy_error},
                    {"uncorrected_energy", x.uncorrected_energy}, {"steps", x.steps}, {"samples", x.samples}, {"acceptance", x.acceptance},
                    {"effective_time_step", x.effective_time_step}, {"local_energy_variance", x.variance},
                    {"statistical_inefficiency", x.blocking.correlation_factor()},
                    {"blocking_plateau", x.blocking.plateau}, {"condensate_fraction", [&] {
                       Json a = Json::array();
                       for (double v : x.condensate_fraction) a.push_back(num(v));
                       return a;
                     }()},
                    {"forward_samples", x.forward_samples}, {"seconds_per_walker_step", x.seconds_per_walker_step},
                    {"cpu_seconds_per_walker_step", x.cpu_seconds_per_walker_step},
                    {"wall_seconds", x.wall_seconds}, {"stop", x.stop}});
  j["time_steps"] = runs;
  j["condensate_estimator"] = "occupation of the Hartree orbital <u_s|gamma_s|u_s> by paired forward walks (pure)";
  j["warnings"] = r.warnings;
  return j;
}

}  // namespace cbec::drivers
