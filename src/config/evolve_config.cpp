#include <cbec/config/evolve_config.hpp>
#include <cbec/config/groundstate_config.hpp>
#include <cbec/config/mixture_config.hpp>

#include <cbec/solver/auto_grid.hpp>

#include <fmt/format.h>

#include <cmath>
#include <numbers>

namespace cbec {

// Bounds on magnitudes that no run of these models needs and beyond which the flows are stiff past any
// step or overflow (all in the models' units: oscillator length and frequency, MODEL.md §6).
constexpr double kMaxTime = 1e3;        ///< evolution.times
constexpr double kMaxFrequency = 1e4;   ///< model.nu, species.nu, potential.strength
constexpr double kMaxFixedSteps = 1e8;  ///< times.back()/step with tolerance = 0

bool isFragmentedToy(ConfigTable& root) {
  ConfigTable model = root.table("model");
  return model.has("kind") && model.string("kind") == "fragmented_toy";
}

namespace {

void readErrorEstimate(ConfigTable& e, GridEvolutionOptions& o);

RadialPotential readPotential(ConfigTable& root) {
  ConfigTable p = root.table("potential", true);
  const std::string kind = p.string("kind", "gaussian", {"gaussian", "coulomb"});
  const double strength = p.number("strength", std::nullopt, Range{-kMaxFrequency, kMaxFrequency});
  const Range length{1e-3, 1e3};
  RadialPotential V = kind == "gaussian" ? RadialPotential::gaussian(strength, p.number("width", 1.0, length))
                                         : RadialPotential::coulomb(strength, p.number("cutoff", std::nullopt, length));
  p.finish();
  return V;
}

std::vector<double> readTimes(ConfigTable& e) {
  std::vector<double> times = e.numbers("times", std::nullopt, Range{0.0, kMaxTime, true, false});
  if (times.empty()) e.fail("times", "at least one time is needed");
  for (size_t m = 1; m < times.size(); ++m)
    if (!(times[m] > times[m - 1])) e.fail("times", fmt::format("must be increasing (entry {})", m));
  return times;
}

/// evolution.step: the fixed step (tolerance = 0; at most kMaxFixedSteps of them) or the first trial step.
double readStep(ConfigTable& e, double tolerance, double tEnd) {
  const double step = e.number("step", 0.01, Range{0.0, kMaxTime, true, false});
  if (tolerance == 0 && tEnd / step > kMaxFixedSteps)
    e.fail("step", fmt::format("{} fixed steps to t = {} (tolerance = 0) are more than {:.0e}; use a larger step or "
                               "an adaptive tolerance", std::ceil(tEnd / step), tEnd, kMaxFixedSteps));
  return step;
}

std::optional<Grid> readGrid(ConfigTable& root, int d, int species, bool required, MemoryNeeds& memory);

ToyEvolveConfig readToy(ConfigTable& root) {
  ToyEvolveConfig c;
  ConfigTable m = root.table("model", true);
  m.string("kind", std::nullopt, {"fragmented_toy"});
  c.model.nu = m.number("nu", std::nullopt, Range{0.0, kMaxFrequency, true, false});
  c.model.occupations = m.numbers("occupations", std::vector<double>{0.5, 0.5}, Range::positive());
  double sum = 0;
  for (double n : c.model.occupations) sum += n;
  if (std::abs(sum - 1) > 1e-12) m.fail("occupations", fmt::format("must sum to 1, got {}", sum));
  m.finish();
  c.model.potential = readPotential(root);
  ConfigTable e = root.table("evolution", true);
  c.times = readTimes(e);
  c.options.tolerance = e.number("tolerance", 1e-12, Range{0.0, 1.0});
  c.options.step = readStep(e, c.options.tolerance, c.times.back());
  c.options.scheme = SplittingScheme::byName(e.string("integrator", "blanes_moan"), e.path("integrator"));
  c.options.basisSize = static_cast<int>(e.integer("basis", 0, Range{0.0, 2000.0}));
  const bool grid = e.string("method", "radial", {"radial", "grid"}) == "grid";
  e.finish();
  if (grid) c.grid = readGrid(root, 3, 1, true, c.memory);
  ConfigTable s = root.table("sweep");
  c.sweep_nu = s.numbers("nu", std::vector<double>{}, Range::positive());
  if (c.sweep_nu.size() == 1) s.fail("nu", "a sweep needs at least two values");
  c.sweep_strength = s.numbers("strength", std::vector<double>{}, Range::positive());
  if (c.sweep_strength.size() == 1) s.fail("strength", "a sweep needs at least two values");
  s.finish();
  return c;
}

DoubletEvolveConfig readDoublet(ConfigTable& root) {
  DoubletEvolveConfig c;
  ConfigTable m = root.table("model", true);
  m.string("kind", std::nullopt, {"fragmented_doublet"});
  c.model.nu = m.number("nu", std::nullopt, Range{0.0, kMaxFrequency, true, false});
  c.model.occupations = m.numbers("occupations", std::vector<double>{0.5, 0.5}, Range::positive());
  if (c.model.occupations.size() != 2)
    m.fail("occupations", fmt::format("the doublet has two levels: two occupations, got {}", c.model.occupations.size()));
  if (std::abs(c.model.occupations[0] + c.model.occupations[1] - 1) > 1e-12)
    m.fail("occupations", fmt::format("must sum to 1, got {}", c.model.occupations[0] + c.model.occupations[1]));
  c.model.wellMinimum = m.number("well_minimum", 2.0, Range{0.0, 20.0, true, true});
  c.model.flatExcited = m.string("excited", "scaled", {"scaled", "flat"}) == "flat";
  m.finish();
  {
    ConfigTable p = root.table("potential", true);
    p.string("kind", "gaussian", {"gaussian"});
    const double strength = p.number("strength", std::nullopt, Range{-kMaxFrequency, kMaxFrequency});
    c.model.potential = RadialPotential::gaussian(strength, p.number("width", 1.0, Range{1e-3, 1e3}));
    p.finish();
  }
  {
    ConfigTable g = root.table("grid", true);
    const long long n = g.integer("points", std::nullopt, Range{8.0, 2048.0});
    if (n % 2) g.fail("points", fmt::format("must be even, got {}", n));
    const double box = g.number("box", std::nullopt, Range{1e-3, 1e4});
    const std::vector<double> centre = g.numbers("center", std::vector<double>{0.0});
    if (centre.size() != 1) g.fail("center", "must have 1 entry (the doublet lives on a 1D grid)");
    g.finish();
    c.grid = Grid(1, static_cast<int>(n), box, centre);
  }
  ConfigTable e = root.table("evolution", true);
  c.times = readTimes(e);
  c.options.tolerance = e.number("tolerance", 1e-11, Range{0.0, 1.0});
  c.options.step = readStep(e, c.options.tolerance, c.times.back());
  c.options.scheme = SplittingScheme::byName(e.string("integrator", "blanes_moan"), e.path("integrator"));
  c.options.phaseTolerance = e.number("phase_tolerance", 1e-3, Range{0.0, 1.0, true, true});
  c.options.maxPhases = static_cast<int>(e.integer("max_phases", 512, Range{16.0, 65536.0}));
  c.options.prediction = e.boolean("prediction", true);
  e.finish();
  ConfigTable s = root.table("sweep");
  c.sweep_nu = s.numbers("nu", std::vector<double>{}, Range{0.0, kMaxFrequency, true, false});
  if (c.sweep_nu.size() == 1) s.fail("nu", "a sweep needs at least two values");
  s.finish();
  return c;
}

std::optional<Grid> readGrid(ConfigTable& root, int d, int species, bool required, MemoryNeeds& memory) {
  ConfigTable g = root.table("grid");
  if (!g.has("points") && !g.has("box")) {
    if (required) root.fail("grid", "required (points, box) unless [initial] kind = \"state\"");
    g.finish();
    return std::nullopt;
  }
  const long long n = g.integer("points", std::nullopt, Range{4.0, 1e5});
  if (n % 2) g.fail("points", fmt::format("must be even, got {}", n));
  const double box = g.number("box", std::nullopt, Range{kMinBox, kMaxBox});
  std::vector<double> centre = g.numbers("center", std::vector<double>(d, 0.0));
  if (static_cast<int>(centre.size()) != d) g.fail("center", fmt::format("must have {} entries (model.dimension)", d));
  memory.push_back({gridEvolutionMemoryBytes(d, static_cast<int>(n), species),
                    fmt::format("{} = {} (in {}D, {} species, complex fields)", g.path("points"), n, d, species)});
  g.finish();
  Grid grid(d, static_cast<int>(n), box, centre);
  requireRepresentable(grid, g.path("center"));
  return grid;
}

void readInitial(ConfigTable& root, MeanFieldEvolveConfig& c, int d) {
  ConfigTable i = root.table("initial");
  c.initial_kind = i.string("kind", "harmonic", {"harmonic", "gaussian", "state"});
  if (c.initial_kind == "gaussian") {
    c.initial_center = i.numbers("center", std::vector<double>(d, 0.0));
    c.initial_momentum = i.numbers("momentum", std::vector<double>(d, 0.0));
    c.initial_width = i.number("width", 1.0, Range::positive());
    if (static_cast<int>(c.initial_center.size()) != d) i.fail("center", fmt::format("must have {} entries", d));
    if (static_cast<int>(c.initial_momentum.size()) != d) i.fail("momentum", fmt::format("must have {} entries", d));
  }
  if (c.initial_kind == "state") c.initial_file = i.string("file");
  c.reference_file = i.string("reference", "");
  i.finish();
}

/// The Gaussian start inside the box and resolved by the grid: centre within the box, width at least a
/// spacing and below the box, |momentum| below the Nyquist wave number π/h (else it aliases).
void requireGaussianOnGrid(const ConfigTable& initial, const MeanFieldEvolveConfig& c, const Grid& g) {
  const double h = g.spacing(), kMax = std::numbers::pi / h;
  for (int i = 0; i < g.dimension(); ++i) {
    if (!(std::abs(c.initial_center[i] - g.centre()[i]) < 0.5 * g.box()))
      initial.fail("center", fmt::format("{} lies outside the [grid] box (centre {}, width {})", c.initial_center[i],
                                         g.centre()[i], g.box()));
    if (!(std::abs(c.initial_momentum[i]) < kMax))
      initial.fail("momentum", fmt::format("{} is beyond the grid's largest wave number pi/h = {:.4g} (it would alias)",
                                           c.initial_momentum[i], kMax));
  }
  if (!(c.initial_width >= h && c.initial_width <= g.box()))
    initial.fail("width", fmt::format("must lie between the grid spacing {:.4g} and the box {:.4g}, got {}", h, g.box(),
                                      c.initial_width));
}

/// Couplings and trap frequencies of the flow within kMaxFrequency of the oscillator unit (the mixture
/// reader is shared with `cbec groundstate`, which bounds them through the regime instead): beyond,
/// the flow is stiff past any step the integrator can take (runs that never end, or underflow).
void requireModerateFlow(const ConfigTable& root, const Mixture& m) {
  const auto check = [&](double v, const std::string& key) {
    if (!(std::abs(v) <= kMaxFrequency))
      root.fail(key, fmt::format("must lie in [-{0:g}, {0:g}] for cbec evolve (oscillator units), got {1:g}",
                                 kMaxFrequency, v));
  };
  for (int s = 0; s < m.speciesCount(); ++s) {
    check(m.species(s).a, fmt::format("species[{}].a", s));
    for (double w : m.species(s).trap.omega()) check(w, fmt::format("species[{}].trap.omega", s));
    for (int r = s + 1; r < m.speciesCount(); ++r)
      check(m.interCouplings()(s, r), fmt::format("coupling.a{}{}", s + 1, r + 1));
  }
}

MeanFieldEvolveConfig readMeanField(ConfigTable& root) {
  Mixture mixture = readMixture(root, MixtureKeys{.nu = true});
  requireModerateFlow(root, mixture);
  MeanFieldEvolveConfig c{std::move(mixture)};
  const int d = c.mixture.dimension();
  readInitial(root, c, d);
  c.grid = readGrid(root, d, c.mixture.speciesCount(), c.initial_kind != "state", c.memory);
  if (c.grid) requireFiniteTraps(c.mixture, *c.grid, "grid.box");
  if (c.grid && c.initial_kind == "gaussian") requireGaussianOnGrid(root.table("initial"), c, *c.grid);
  ConfigTable e = root.table("evolution", true);
  c.times = readTimes(e);
  c.options.tolerance = e.number("tolerance", 1e-10, Range{0.0, 1.0});
  c.options.step = readStep(e, c.options.tolerance, c.times.back());
  c.options.scheme = SplittingScheme::byName(e.string("integrator", "blanes_moan"), e.path("integrator"));
  readErrorEstimate(e, c.options);
  c.linear = e.string("linear", "auto", {"auto", "kinetic", "exact_harmonic"});
  c.snapshots = e.boolean("snapshots", true);
  c.checkpoint = e.boolean("checkpoint", true);
  e.finish();
  return c;
}

/// evolution.error_estimate and evolution.step_ratio (tolerance > 0): "richardson" (the default: the step
/// compared with `step_ratio` substeps, default 4; adaptive_stepper.hpp), "step_doubling" (the same with ratio 2)
/// or "embedded" (the integrator's embedded partner, SplittingPair: blanes_moan or palindromic5 only);
/// evolution.estimate_every m (Richardson: default 4; step doubling: default 1): the estimate on one macro step in m.
void readErrorEstimate(ConfigTable& e, GridEvolutionOptions& o) {
  const std::string kind = e.string("error_estimate", "richardson", {"richardson", "step_doubling", "embedded"});
  const int ratio = static_cast<int>(e.integer("step_ratio", 4, Range{2.0, 16.0}));
  if (kind != "richardson" && e.has("step_ratio"))
    e.fail("step_ratio", fmt::format("applies to error_estimate = \"richardson\" only (here \"{}\")", kind));
  o.estimate = kind == "embedded" ? ErrorEstimate::Embedded : ErrorEstimate::StepDoubling;
  o.ratio = kind == "richardson" ? ratio : 2;
  o.every = static_cast<int>(e.integer("estimate_every", kind == "richardson" ? 4 : 1, Range{1.0, 64.0}));
  if (kind == "embedded" && e.has("estimate_every"))
    e.fail("estimate_every", "applies to error_estimate = \"richardson\" or \"step_doubling\" only (here \"embedded\")");
  if (kind == "embedded" && !SplittingPair::exists(o.scheme))
    e.fail("error_estimate", fmt::format("\"embedded\" needs an integrator with an embedded partner (blanes_moan, "
                                         "palindromic5), not \"{}\"", o.scheme.name));
}

}  // namespace

EvolveConfig readEvolveConfig(ConfigTable&& root) {
  EvolveConfig c;
  ConfigTable model = root.table("model");
  if (isFragmentedToy(root)) {
    c.kind = EvolveConfig::Kind::FragmentedToy;
    c.toy = readToy(root);
  } else if (model.has("kind") && model.string("kind") == "fragmented_doublet") {
    c.kind = EvolveConfig::Kind::FragmentedDoublet;
    c.doublet = readDoublet(root);
  } else {
    c.kind = EvolveConfig::Kind::MeanField;
    c.meanField = readMeanField(root);
  }
  root.finish();
  return c;
}

}  // namespace cbec
