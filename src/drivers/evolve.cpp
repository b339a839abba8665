#include <cbec/drivers/evolve.hpp>
#include <cbec/mpi/communicator.hpp>
#include <cbec/dynamics/infinite_gap.hpp>
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

EvolveResult evolveDoublet(const DoubletEvolveConfig& c, const RunOptions& run) {
  EvolveResult r;
  r.kind = "fragmented_doublet";
  r.times = c.times;
  r.integrator = c.options.scheme.name;
  r.tolerance = c.options.tolerance;
  const DoubletSpectrum sp(c.grid, c.model);
  const DoubletLimit limit = doubletLimit(sp, c.model, c.times, c.options);
  r.doublet = evolveFragmentedDoublet(sp, c.model, limit, c.times, c.options);
  r.grid = {1, c.grid.points()};
  r.grid_box = c.grid.box();
  r.doublet_grid_points = c.grid.points();
  r.doublet_phase_tolerance = c.options.phaseTolerance;
  for (int k = 0; k < std::min(4, sp.size()); ++k) r.doublet_energies.push_back(sp.energies()[k]);
  for (const DoubletSnapshot& s : r.doublet->snapshots) {
    r.norm.push_back(s.norm);
    r.energy.push_back(s.energy);
    r.x2.push_back(s.x2);
    r.overlap.push_back(s.overlap);
    r.drift_norm = std::max(r.drift_norm, s.normDrift);
  }
  // E(0) averaged over the phases: the datum lies in ker h_ν, so E(0) = ½⟨φ, (V∗|φ|²)φ⟩ = energy of the κ flow
  {
    std::vector<GridOrbital> orbitals(2);
    for (int j = 0; j < 2; ++j) {
      Eigen::VectorXcd v = sp.orbitals().col(j).cast<std::complex<double>>();
      orbitals[j] = {std::vector<std::complex<double>>(v.data(), v.data() + sp.size())};
    }
    const KappaFlow flow = KappaFlow::fromOrbitals(c.grid, orbitals, c.model.potential);
    double E0 = 0;
    const int P = r.doublet->phases;
    for (int p = 0; p < P; ++p) {
      Eigen::VectorXcd k(2);
      k << std::sqrt(c.model.occupations[0]), std::sqrt(c.model.occupations[1]) * std::polar(1.0, -2 * M_PI * p / P);
      E0 += flow.energy(k) / P;
    }
    r.drift_energy = relativeDrift(r.energy, E0);
  }
  r.steps = r.doublet->steps.accepted;
  r.rejected = r.doublet->steps.rejected;
  run.info(fmt::format("doublet nu = {}: {} phases, {} steps, distance at t = {}: {:.6e} (first order {:.6e})",
                       c.model.nu, r.doublet->phases, r.steps, c.times.back(), r.doublet->snapshots.back().distance,
                       r.doublet->snapshots.back().predicted));
  if (!c.sweep_nu.empty()) {
    r.doublet_sweep = sweepDoubletNu(sp, c.model, limit, c.sweep_nu, c.times, c.options);
    run.info(fmt::format("sweep over nu: fitted exponent of sup distance {:.4f} (bound -1/2)",
                         r.doublet_sweep->fittedExponentSup));
  }
  // the phase average's error against phase_tolerance × each distance (where max_phases stopped it first)
  const double allowed = c.options.phaseTolerance;
  auto check = [&](double nu, double t, double error, double distance) {
    if (error > allowed * distance)
      r.warnings.push_back(fmt::format("phases: nu = {:g}, t = {:g}: phase-average error {:.2e} against distance {:.2e} "
                                       "(evolution.phase_tolerance = {:g}; raise evolution.max_phases)",
                                       nu, t, error, distance, allowed));
  };
  for (const DoubletSnapshot& s : r.doublet->snapshots) check(c.model.nu, s.t, s.phaseError, s.distance);
  if (r.doublet_sweep)
    for (size_t k = 0; k < c.sweep_nu.size(); ++k)
      for (size_t m = 0; m < c.times.size(); ++m)
        check(c.sweep_nu[k], c.times[m], r.doublet_sweep->phaseError[k][m], r.doublet_sweep->distance[k][m]);
  for (const std::string& w : r.warnings) run.warning(w);
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

void addDoublet(Json& s, const EvolveResult& r) {
  const DoubletEvolution& e = *r.doublet;
  Json dist = Json::array(), pred = Json::array(), perr = Json::array(), rankK = Json::array(), K = Json::array(),
       excited = Json::array();
  for (const DoubletSnapshot& t : e.snapshots) {
    dist.push_back(t.distance);
    pred.push_back(t.predicted);
    perr.push_back(t.phaseError);
    rankK.push_back(t.rankInfiniteGap);
    K.push_back(complexMatrix(t.K));
    excited.push_back(t.excitedWeight);
  }
  s["nu"] = e.nu;
  s["infinite_gap_distance"] = dist;
  s["predicted_distance_first_order"] = pred;
  s["phase_quadrature_error"] = perr;
  s["phases"] = e.phases;
  s["kappa_phase_points"] = e.kappaPoints;
  s["rank_infinite_gap"] = rankK;
  s["K"] = K;
  s["excited_weight"] = excited;
  s["h0_energies"] = r.doublet_energies;
  s["grid"] = {{"dimension", 1}, {"points", r.doublet_grid_points}, {"box", r.grid_box}};
  if (r.doublet_sweep) {
    const DoubletSweep& w = *r.doublet_sweep;
    s["sweep"] = {{"nu", w.nu},
                  {"times", w.times},
                  {"distance", w.distance},
                  {"predicted_distance_first_order", w.predicted},
                  {"phase_quadrature_error", w.phaseError},
                  {"fitted_exponent", w.fittedExponent},
                  {"fitted_exponent_predicted", w.fittedExponentPredicted},
                  {"sup_distance", w.supDistance},
                  {"fitted_exponent_sup", w.fittedExponentSup},
                  {"bound_exponent", -0.5},
                  {"steps", w.steps},
                  {"phases", w.phases},
                  {"seconds", w.seconds}};
  }
  s["converged"] = r.warnings.empty();
  s["warnings"] = r.warnings;
}

}  // namespace

EvolveResult evolveMeanField(const MeanFieldEvolveConfig& c, const RunOptions& run, const std::filesystem::path& resume);

EvolveResult evolve(const EvolveConfig& config, const RunOptions& run, const std::filesystem::path& resume) {
  const bool slabs = config.kind == EvolveConfig::Kind::MeanField && config.meanField->grid &&
                     evolveOnSlabs(config.meanField->mixture);
  if (slabs) {   // the memory refusal counts per rank
    const Grid& g = *config.meanField->grid;
    const int S = config.meanField->mixture.speciesCount();
    requireMemory(evolveMemoryPerRank(g.dimension(), g.points(), S),
                  fmt::format("grid.points = {} (in {}D, {} species, complex fields, per rank of {})", g.points(),
                              g.dimension(), S, mpi::Communicator::world().size()));
  } else {
    for (const MemoryNeed& need : config.kind == EvolveConfig::Kind::MeanField ? config.meanField->memory : config.toy.memory)
      requireMemory(need.bytes, need.item);
  }
  if (config.kind == EvolveConfig::Kind::FragmentedDoublet) {   // the dense eigenbasis and convolution: 2n² doubles
    const double n = config.doublet->grid.points();
    requireMemory(static_cast<size_t>(16 * n * n * (config.doublet->times.size() + 8)),
                  fmt::format("grid.points = {} (fragmented_doublet: dense n x n matrices)", n));
  }
  if (config.kind != EvolveConfig::Kind::MeanField && !resume.empty())
    throw InputError("--resume: the toy and doublet models are not checkpointed");
  std::optional<OutputSet> out;   // made now: an unwritable DIR fails before the run
  if (!run.out_dir.empty()) out.emplace(run.out_dir);
  const auto start = std::chrono::steady_clock::now();
  EvolveResult r = config.kind == EvolveConfig::Kind::MeanField       ? evolveMeanField(*config.meanField, run, resume)
                   : config.kind == EvolveConfig::Kind::FragmentedDoublet ? evolveDoublet(*config.doublet, run)
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
  s["ranks"] = mpi::Communicator::world().size();   // INTERFACE.md "MPI"
  s["kind"] = r.kind;
  s["energy_definition"] =
      r.kind != "mean_field"
          ? "Hamiltonian functional <phi, h_nu phi> + 1/2 int (V*|phi|^2)|phi|^2 (the F Thm 5.1 functional has 1/4: "
            "half the interaction term)"
          : "Hamiltonian functional per particle E(u) of MODEL.md section 2 (with nu_s on -Delta + V_s) that generates "
            "i d_t u_s = H_s u_s";
  s["integrator"] = r.integrator;
  s["tolerance"] = r.tolerance;
  s["rejected_steps"] = r.rejected;
  if (r.kind == "fragmented_toy") addToy(s, r);
  if (r.kind == "fragmented_doublet") addDoublet(s, r);
  if (r.kind == "mean_field") {
    if (!r.reference_overlap.empty()) s["observables"]["reference_overlap"] = r.reference_overlap;
    s["norm_per_species"] = r.norm_per_species;
    s["linear_part"] = r.linear_part;
    if (r.tolerance > 0) {
      s["error_estimate"] = r.error_estimate;
      if (r.error_estimate != "embedded") {
        s["step_ratio"] = r.step_ratio;
        s["estimate_every"] = r.estimate_every;
      }
    }
    s["grid"] = {{"dimension", r.grid[0]}, {"points", r.grid[1]}, {"box", r.grid_box}};
    s["resumed"] = r.resumed;
    if (!r.slab_planes.empty()) s["slab_planes"] = r.slab_planes;
  }
  return s;
}

std::string observablesCsv(const EvolveResult& r) {
  std::ostringstream out;
  out << "t,norm,energy,x2,overlap";
  const bool toy = r.kind == "fragmented_toy";
  const bool doublet = r.kind == "fragmented_doublet";
  if (toy) out << ",infinite_gap_distance,predicted_distance_first_order,rank,rank_infinite_gap";
  if (doublet) out << ",infinite_gap_distance,predicted_distance_first_order,phase_quadrature_error,excited_weight";
  out << "\n";
  for (size_t m = 0; m < r.times.size(); ++m) {
    out << fmt::format("{:.17g},{:.17g},{:.17g},{:.17g},{:.17g}", r.times[m], r.norm[m], r.energy[m], r.x2[m], r.overlap[m]);
    if (toy) {
      const ToySnapshot& t = r.toy.snapshots[m];
      out << fmt::format(",{:.17g},{:.17g},{},{}", t.distance, t.predictedDistance, t.rank, t.rankInfiniteGap);
    }
    if (doublet) {
      const DoubletSnapshot& t = r.doublet->snapshots[m];
      out << fmt::format(",{:.17g},{:.17g},{:.17g},{:.17g}", t.distance, t.predicted, t.phaseError, t.excitedWeight);
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace cbec::drivers
