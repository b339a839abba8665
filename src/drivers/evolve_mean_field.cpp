// The mean-field path of drivers::evolve: grid, Hamiltonian, initial state, run with snapshots and
// checkpoints, resume (drivers/evolve.hpp).
#include <cbec/drivers/evolve.hpp>
#include <cbec/dynamics/grid_evolution.hpp>
#include <cbec/dynamics/initial_state.hpp>
#include <cbec/io/progress.hpp>
#include <cbec/solver/state_file.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <fstream>

namespace cbec::drivers {

namespace {

namespace fs = std::filesystem;

Grid gridOf(const MeanFieldEvolveConfig& c) {
  if (c.grid) return *c.grid;
  std::vector<std::string> names;
  for (int s = 0; s < c.mixture.speciesCount(); ++s) names.push_back(c.mixture.species(s).name);
  return readState(c.initial_file, names).grid;
}

ComplexState initialState(const MeanFieldEvolveConfig& c, const Grid& g) {
  if (c.initial_kind == "state") return stateFileInitialState(c.initial_file, c.mixture, g);
  if (c.initial_kind == "gaussian")
    return gaussianInitialState(c.mixture.speciesCount(), g, c.initial_center, c.initial_width, c.initial_momentum);
  return harmonicInitialState(c.mixture, g);
}

/// Real and imaginary parts as real fields named <prefix><name>_re / _im.
void splitFields(const ComplexState& u, const Mixture& m, const std::string& prefix, std::vector<std::string>& names,
                 State& fields) {
  for (size_t s = 0; s < u.size(); ++s) {
    Field re(u[s].shape()), im(u[s].shape());
    for (size_t i = 0; i < u[s].size(); ++i) { re[i] = u[s][i].real(); im[i] = u[s][i].imag(); }
    names.push_back(prefix + m.species(static_cast<int>(s)).name + "_re");
    fields.push_back(std::move(re));
    names.push_back(prefix + m.species(static_cast<int>(s)).name + "_im");
    fields.push_back(std::move(im));
  }
}

ComplexState joinFields(const StoredState& st, size_t offset, size_t species, const Grid& g) {
  ComplexState u;
  for (size_t s = 0; s < species; ++s) {
    ComplexField c(g.shape());
    const Field& re = st.u[offset + 2 * s];
    const Field& im = st.u[offset + 2 * s + 1];
    for (size_t i = 0; i < c.size(); ++i) c[i] = {re[i], im[i]};
    u.push_back(std::move(c));
  }
  return u;
}

void record(EvolveResult& r, const GridObservables& o) {
  r.norm.push_back(0);   // Σ_s c_s ‖u_s‖², filled in at the end
  r.norm_per_species.push_back(o.norm);
  r.energy.push_back(o.energy);
  r.x2.push_back(o.x2);
  r.overlap.push_back(o.overlap);
  if (o.referenceOverlap >= 0) r.reference_overlap.push_back(o.referenceOverlap);
}

Json historyJson(const EvolveResult& r, const GridRunState& st, size_t next, double E0) {
  return Json{{"next", next},       {"t", st.t},          {"tau", st.tau},
              {"accepted", st.counts.accepted}, {"rejected", st.counts.rejected}, {"energy0", E0},
              {"norm_per_species", r.norm_per_species}, {"energy", r.energy}, {"x2", r.x2},
              {"overlap", r.overlap}, {"reference_overlap", r.reference_overlap}};
}

void writeCheckpoint(const fs::path& dir, const Grid& g, const Mixture& m, const GridRunState& st, const Json& history) {
  std::vector<std::string> names;
  State fields;
  splitFields(st.u, m, "", names, fields);
  splitFields(st.initial, m, "initial_", names, fields);
  writeState(dir / "checkpoint.h5", g, names, fields, {{"t", st.t}});
  writeJsonFile(dir / "checkpoint.json", history);
}

/// Reads DIR/checkpoint.json and DIR/checkpoint.h5 into the run state and the observables recorded so far.
void restore(const fs::path& dir, const MeanFieldEvolveConfig& c, const Grid& g, EvolveResult& r, GridRunState& st,
             size_t& next, double& E0) {
  std::ifstream in(dir / "checkpoint.json");
  if (!in) throw InputError(fmt::format("--resume: no checkpoint.json in {}", dir.string()));
  Json h = Json::parse(in);
  std::vector<std::string> names;
  State dummy;
  ComplexState zero(c.mixture.speciesCount(), ComplexField(g.shape()));
  splitFields(zero, c.mixture, "", names, dummy);
  splitFields(zero, c.mixture, "initial_", names, dummy);
  StoredState stored = readState(dir / "checkpoint.h5", names);
  const size_t S = static_cast<size_t>(c.mixture.speciesCount());
  st.u = joinFields(stored, 0, S, g);
  st.initial = joinFields(stored, 2 * S, S, g);
  st.t = h["t"];
  st.tau = h["tau"];
  st.counts.accepted = h["accepted"];
  st.counts.rejected = h["rejected"];
  next = h["next"];
  E0 = h["energy0"];
  if (next > c.times.size() || (next > 0 && c.times[next - 1] != st.t))
    throw InputError("--resume: the checkpoint does not belong to this configuration's times");
  r.norm_per_species = h["norm_per_species"].get<std::vector<std::vector<double>>>();
  r.energy = h["energy"].get<std::vector<double>>();
  r.x2 = h["x2"].get<std::vector<double>>();
  r.overlap = h["overlap"].get<std::vector<double>>();
  r.reference_overlap = h["reference_overlap"].get<std::vector<double>>();
  r.norm.assign(r.energy.size(), 0.0);
  r.resumed = true;
}

/// norm = Σ_s c_s ‖u_s‖²; drift.norm = max |‖u_s‖ − 1|, drift.energy = max |E(t) − E(0)|/|E(0)|.
void finishNormsAndDrifts(EvolveResult& r, const Mixture& m, double E0) {
  for (size_t k = 0; k < r.norm_per_species.size(); ++k) {
    double n = 0;
    for (int s = 0; s < m.speciesCount(); ++s) {
      n += m.fraction(s) * std::pow(r.norm_per_species[k][s], 2);
      r.drift_norm = std::max(r.drift_norm, std::abs(r.norm_per_species[k][s] - 1.0));
    }
    r.norm[k] = n;
    r.drift_energy = std::max(r.drift_energy, std::abs(r.energy[k] - E0) / std::max(std::abs(E0), 1e-300));
  }
}

}  // namespace

EvolveResult evolveMeanField(const MeanFieldEvolveConfig& c, const RunOptions& run, const fs::path& resume) {
  EvolveResult r;
  r.kind = "mean_field";
  r.times = c.times;
  r.integrator = c.options.scheme.name;
  r.tolerance = c.options.tolerance;
  const Grid g = gridOf(c);
  r.grid = {g.dimension(), g.points()};
  r.grid_box = g.box();
  Hamiltonian H(c.mixture, g, std::max(1, run.threads), /*measure=*/false, c.nu);
  const bool exact = c.linear == "exact_harmonic" || (c.linear == "auto" && MeanFieldFlow::allHarmonic(c.mixture));
  MeanFieldFlow flow(H, exact ? LinearPart::ExactHarmonic : LinearPart::Kinetic);
  r.linear_part = exact ? "exact_harmonic" : "kinetic";
  std::optional<ComplexState> reference;
  if (!c.reference_file.empty()) reference = stateFileInitialState(c.reference_file, c.mixture, g);

  GridRunState st;
  size_t next = 0;
  double E0 = 0;
  if (!resume.empty()) {
    restore(resume, c, g, r, st, next, E0);
  } else {
    st.u = initialState(c, g);
    st.initial = st.u;
    E0 = flow.energy(st.u);
  }
  GridEvolution ev(flow, std::move(st), c.options, reference);
  Progress bar("evolve", static_cast<long>(c.times.size()));
  if (!run.out_dir.empty() && c.snapshots) fs::create_directories(run.out_dir / "snapshots");
  for (size_t m = next; m < c.times.size(); ++m) {
    ev.advanceTo(c.times[m]);
    record(r, ev.observe());
    if (run.progress) bar.update(static_cast<long>(m + 1), fmt::format("t = {:.4g}, {} steps", c.times[m], ev.state().counts.accepted));
    if (run.out_dir.empty()) continue;
    if (c.snapshots) {
      std::vector<std::string> names;
      State fields;
      splitFields(ev.state().u, c.mixture, "", names, fields);
      writeState(run.out_dir / "snapshots" / fmt::format("t{:04d}.h5", m), g, names, fields, {{"t", c.times[m]}});
    }
    if (c.checkpoint) writeCheckpoint(run.out_dir, g, c.mixture, ev.state(), historyJson(r, ev.state(), m + 1, E0));
  }
  if (run.progress) bar.finish();
  finishNormsAndDrifts(r, c.mixture, E0);
  r.steps = ev.state().counts.accepted;
  r.rejected = ev.state().counts.rejected;
  r.final_state = ev.state().u;
  r.final_grid = g;
  run.info(fmt::format("mean-field flow: {} steps ({} rejected), {} linear part, energy drift {:.2e}", r.steps,
                       r.rejected, r.linear_part, r.drift_energy));
  return r;
}

}  // namespace cbec::drivers
