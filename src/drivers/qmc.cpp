// Driver of `cbec qmc` (qmc.hpp).
#include <cbec/drivers/qmc.hpp>
#include <cbec/io/json_numbers.hpp>
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

bool hasDensity(const QmcRun& r) {
  for (const auto& g : r.density_grids)
    if (g.points > 0) return true;
  return false;
}

/// density.csv: species, the bin centre (x[, y[, z]]), pure ± error, mixed, trial u² (all ∫ = 1).
std::string densityCsv(const QmcRun& r) {
  const DmcResult& x = r.runs[r.smallest];
  const int d = r.modes.empty() ? 1 : r.modes[0].dimension;
  static const char* axis[3] = {"x", "y", "z"};
  std::ostringstream o;
  o << "species";
  for (int a = 0; a < d; ++a) o << "," << axis[a];
  o << ",pure,pure_error,mixed,trial\n";
  for (size_t s = 0; s < r.density_grids.size(); ++s) {
    const DensityGrid& g = r.density_grids[s];
    if (g.points == 0 || x.density_pure.size() <= s || x.density_pure[s].empty()) continue;
    for (size_t c = 0; c < x.density_pure[s].size(); ++c) {
      o << s;
      size_t rest = c;
      double pt[3];
      for (int a = d - 1; a >= 0; --a) {
        pt[a] = g.centre[a] + (double(rest % g.points) + 0.5 - 0.5 * g.points) * g.box / g.points;
        rest /= g.points;
      }
      for (int a = 0; a < d; ++a) o << fmt::format(",{:.10g}", pt[a]);
      o << fmt::format(",{:.10g},{:.4g},{:.10g},{:.10g}\n", x.density_pure[s][c], x.density_pure_error[s][c],
                       x.density_mixed[s][c], r.trial_density[s][c]);
    }
  }
  return o.str();
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
  // the one-body factors: the Hartree minimisers, compensated for the pair factor's mean field when there is one
  const double jastrowRange = c.jastrow == "gaussian" ? c.jastrow_range : 0.0;
  std::vector<std::shared_ptr<const TrialOrbital>> orbitals;
  for (int s = 0; s < S; ++s) orbitals.push_back(std::make_shared<SplineOrbital>(grid, g.u[s]));
  const std::vector<Field> trialFields =
      DiffusionMonteCarlo(m, c.particles, orbitals, jastrowRange).compensatedOrbitals(grid, g.u);
  if (jastrowRange > 0)
    for (int s = 0; s < S; ++s) orbitals[s] = std::make_shared<SplineOrbital>(grid, trialFields[s]);
  const DiffusionMonteCarlo dmc(m, c.particles, orbitals, jastrowRange);
  r.jastrow = c.jastrow;
  r.jastrow_range = c.jastrow_range;
  r.jastrow_kappa = dmc.jastrowKappa();
  for (int s = 0; s < S; ++s)
    for (int t = 0; t < S; ++t) r.jastrow_amplitudes.push_back(dmc.jastrowAmplitude(s, t));
  // the density-matrix basis u_s·P_a and the density histogram (12 ℓ_s wide around the orbital's centre)
  for (int s = 0; s < S; ++s) {
    r.modes.push_back(trialModes(grid, trialFields[s], c.density_matrix_degree));
    DensityGrid dg;
    dg.points = c.density_points ? *c.density_points : (d == 1 ? 64 : d == 2 ? 32 : 16);
    dg.box = 12.0 * r.modes[s].length;
    dg.centre = r.modes[s].centre;
    r.density_grids.push_back(dg);
    std::vector<double> u2;
    if (dg.points > 0) {
      const size_t bins = size_t(std::pow(dg.points, d));
      for (size_t cidx = 0; cidx < bins; ++cidx) {
        double x[3];
        size_t rest = cidx;
        for (int a = d - 1; a >= 0; --a) {
          x[a] = dg.centre[a] + (double(rest % dg.points) + 0.5 - 0.5 * dg.points) * dg.box / dg.points;
          rest /= dg.points;
        }
        u2.push_back(std::exp(2 * orbitals[s]->logValue(x).value));
      }
    }
    r.trial_density.push_back(std::move(u2));
  }

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
    o.ranks = &mpi::Communicator::world();
    o.modes = r.modes;
    o.density = r.density_grids;   // the walkers split over the ranks (same numbers on any P)
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
  r.smallest = smallest;
  for (size_t s = 0; c.forward_walkers > 0 && s < r.runs[smallest].density_pure.size(); ++s)
    if (!r.runs[smallest].density_pure[s].empty() && std::isnan(r.runs[smallest].density_pure[s][0])) {
      r.warnings.push_back("the pure density needs at least 16 forward-walk measurements (two batches of 8): "
                           "density.csv has nan in `pure`; raise max_steps or lower forward_every");
      break;
    }
  r.converged = r.hartree_converged && r.energy_error <= c.target_error;
  for (const auto& x : r.runs) r.converged = r.converged && x.converged;
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& w : r.warnings) run.warning(w);
  if (out) {
    writeTextFile(out->staged("energy.csv"), energyCsv(r.runs[smallest]));
    if (hasDensity(r)) writeTextFile(out->staged("density.csv"), densityCsv(r));
    writeJsonFile(out->staged("summary.json"), toJson(r));
    out->commit();
  }
  return r;
}

Json toJson(const QmcRun& r) {
  Json j;
  j["energy"] = r.energy;
  j["energy_error"] = r.energy_error;
  j["energy_total"] = r.energy * r.particles;
  j["hartree_energy"] = r.hartree_energy;
  Json cf = Json::array(), cfe = Json::array();
  for (size_t s = 0; s < r.condensate_fraction.size(); ++s) {
    cf.push_back(numberOrNull(r.condensate_fraction[s]));
    cfe.push_back(numberOrNull(r.condensate_fraction_error[s]));
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
                       for (double v : x.condensate_fraction) a.push_back(numberOrNull(v));
                       return a;
                     }()},
                    {"forward_samples", x.forward_samples}, {"seconds_per_walker_step", x.seconds_per_walker_step},
                    {"cpu_seconds_per_walker_step", x.cpu_seconds_per_walker_step},
                    {"wall_seconds", x.wall_seconds}, {"stop", x.stop}});
  j["time_steps"] = runs;
  // γ^(1,0), γ^(0,1): per species, in the trial's mode basis
  Json dms = Json::array();
  for (size_t s = 0; s < r.modes.size() && !r.runs.empty(); ++s) {
    const DmcResult& x = r.runs[r.smallest];
    if (x.density_matrix.size() <= s) break;
    Json mat = Json::array(), err = Json::array();
    for (int a = 0; a < x.density_matrix[s].rows(); ++a) {
      Json row = Json::array(), erow = Json::array();
      for (int b = 0; b < x.density_matrix[s].cols(); ++b) {
        row.push_back(numberOrNull(x.density_matrix[s](a, b)));
        erow.push_back(numberOrNull(x.density_matrix_error[s](a, b)));
      }
      mat.push_back(row);
      err.push_back(erow);
    }
    dms.push_back({{"species", s}, {"basis", r.modes[s].labels()}, {"basis_degree", r.modes[s].degree},
                   {"basis_centre", r.modes[s].centre}, {"basis_length", r.modes[s].length},
                   {"matrix", mat}, {"error", err},
                   {"largest_eigenvalue", numberOrNull(x.largest_eigenvalue[s])},
                   {"largest_eigenvalue_error", numberOrNull(x.largest_eigenvalue_error[s])}});
  }
  j["density_matrices"] = dms;
  j["trial"] = {{"jastrow", r.jastrow}};
  if (r.jastrow != "none")
    j["trial"].update({{"jastrow_range", r.jastrow_range}, {"jastrow_kappa", r.jastrow_kappa},
                       {"jastrow_amplitudes", r.jastrow_amplitudes}});
  if (hasDensity(r)) {
    Json grids = Json::array();
    for (const auto& g : r.density_grids) grids.push_back({{"points", g.points}, {"box", g.box}, {"centre", g.centre}});
    j["density"] = {{"file", "density.csv"}, {"grids", grids},
                    {"estimators", "pure (forward walked, unbiased up to tau and T_fw) and mixed (post-comb walkers)"}};
  }
  j["condensate_estimator"] = "occupation of the Hartree orbital <u_s|gamma_s|u_s> by paired forward walks (pure)";
  j["warnings"] = r.warnings;
  return j;
}

}  // namespace cbec::drivers
