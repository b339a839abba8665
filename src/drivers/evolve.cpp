#include <cbec/drivers/evolve.hpp>
#include <cbec/dynamics/toy_grid.hpp>
#include <cbec/io/memory_limit.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <sstream>

namespace cbec::drivers {

namespace {

double relativeDrift(const std::vector<double>& x, double x0) {
  double d = 0;
  for (double v : x) d = std::max(d, std::abs(v - x0) / std::max(std::abs(x0), 1e-300));
  return d;
}

EvolveResult evolveToy(const ToyEvolveConfig& c, const RunOptions& run) {
  EvolveResult r;
  r.kind = "fragmented_toy";
  r.times = c.times;
  r.integrator = c.options.scheme.name;
  r.tolerance = c.options.tolerance;
  if (c.grid) {
    GridEvolutionOptions g;
    g.scheme = c.options.scheme;
    g.tolerance = c.options.tolerance;
    g.step = c.options.step;
    r.toy = evolveFragmentedToyOnGrid(c.model, *c.grid, c.times, g);
    r.grid = {3, c.grid->points()};
    r.grid_box = c.grid->box();
  } else {
    r.toy = evolveFragmentedToy(c.model, c.times, c.options);
  }
  for (const ToySnapshot& s : r.toy.snapshots) {
    r.norm.push_back(s.norm);
    r.energy.push_back(s.energy);
    r.x2.push_back(s.x2);
    r.overlap.push_back(s.overlap);
  }
  const double E0 = r.toy.c / 2;   // E(0) = ⟨φ_0, h_ν φ_0⟩ + ½c = ½c
  r.drift_norm = relativeDrift(r.norm, 1.0);
  r.drift_energy = relativeDrift(r.energy, E0);
  r.steps = r.toy.steps.accepted;
  r.rejected = r.toy.steps.rejected;
  run.info(fmt::format("toy model nu = {}: {} steps, basis {}, distance at t = {}: {:.6e}", c.model.nu, r.steps,
                       r.toy.basisSize, c.times.back(), r.toy.snapshots.back().distance));
  if (!c.sweep_nu.empty()) {
    r.sweep = sweepNu(c.model, c.sweep_nu, c.times, c.options);
    run.info(fmt::format("sweep over nu: fitted exponent of sup distance {:.4f} (bound -1/2)", r.sweep->fittedExponentSup));
  }
  if (!c.sweep_strength.empty()) {
    r.sweep_strength = sweepStrength(c.model, c.sweep_strength, c.times, c.options);
    run.info(fmt::format("sweep over the strength: fitted exponent of sup distance {:.4f}", r.sweep_strength->fittedExponentSup));
  }
  return r;
}

Json complexMatrix(const Eigen::MatrixXcd& A) {
  Json re = Json::array(), im = Json::array();
  for (int i = 0; i < A.rows(); ++i) {
    Json rr = Json::array(), ii = Json::array();
    for (int j = 0; j < A.cols(); ++j) { rr.push_back(A(i, j).real()); ii.push_back(A(i, j).imag()); }
    re.push_back(rr);
    im.push_back(ii);
  }
  return Json{{"re", re}, {"im", im}};
}

void addToy(Json& s, const EvolveResult& r) {
  Json dist = Json::array(), rank = Json::array(), rankK = Json::array(), K = Json::array(), pred = Json::array();
  for (const ToySnapshot& t : r.toy.snapshots) {
    dist.push_back(t.distance);
    rank.push_back(t.rank);
    rankK.push_back(t.rankInfiniteGap);
    K.push_back(complexMatrix(t.K));
    pred.push_back(t.predictedDistance);
  }
  s["infinite_gap_distance"] = dist;
  s["rank"] = rank;
  s["predicted_distance_first_order"] = pred;
  s["rank_infinite_gap"] = rankK;
  s["K"] = K;
  s["gamma1_occupations"] = r.toy.occupations1;
  s["gamma2_occupations"] = r.toy.occupations2;
  s["gamma2_rank"] = r.toy.rank2;
  s["c"] = r.toy.c;
  if (r.grid.empty()) s["radial_basis"] = r.toy.basisSize;
  else s["grid"] = {{"dimension", 3}, {"points", r.grid[1]}, {"box", r.grid_box}};
  if (r.sweep) {
    const ToySweep& w = *r.sweep;
    s["sweep"] = {{"nu", w.nu},
                  {"times", w.times},
                  {"distance", w.distance},
                  {"predicted_distance_first_order", w.predicted},
                  {"fitted_exponent", w.fittedExponent},
                  {"sup_distance", w.supDistance},
                  {"fitted_exponent_sup", w.fittedExponentSup},
                  {"bound_exponent", -0.5}};
  }
  if (r.sweep_strength) {
    const ToySweep& w = *r.sweep_strength;
    s["sweep_strength"] = {{"strength", w.nu},
                           {"times", w.times},
                           {"distance", w.distance},
                           {"predicted_distance_first_order", w.predicted},
                           {"fitted_exponent", w.fittedExponent},
                           {"sup_distance", w.supDistance},
                           {"fitted_exponent_sup", w.fittedExponentSup}};
  }
}

}  // namespace

EvolveResult evolveMeanField(const MeanFieldEvolveConfig& c, const RunOptions& run, const std::filesystem::path& resume);

EvolveResult evolve(const EvolveConfig& config, const RunOptions& run, const std::filesystem::path& resume) {
  for (const MemoryNeed& need : config.kind == EvolveConfig::Kind::MeanField ? config.meanField->memory : config.toy.memory)
    requireMemory(need.bytes, need.item);
  if (config.kind == EvolveConfig::Kind::FragmentedToy && !resume.empty())
    throw InputError("--resume: the toy model is not checkpointed (its radial runs take seconds)");
  std::optional<OutputSet> out;   // made now: an unwritable DIR fails before the run
  if (!run.out_dir.empty()) out.emplace(run.out_dir);
  const auto start = std::chrono::steady_clock::now();
  EvolveResult r = config.kind == EvolveConfig::Kind::MeanField ? evolveMeanField(*config.meanField, run, resume)
                                                                 : evolveToy(config.toy, run);
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (out) {   // observables.csv, summary.json, figures, snapshots/ and the checkpoint replace an earlier set
    out->mayContain({"snapshots", "checkpoint.h5", "checkpoint.fftw", "checkpoint.json"});
    writeTextFile(out->staged("observables.csv"), observablesCsv(r));
    writeJsonFile(out->staged("summary.json"), toJson(r));
    drawFigures(run.figures, "plot_evolve.py", out->stagingDirectory(), run);
    const std::filesystem::path unfinished = unfinishedDirectory(run.out_dir);
    for (const char* name : {"snapshots", "checkpoint.h5", "checkpoint.fftw", "checkpoint.json"})
      if (std::filesystem::exists(unfinished / name)) std::filesystem::rename(unfinished / name, out->staged(name));
    out->commit();
    std::filesystem::remove_all(unfinished);
  }
  return r;
}

std::filesystem::path unfinishedDirectory(const std::filesystem::path& dir) { return dir / "unfinished"; }

Json toJson(const EvolveResult& r) {
  Json s;
  s["times"] = r.times;
  s["observables"] = {{"norm", r.norm}, {"energy", r.energy}, {"x2", r.x2}, {"overlap", r.overlap}};
  s["drift"] = {{"norm", r.drift_norm}, {"energy", r.drift_energy}};
  s["steps"] = r.steps;
  s["wall_seconds"] = r.wall_seconds;
  s["kind"] = r.kind;
  s["energy_definition"] =
      r.kind == "fragmented_toy"
          ? "Hamiltonian functional <phi, h_nu phi> + 1/2 int (V*|phi|^2)|phi|^2 (the F Thm 5.1 functional has 1/4: "
            "half the interaction term)"
          : "Hamiltonian functional per particle E(u) of MODEL.md section 2 (with nu_s on -Delta + V_s) that generates "
            "i d_t u_s = H_s u_s";
  s["integrator"] = r.integrator;
  s["tolerance"] = r.tolerance;
  s["rejected_steps"] = r.rejected;
  if (r.kind == "fragmented_toy") addToy(s, r);
  if (r.kind == "mean_field") {
    if (!r.reference_overlap.empty()) s["observables"]["reference_overlap"] = r.reference_overlap;
    s["norm_per_species"] = r.norm_per_species;
    s["linear_part"] = r.linear_part;
    if (r.tolerance > 0) {
      s["error_estimate"] = r.error_estimate;
      if (r.error_estimate != "embedded") s["step_ratio"] = r.step_ratio;
    }
    s["grid"] = {{"dimension", r.grid[0]}, {"points", r.grid[1]}, {"box", r.grid_box}};
    s["resumed"] = r.resumed;
  }
  return s;
}

std::string observablesCsv(const EvolveResult& r) {
  std::ostringstream out;
  out << "t,norm,energy,x2,overlap";
  const bool toy = r.kind == "fragmented_toy";
  if (toy) out << ",infinite_gap_distance,predicted_distance_first_order,rank,rank_infinite_gap";
  out << "\n";
  for (size_t m = 0; m < r.times.size(); ++m) {
    out << fmt::format("{:.17g},{:.17g},{:.17g},{:.17g},{:.17g}", r.times[m], r.norm[m], r.energy[m], r.x2[m], r.overlap[m]);
    if (toy) {
      const ToySnapshot& t = r.toy.snapshots[m];
      out << fmt::format(",{:.17g},{:.17g},{},{}", t.distance, t.predictedDistance, t.rank, t.rankInfiniteGap);
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace cbec::drivers
