#include <cbec/drivers/open_cases.hpp>

#include <cbec/io/json_numbers.hpp>
#include <cbec/mpi/communicator.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <optional>
#include <sstream>

namespace cbec::drivers {
namespace {

Json fitJson(const ExponentialFit& f) {
  return {{"rate", numberOrNull(f.rate)}, {"power", numberOrNull(f.power)}, {"log_prefactor", numberOrNull(f.log_prefactor)},
          {"max_residual", numberOrNull(f.max_residual)}, {"points", f.points}};
}
std::string g17(double x) { return std::isfinite(x) ? fmt::format("{:.17g}", x) : std::string(); }

}  // namespace

Json toJson(const CrossTermStudy& st) {
  auto pointJson = [](const CrossTermPoint& p) {
    Json j;
    j["distance"] = p.distance;
    j["separation"] = p.separation;
    j["a"] = p.a;
    j["mu"] = p.mu;
    j["kappa"] = p.kappa;
    j["ell"] = p.ell;
    j["single_energy"] = p.single_energy;
    j["overlap"] = numberOrNull(p.overlap);
    j["log_overlap"] = numberOrNull(p.log_overlap);
    j["quadrature_error"] = p.quadrature_error;
    j["relaxation"] = numbersOrNull(p.relaxation);
    j["log_relaxation"] = numbersOrNull(p.log_relaxation);
    j["relaxation_operator"] = p.relaxation_full ? "full" : "local";
    j["relaxation_iterations"] = p.relaxation_iterations;
    j["expansion"] = p.expansion;
    j["first_order"] = numberOrNull(p.first_order);
    j["log_first_order"] = p.log_first_order;
    j["direct"] = numberOrNull(p.direct);
    j["log_direct"] = numberOrNull(p.log_direct);
    j["log10_direct"] = numberOrNull(p.log_direct / std::log(10.0));
    j["energy_difference"] = numberOrNull(p.energy_difference);
    j["coupled_energy"] = numberOrNull(p.coupled_energy);
    j["relative_difference"] = numberOrNull((p.direct - p.energy_difference) / p.energy_difference);
    j["tail_mismatch"] = p.tail_mismatch;
    j["wall_seconds"] = p.seconds;
    return j;
  };
  Json s;
  s["case"] = "cross_term";
  s["a12"] = st.a12;
  s["separation"] = st.separation;
  s["fractions"] = st.fractions;
  s["powers"] = st.powers;
  s["Lambda"] = st.Lambda;
  Json path = Json::array(), sep = Json::array();
  for (const auto& p : st.path) path.push_back(pointJson(p));
  for (const auto& p : st.separation_scan) sep.push_back(pointJson(p));
  s["path"] = path;
  s["separation_scan"] = sep;
  s["path_fit"] = fitJson(st.path_fit);
  s["path_rate_per_separation"] = numberOrNull(st.path_fit.rate / st.separation);
  // (M 4.33): Δ ≤ C e^{-δ₀ (a_*-a)^{-1/(p+2)}}; ℓ = Λ (a_*-a)^{-1/(p+2)} so δ₀ = rate·Λ, and δ₀/|z1-z2| = δ
  s["delta0_fitted"] = numberOrNull(st.path_fit.rate * st.Lambda);
  s["delta_fitted"] = numberOrNull(st.path_fit.rate * st.Lambda / st.separation);
  s["delta_sharp_prediction"] = 2 * st.Lambda;
  s["local_rate_per_separation"] = numbersOrNull(st.local_rate);
  s["separation_fit"] = fitJson(st.separation_fit);
  if (!st.separation_scan.empty())   // the sharp rate in D: 2κ (Δ ~ e^{-2κD}, κ = √(-μ) ≈ ℓ)
    s["separation_rate_per_kappa"] = numberOrNull(st.separation_fit.rate / st.separation_scan[0].kappa[0]);
  s["ranks"] = mpi::Communicator::world().size();
  s["warnings"] = st.warnings;
  return s;
}

std::string crossTermCsv(const CrossTermStudy& st) {
  std::ostringstream out;
  out << "scan,distance,separation,a1,a2,mu1,mu2,kappa1,kappa2,ell1,ell2,E1,E2,log_overlap,quadrature_error,"
         "log_R1,log_R2,log_first_order,log_direct,direct,energy_difference,tail_mismatch1,tail_mismatch2,wall_seconds\n";
  auto row = [&](const char* scan, const CrossTermPoint& p) {
    out << scan << "," << g17(p.distance) << "," << g17(p.separation);
    for (const auto* v : {&p.a, &p.mu, &p.kappa, &p.ell, &p.single_energy})
      for (double x : *v) out << "," << g17(x);
    out << "," << g17(p.log_overlap) << "," << g17(p.quadrature_error) << "," << g17(p.log_relaxation[0]) << ","
        << g17(p.log_relaxation[1]) << "," << g17(p.log_first_order) << "," << g17(p.log_direct) << ","
        << g17(p.direct) << "," << g17(p.energy_difference) << "," << g17(p.tail_mismatch[0]) << ","
        << g17(p.tail_mismatch[1]) << "," << fmt::format("{:.3f}", p.seconds) << "\n";
  };
  for (const auto& p : st.path) row("path", p);
  for (const auto& p : st.separation_scan) row("separation", p);
  return out.str();
}

Json toJson(const CoincidentStudy& st) {
  Json s;
  s["case"] = "coincident";
  s["a12"] = st.a12;
  Json pts = Json::array();
  for (const auto& p : st.points) {
    Json j;
    j["distance"] = p.distance;
    j["a"] = p.a;
    j["predicted_ell"] = p.predicted_ell;
    j["single_energy"] = p.single_energy;
    j["predicted_single"] = p.predicted_single;
    j["grid"] = {{"points", p.grid_points}, {"box", p.grid_box}};
    j["lowest"] = p.starts.empty() ? Json(nullptr) : Json(p.starts[p.lowest].start);
    Json starts = Json::array();
    for (const auto& c : p.starts)
      starts.push_back({{"start", c.start}, {"energy", c.energy}, {"ratio", c.ratio}, {"converged", c.converged},
                        {"residual", c.residual}, {"iterations", c.iterations}, {"peak", c.peak},
                        {"ell_measured", c.ell_measured}, {"separation", c.separation},
                        {"separation_scaled", c.separation_scaled}, {"overlap", c.overlap}});
    j["starts"] = starts;
    j["wall_seconds"] = p.seconds;
    pts.push_back(j);
  }
  s["points"] = pts;
  s["ranks"] = mpi::Communicator::world().size();
  s["warnings"] = st.warnings;
  return s;
}

std::string coincidentCsv(const CoincidentStudy& st) {
  std::ostringstream out;
  out << "distance,start,lowest,energy,ratio,c1E1_plus_c2E2,predicted_single,ell1,ell2,predicted_ell1,peak1_x,peak1_y,"
         "peak2_x,peak2_y,separation,separation_scaled,overlap,converged,iterations\n";
  for (const auto& p : st.points)
    for (size_t i = 0; i < p.starts.size(); ++i) {
      const auto& c = p.starts[i];
      const double single = c.energy / c.ratio;
      out << fmt::format("{:.17g},{},{},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},"
                         "{:.17g},{:.17g},{:.17g},{:.17g},{},{}\n",
                         p.distance, c.start, static_cast<int>(i) == p.lowest ? 1 : 0, c.energy, c.ratio, single,
                         p.predicted_single, c.ell_measured[0], c.ell_measured[1], p.predicted_ell[0], c.peak[0][0],
                         c.peak[0][1], c.peak[1][0], c.peak[1][1], c.separation, c.separation_scaled, c.overlap,
                         c.converged ? 1 : 0, c.iterations);
    }
  return out.str();
}

Json toJson(const WindowStudy& st) {
  Json s;
  s["case"] = "window";
  s["c1"] = st.c1;
  s["a1"] = st.a1;
  s["a2"] = st.a2;
  s["lower_bound"] = st.lower;
  s["upper_bound"] = st.upper;
  s["bracket"] = {numberOrNull(st.bracket_low), numberOrNull(st.bracket_high)};
  s["threshold_fit"] = numberOrNull(st.threshold_fit);
  Json pts = Json::array();
  for (const auto& p : st.points) {
    Json steps = Json::array();
    for (const auto& q : p.steps)
      steps.push_back({{"ell_grid", q.ell_grid}, {"ell_measured", q.ell_measured}, {"energy", q.energy},
                       {"kinetic_minus_interaction", q.kinetic_minus_interaction}, {"high_modes", q.high_modes},
                       {"iterations", q.iterations}, {"converged", q.converged}});
    pts.push_back({{"a12", p.a12}, {"regime", p.regime}, {"verdict", p.verdict}, {"energy", numberOrNull(p.energy)},
                   {"ell", numberOrNull(p.ell)}, {"ell_species", p.ell_species}, {"virial", numberOrNull(p.virial)},
                   {"kinetic_minus_interaction", p.kinetic_minus_interaction},
                   {"refined_kinetic_minus_interaction", numberOrNull(p.refined_kinetic_minus_interaction)}, {"trap", p.trap},
                   {"dilated_energy", p.dilated_energy}, {"bisection", p.bisection}, {"steps", steps},
                   {"wall_seconds", p.seconds}});
  }
  s["points"] = pts;
  s["ranks"] = mpi::Communicator::world().size();
  s["warnings"] = st.warnings;
  return s;
}

std::string windowCsv(const WindowStudy& st) {
  std::ostringstream out;
  out << "a12,regime,verdict,energy,ell,ell1,ell2,kinetic_minus_interaction,trap,virial,regrids,bisection,wall_seconds\n";
  for (const auto& p : st.points) {
    const double l1 = p.ell_species.size() > 0 ? p.ell_species[0] : NAN, l2 = p.ell_species.size() > 1 ? p.ell_species[1] : NAN;
    out << fmt::format("{:.17g},{},{},{:.17g},{:.17g},{},{},{:.17g},{:.17g},{:.6g},{},{},{:.3f}\n", p.a12, p.regime,
                       p.verdict, p.energy, p.ell, g17(l1), g17(l2), p.kinetic_minus_interaction, p.trap, p.virial,
                       p.steps.size(), p.bisection ? 1 : 0, p.seconds);
  }
  return out.str();
}

Json openCases(const OpenCasesConfig& cfg, const RunOptions& run) {
  std::optional<OutputSet> out;   // made now: an unwritable DIR fails before the study
  if (!run.out_dir.empty()) out.emplace(run.out_dir);
  const auto start = std::chrono::steady_clock::now();
  Json summary;
  std::string csv;
  std::vector<std::string> warnings;
  if (cfg.study == "cross_term") {
    CrossTermOptions o = cfg.cross_term;
    if (run.threads > 0) o.solver.threads = o.relaxation.threads = run.threads;
    o.solver.progress = false;
    o.log = run.log;
    const CrossTermStudy st = runCrossTermStudy(*cfg.path, cfg.mixture, o);
    summary = toJson(st);
    csv = crossTermCsv(st);
    warnings = st.warnings;
  } else if (cfg.study == "coincident") {
    CoincidentOptions o = cfg.coincident;
    if (run.threads > 0) o.solver.threads = run.threads;
    o.solver.progress = false;
    o.log = run.log;
    const CoincidentStudy st = runCoincidentStudy(cfg.mixture, o);
    summary = toJson(st);
    csv = coincidentCsv(st);
    warnings = st.warnings;
  } else {
    WindowOptions o = cfg.window;
    if (run.threads > 0) o.solver.threads = run.threads;
    o.solver.progress = false;
    o.log = run.log;
    const WindowStudy st = runWindowStudy(cfg.mixture, o);
    summary = toJson(st);
    csv = windowCsv(st);
    warnings = st.warnings;
  }
  summary["wall_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& w : warnings) run.warning(w);
  if (out) {
    writeTextFile(out->staged(cfg.study + ".csv"), csv);
    writeJsonFile(out->staged("summary.json"), summary);
    drawFigures(run.figures, "plot_open_cases.py", out->stagingDirectory(), run);
    out->commit();
  }
  return summary;
}

}  // namespace cbec::drivers
