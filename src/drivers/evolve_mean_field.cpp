// The mean-field path of drivers::evolve: grid, Hamiltonian, initial state, run with snapshots and
// checkpoints, resume (drivers/evolve.hpp).
#include <cbec/discretisation/fftw_wisdom.hpp>
#include <cbec/discretisation/slab.hpp>
#include <cbec/discretisation/state_file.hpp>
#include <cbec/drivers/evolve.hpp>
#include <cbec/dynamics/grid_evolution.hpp>
#include <cbec/dynamics/initial_state.hpp>
#include <cbec/io/progress.hpp>
#include <cbec/io/signal_cleanup.hpp>
#include <cbec/mpi/communicator.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <optional>
#include <iterator>

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

/// Real and imaginary parts as real fields named <prefix><name>_re / _im; on a slab (`grid` split over the
/// ranks) each field is gathered first, so that every rank holds the whole fields (collective).
void splitFields(const ComplexState& parts, const Mixture& m, const std::string& prefix, std::vector<std::string>& names,
                 State& fields, const Grid* grid = nullptr) {
  for (size_t s = 0; s < parts.size(); ++s) {
    const ComplexField whole = grid && grid->distributed() ? gatherSlabs(*grid, parts[s]) : ComplexField();
    const ComplexField& u = grid && grid->distributed() ? whole : parts[s];
    Field re(u.shape()), im(u.shape());
    for (size_t i = 0; i < u.size(); ++i) { re[i] = u[i].real(); im[i] = u[i].imag(); }
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

/// checkpoint.h5, checkpoint.fftw (the FFTW wisdom of the measured plans in use, so that a resumed run
/// executes the same plans) then checkpoint.json, each atomically; the state file carries the json's t,
/// next and accepted so that restore() can tell a pair from two different moments (a run killed between them).
/// On a slab `on` the fields are gathered on every rank (collective) and written by the rank with `write`
/// (rank 0) in the serial layout: a checkpoint written on P ranks resumes on any Q (restore() then takes each
/// rank's planes).
void writeCheckpoint(const fs::path& dir, const Grid& g, const Grid& on, bool write, const Mixture& m,
                     const GridRunState& st, const Json& history, bool measured) {
  std::vector<std::string> names;
  State fields;
  splitFields(st.u, m, "", names, fields, &on);
  splitFields(st.initial, m, "initial_", names, fields, &on);
  if (!write) return;
  writeState(dir / "checkpoint.h5", g, names, fields,
             {{"t", st.t}, {"next", history["next"].get<double>()}, {"accepted", double(st.counts.accepted)}});
  writeTextFile(dir / "checkpoint.fftw", measured ? exportFftwWisdom() : std::string());
  writeJsonFile(dir / "checkpoint.json", history);
}

/// The FFTW wisdom a checkpoint recorded (DIR/checkpoint.fftw): empty for a run planned with FFTW_ESTIMATE
/// (an empty file, or none: checkpoints older than the file), or if DIR holds no checkpoint at all
/// (restore() says so).
std::string checkpointWisdom(const fs::path& dir) {
  if (!fs::exists(dir / "checkpoint.json")) return {};
  std::ifstream in(dir / "checkpoint.fftw", std::ios::binary);
  if (!in) return {};
  std::string w((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!w.empty() && w.rfind("(fftw-3", 0) != 0)
    throw InputError(fmt::format("--resume: {} is not FFTW wisdom", (dir / "checkpoint.fftw").string()));
  return w;
}

/// Reads DIR/checkpoint.json and DIR/checkpoint.h5 into the run state and the observables recorded so far.
void restore(const fs::path& dir, const MeanFieldEvolveConfig& c, const Grid& g, EvolveResult& r, GridRunState& st,
             size_t& next, double& E0) {
  std::ifstream in(dir / "checkpoint.json");
  if (!in) throw InputError(fmt::format("--resume: no checkpoint.json in {}", dir.string()));
  Json h = Json::parse(in, nullptr, false);
  if (h.is_discarded() || !h.is_object() || !h.contains("next") || !h.contains("t"))
    throw InputError(fmt::format("--resume: {} is not a cbec evolve checkpoint", (dir / "checkpoint.json").string()));
  std::vector<std::string> names;
  State dummy;
  ComplexState zero(c.mixture.speciesCount(), ComplexField(g.shape()));
  splitFields(zero, c.mixture, "", names, dummy);
  splitFields(zero, c.mixture, "initial_", names, dummy);
  StoredState stored = readState(dir / "checkpoint.h5", names);
  for (const char* key : {"t", "next", "accepted"}) {
    const auto it = stored.attributes.find(key);
    if (it == stored.attributes.end() || !h.contains(key) || it->second != h[key].get<double>())
      throw InputError(fmt::format("--resume: {} and {} are not from the same moment of the run ({} differs)",
                                   (dir / "checkpoint.h5").string(), (dir / "checkpoint.json").string(), key));
  }
  // the stored box is n·h of the stored axis: equal to the configured one up to round-off
  if (stored.grid.points() != g.points() || stored.grid.dimension() != g.dimension() ||
      !(std::abs(stored.grid.box() - g.box()) <= 1e-12 * g.box()))
    throw InputError(fmt::format("--resume: {} is on another grid than this configuration's",
                                 (dir / "checkpoint.h5").string()));
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

/// Where --resume DIR continues from: DIR/unfinished (an interrupted run) if it holds a checkpoint,
/// else DIR (the final checkpoint of a finished run).
fs::path resumeSource(const fs::path& resume) {
  const fs::path u = unfinishedDirectory(resume);
  return fs::exists(u / "checkpoint.json") ? u : resume;
}

fs::path snapshotName(size_t m) { return fmt::format("t{:04d}.h5", m); }

/// Makes DIR/unfinished for this run: emptied unless it is the one being resumed; the snapshots before
/// `next` of a resumed run are linked (or copied) in from where it is resumed.
void prepareUnfinished(const fs::path& unfinished, const fs::path& source, size_t next, bool snapshots,
                       const RunOptions& run) {
  std::error_code ec;
  const bool same = !source.empty() && fs::exists(unfinished) && fs::equivalent(source, unfinished, ec);
  if (!same) fs::remove_all(unfinished);
  fs::create_directories(snapshots ? unfinished / "snapshots" : unfinished);
  if (same || !snapshots) return;
  size_t missing = 0;
  for (size_t m = 0; m < next; ++m) {
    const fs::path from = source / "snapshots" / snapshotName(m), to = unfinished / "snapshots" / snapshotName(m);
    if (!fs::exists(from)) { ++missing; continue; }
    fs::create_hard_link(from, to, ec);
    if (ec) fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  }
  if (missing) run.warning(fmt::format("--resume: {} of the {} earlier snapshots are not in {}", missing, next,
                                       (source / "snapshots").string()));
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

/// Advances through the output times from `next`, recording observables; with an output directory the
/// snapshots and checkpoints go to DIR/unfinished (prepared here; removed on failure unless it holds a
/// checkpoint to resume from).
void runOutputTimes(GridEvolution& ev, const MeanFieldEvolveConfig& c, const Grid& g, const Grid& on,
                    const RunOptions& run, const fs::path& source, size_t next, double E0, bool measured,
                    EvolveResult& r) {
  Progress bar("evolve", static_cast<long>(c.times.size()), run.progress);
  const bool files = !run.out_dir.empty() && (c.snapshots || c.checkpoint);   // this rank writes (rank 0)
  // on slabs every rank takes part in the gathers of what rank 0 writes
  auto anyRank = [&](bool b) { return on.distributed() ? on.ranks()->max(b ? 1.0 : 0.0) > 0 : b; };
  const bool gathers = anyRank(files);
  const fs::path unfinished = files ? unfinishedDirectory(run.out_dir) : fs::path();
  if (files) prepareUnfinished(unfinished, source, next, c.snapshots, run);
  // without a checkpoint nothing can be resumed: the snapshots so far go with an interrupted run
  std::optional<TempPath> transient;
  if (files && !c.checkpoint) transient.emplace(unfinished, TempPath::Kind::Directory);
  try {
    for (size_t m = next; m < c.times.size(); ++m) {
      ev.advanceTo(c.times[m]);
      record(r, ev.observe());
      bar.update(static_cast<long>(m + 1), fmt::format("t = {:.4g}, {} steps", c.times[m], ev.state().counts.accepted));
      if (!gathers) continue;
      if (c.snapshots) {
        std::vector<std::string> names;
        State fields;
        splitFields(ev.state().u, c.mixture, "", names, fields, &on);
        if (files) writeState(unfinished / "snapshots" / snapshotName(m), g, names, fields, {{"t", c.times[m]}});
      }
      if (c.checkpoint)
        writeCheckpoint(unfinished, g, on, files, c.mixture, ev.state(), historyJson(r, ev.state(), m + 1, E0), measured);
    }
    if (anyRank(files && c.checkpoint && !fs::exists(unfinished / "checkpoint.json")))   // resumed at its last time
      writeCheckpoint(unfinished, g, on, files, c.mixture, ev.state(), historyJson(r, ev.state(), c.times.size(), E0),
                      measured);
  } catch (...) {   // kept for --resume only when it holds a checkpoint
    std::error_code ec;
    if (files && !fs::exists(unfinished / "checkpoint.json")) fs::remove_all(unfinished, ec);
    throw;
  }
  bar.finish();
}

}  // namespace

bool evolveOnSlabs(const Mixture& m) { return slabsAvailable() && m.dimension() >= 2; }

double evolveMemoryPerRank(int d, int n, int species) {
  const int P = mpi::Communicator::world().size();
  const double points = std::pow(static_cast<double>(n), d);
  return gridEvolutionMemoryBytes(d, n, species) * static_cast<double>((n + P - 1) / P) / n +
         32.0 * (species + 1) * points;
}

EvolveResult evolveMeanField(const MeanFieldEvolveConfig& c, const RunOptions& run, const fs::path& resume) {
  EvolveResult r;
  r.kind = "mean_field";
  r.times = c.times;
  r.integrator = c.options.scheme.name;
  r.tolerance = c.options.tolerance;
  r.error_estimate = c.options.estimate == ErrorEstimate::Embedded ? "embedded"
                     : c.options.ratio == 2                         ? "step_doubling"
                                                                    : "richardson";
  r.step_ratio = c.options.estimate == ErrorEstimate::Embedded ? 0 : c.options.ratio;
  r.estimate_every = c.options.estimate == ErrorEstimate::Embedded ? 0 : c.options.every;
  const Grid g = gridOf(c);
  r.grid = {g.dimension(), g.points()};
  r.grid_box = g.box();
  // Plans reproducible from process to process: measured ones when a wisdom file is in use (the first
  // run measures, later ones import the same plans), FFTW_ESTIMATE without one; on --resume exactly
  // those of the interrupted run (its recorded wisdom pinned while this run plans; none: ESTIMATE).
  const fs::path source = resume.empty() ? fs::path() : resumeSource(resume);
  const std::string recorded = resume.empty() ? std::string() : checkpointWisdom(source);
  const bool measure = resume.empty() ? !fftwWisdomFile().empty() : !recorded.empty();
  const PinnedFftwWisdom pinned(recorded);
  // under mpirun a 2D/3D grid is split into FFTW-MPI slabs (slab.hpp): the flow runs on this rank's planes
  const bool split = evolveOnSlabs(c.mixture);
  const Grid on = split ? slabOf(g) : g;
  Hamiltonian H(c.mixture, on, std::max(1, run.threads), measure);
  const bool exact = c.linear == "exact_harmonic" || (c.linear == "auto" && MeanFieldFlow::allHarmonic(c.mixture));
  MeanFieldFlow flow(H, exact ? LinearPart::ExactHarmonic : LinearPart::Kinetic);
  r.linear_part = exact ? "exact_harmonic" : "kinetic";
  std::optional<ComplexState> reference;
  if (!c.reference_file.empty()) reference = stateFileInitialState(c.reference_file, c.mixture, g);
  if (reference && split) reference = slabPart(on, *reference);

  GridRunState st;
  size_t next = 0;
  double E0 = 0;
  if (!resume.empty()) {
    restore(source, c, g, r, st, next, E0);   // the whole fields (every rank reads the file)
    if (split) st.u = slabPart(on, st.u), st.initial = slabPart(on, st.initial);
  } else {
    st.u = split ? slabPart(on, initialState(c, g)) : initialState(c, g);
    st.initial = st.u;
    E0 = flow.energy(st.u);
  }
  GridEvolution ev(flow, std::move(st), c.options, reference);
  // slabs: no wisdom recorded (the slab transform's bits do not depend on its plans, docs/scaling.md)
  runOutputTimes(ev, c, g, on, run, source, next, E0, measure && !split, r);
  finishNormsAndDrifts(r, c.mixture, E0);
  r.steps = ev.state().counts.accepted;
  r.rejected = ev.state().counts.rejected;
  r.final_state = ev.state().u;
  if (split)
    for (ComplexField& u : r.final_state) u = gatherSlabs(on, u);
  if (split)   // the planes of each rank's slab (summary.json "slab_planes")
    for (double p : on.ranks()->allGather(std::vector<double>{static_cast<double>(on.planes())}))
      r.slab_planes.push_back(static_cast<int>(p));
  r.final_grid = g;
  run.info(fmt::format("mean-field flow: {} steps ({} rejected), {} linear part, energy drift {:.2e}", r.steps,
                       r.rejected, r.linear_part, r.drift_energy));
  return r;
}

}  // namespace cbec::drivers
