#include <cbec/drivers/blowup.hpp>
#include <cbec/io/json_numbers.hpp>

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <sstream>

namespace cbec::drivers {

BlowupScan blowup(const BlowupConfig& cfg, const RunOptions& run) {
  std::optional<OutputSet> out;   // made now: an unwritable DIR fails before the scan
  if (!run.out_dir.empty()) out.emplace(run.out_dir);
  BlowupScanOptions options = cfg.scan;
  options.ranks = &mpi::Communicator::world();
  if (run.threads > 0) options.solver.threads = run.threads;
  options.solver.progress = false;     // one line per point instead
  options.progress = run.progress;
  options.log = run.log;
  const BlowupScan scan = runBlowupScan(cfg.path, options);
  for (const std::string& w : scan.warnings) run.warning(w);
  if (out) {   // scan.csv, summary.json and the figures replace an earlier set together
    writeTextFile(out->staged("scan.csv"), scanCsv(scan));
    writeJsonFile(out->staged("summary.json"), toJson(scan));
    drawFigures(run.figures, "plot_blowup.py", out->stagingDirectory(), run);
    out->commit();
  }
  return scan;
}

Json toJson(const BlowupScan& scan) {
  Json pts = Json::array();
  for (const BlowupPoint& p : scan.points) {
    Json j;
    j["distance"] = p.distance;
    j["energy"] = p.energy;
    j["predicted"] = p.predicted;
    j["ratio"] = p.ratio;
    j["profile_error_L2"] = p.error_L2;
    j["profile_error_H1"] = p.error_H1;
    j["ell"] = p.ell;
    j["ell_measured"] = p.ell_measured;
    j["peak"] = p.peak;
    j["a"] = p.a;
    j["a12"] = p.a12;
    j["residual"] = p.residual;
    j["iterations"] = p.iterations;
    j["converged"] = p.converged;
    j["grid"] = {{"points", p.grid_points}, {"box", p.grid_box}};
    j["boundary_fraction"] = p.boundary;
    j["high_mode_fraction"] = p.high_modes;
    j["wall_seconds"] = p.wall_seconds;
    j["cut"] = p.cut;
    j["density_error_L1"] = p.density_error_L1;
    j["grid_ok"] = p.grid_ok;
    if (p.has_difference) {   // M 4.6 / 4.21 (commonProfile paths)
      j["density_difference"] = p.density_difference;
      if (p.density_difference_bound > 0) j["density_difference_bound"] = p.density_difference_bound;
      else j["density_difference_bound"] = nullptr;   // joint limit: the bound is the GP functional's
    }
    if (scan.joint) {
      j["N"] = p.N;
      j["range"] = p.range;
      j["range_rescaled"] = p.range_rescaled;
      j["ell_hartree"] = p.ell_hartree;
      if (p.gp_compared) {
        j["gp_energy"] = p.gp_energy;
        j["gp_ratio"] = p.gp_ratio;
        j["hartree_gp_ratio"] = p.hartree_gp_ratio;
        j["hartree_gp_gap"] = p.energy - p.gp_energy;
        if (p.has_first_order) {
          j["hartree_at_gp"] = p.hartree_at_gp;
          j["first_order_gap"] = p.hartree_at_gp - p.gp_energy;
        }
        j["gp_residual"] = p.gp_residual;
        j["gp_converged"] = p.gp_converged;
      }
      if (p.has_bogoliubov) {   // the many-body level (joint_bogoliubov.hpp): N·E_N^Q = N·E^H + e_B + o(1)
        const JointBogoliubovResult& b = p.bogoliubov;
        Json jb;
        jb["e_B"] = numberOrNull(b.e_B);
        jb["uncertainty"] = numberOrNull(b.uncertainty);
        jb["mode_uncertainty"] = numberOrNull(b.mode_uncertainty);
        jb["grid_uncertainty"] = numberOrNull(b.grid_uncertainty);
        jb["e_B_last_rung"] = numberOrNull(b.e_B_last);
        jb["e_B_coarse_grid"] = numberOrNull(b.e_B_coarse);
        jb["cutoff"] = numberOrNull(b.cutoff);
        jb["tail_estimate"] = numberOrNull(b.tail);
        jb["e_B_corrected"] = numberOrNull(b.e_B_corrected);
        jb["corrected_uncertainty"] = numberOrNull(b.corrected_uncertainty);
        jb["rungs"] = {{"modes", b.rung_modes}, {"e_B", b.rung_e_B}, {"cutoff", b.rung_cutoff},
                       {"tail", numbersOrNull(b.rung_tail)}};
        jb["hartree_energy_bogoliubov_grid"] = numberOrNull(b.hartree_energy);
        // the derived quantities use the best estimate: the tail-corrected e_B when the tail is defined, else e_B
        const double best = std::isfinite(b.e_B_corrected) ? b.e_B_corrected : b.e_B;
        jb["e_B_best"] = numberOrNull(best);
        jb["e_B_per_particle"] = numberOrNull(best / p.N);
        jb["relative_to_hartree"] = numberOrNull(best / (p.N * p.energy));
        jb["energy"] = numberOrNull(p.energy + best / p.N);   // E^H + e_B/N
        if (p.gp_compared) {
          jb["energy_gp_ratio"] = numberOrNull((p.energy + best / p.N) / p.gp_energy);
          jb["N_hartree_gp_gap"] = p.N * (p.energy - p.gp_energy);
          jb["over_hartree_gp_gap"] = numberOrNull(-best / (p.N * (p.energy - p.gp_energy)));
        }
        jb["depletion"] = b.depletion;
        jb["excitations"] = b.excitations;
        jb["mu"] = b.mu;
        jb["grid"] = {{"points", b.points}, {"box", b.box}};
        jb["converged"] = b.converged;
        jb["wall_seconds"] = b.seconds;
        j["bogoliubov"] = jb;
      }
    }
    pts.push_back(j);
  }
  Json s;
  s["path"] = scan.path;
  s["points"] = pts;
  if (std::isfinite(scan.fitted_exponent)) s["fitted_exponent"] = scan.fitted_exponent;
  else s["fitted_exponent"] = nullptr;   // one distance: no fit (warnings)
  s["expected_exponent"] = scan.expected_exponent;
  s["limit_constant"] = scan.limit_constant;
  s["ranks"] = mpi::Communicator::world().size();
  s["cut_abscissae"] = scan.cut_abscissae;
  s["Q0_cut"] = scan.Q0_cut;
  s["warnings"] = scan.warnings;
  if (scan.difference_bound_exponent > 0) {
    Json d;
    if (scan.difference_fitted) d["fitted_exponent"] = scan.difference_fitted_exponent;
    else d["fitted_exponent"] = nullptr;   // symmetric path or one point (warnings)
    d["bound_exponent"] = scan.difference_bound_exponent;
    d["linear_response_exponent"] = scan.difference_linear_exponent;
    s["density_difference"] = d;
  }
  if (!scan.direction.empty()) s["direction"] = scan.direction;
  if (scan.joint) {
    Json j;
    j["beta"] = scan.beta;
    j["gamma"] = scan.gamma;
    j["window"] = scan.window;
    j["in_window"] = scan.in_window;
    j["hartree_crossover"] = scan.crossover;
    j["expected_exponent_N"] = scan.gamma * scan.expected_exponent;
    if (std::isfinite(scan.fitted_exponent_N)) j["fitted_exponent_N"] = scan.fitted_exponent_N;
    else j["fitted_exponent_N"] = nullptr;
    s["joint_limit"] = j;
  }
  return s;
}

std::string scanCsv(const BlowupScan& scan) {
  std::ostringstream out;
  const size_t S = scan.points.empty() ? 0 : scan.points[0].ell.size();
  out << "distance,energy,predicted,ratio";
  for (size_t s = 1; s <= S; ++s)
    out << fmt::format(",a_{0},ell_{0},ell_measured_{0},profile_error_L2_{0},profile_error_H1_{0},peak_x_{0},peak_y_{0}", s);
  out << ",a12,residual,iterations,converged,grid_points,grid_box,wall_seconds";
  for (size_t s = 1; s <= S; ++s) out << fmt::format(",density_error_L1_{}", s);
  out << ",density_difference,N,gp_energy,hartree_gp_ratio,e_B,e_B_uncertainty,e_B_tail_estimate,bogoliubov_converged\n";
  for (const BlowupPoint& p : scan.points) {
    out << fmt::format("{:.17g},{:.17g},{:.17g},{:.17g}", p.distance, p.energy, p.predicted, p.ratio);
    for (size_t s = 0; s < S; ++s)
      out << fmt::format(",{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g}", p.a[s], p.ell[s],
                         p.ell_measured[s], p.error_L2[s], p.error_H1[s], p.peak[s][0], p.peak[s][1]);
    out << fmt::format(",{:.17g},{:.6g},{},{},{},{:.17g},{:.3f}", p.a12, p.residual, p.iterations,
                       p.converged ? 1 : 0, p.grid_points, p.grid_box, p.wall_seconds);
    for (size_t s = 0; s < S; ++s) out << fmt::format(",{:.17g}", p.density_error_L1[s]);
    auto opt = [](bool has, double v) { return has ? fmt::format("{:.17g}", v) : std::string(); };
    out << "," << opt(p.has_difference, p.density_difference) << "," << opt(p.N > 0, p.N) << ","
        << opt(p.gp_compared, p.gp_energy) << "," << opt(p.gp_compared, p.hartree_gp_ratio) << ","
        << opt(p.has_bogoliubov, p.bogoliubov.e_B) << "," << opt(p.has_bogoliubov, p.bogoliubov.uncertainty) << ","
        << opt(p.has_bogoliubov && std::isfinite(p.bogoliubov.tail), p.bogoliubov.tail) << ","
        << (p.has_bogoliubov ? (p.bogoliubov.converged ? "1" : "0") : "") << "\n";
  }
  return out.str();
}

}  // namespace cbec::drivers
