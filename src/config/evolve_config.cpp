#include <cbec/config/evolve_config.hpp>
#include <cbec/config/mixture_config.hpp>

#include <fmt/format.h>

namespace cbec {

bool isFragmentedToy(ConfigTable& root) {
  ConfigTable model = root.table("model");
  return model.has("kind") && model.string("kind") == "fragmented_toy";
}

namespace {

RadialPotential readPotential(ConfigTable& root) {
  ConfigTable p = root.table("potential", true);
  const std::string kind = p.string("kind", "gaussian", {"gaussian", "coulomb"});
  const double strength = p.number("strength");
  RadialPotential V = kind == "gaussian" ? RadialPotential::gaussian(strength, p.number("width", 1.0, Range::positive()))
                                         : RadialPotential::coulomb(strength, p.number("cutoff", std::nullopt, Range::positive()));
  p.finish();
  return V;
}

std::vector<double> readTimes(ConfigTable& e) {
  std::vector<double> times = e.numbers("times", std::nullopt, Range::positive());
  if (times.empty()) e.fail("times", "at least one time is needed");
  for (size_t m = 1; m < times.size(); ++m)
    if (!(times[m] > times[m - 1])) e.fail("times", fmt::format("must be increasing (entry {})", m));
  return times;
}

std::optional<Grid> readGrid(ConfigTable& root, int d, bool required);

ToyEvolveConfig readToy(ConfigTable& root) {
  ToyEvolveConfig c;
  ConfigTable m = root.table("model", true);
  m.string("kind", std::nullopt, {"fragmented_toy"});
  c.model.nu = m.number("nu", std::nullopt, Range::positive());
  c.model.occupations = m.numbers("occupations", std::vector<double>{0.5, 0.5}, Range::positive());
  double sum = 0;
  for (double n : c.model.occupations) sum += n;
  if (std::abs(sum - 1) > 1e-12) m.fail("occupations", fmt::format("must sum to 1, got {}", sum));
  m.finish();
  c.model.potential = readPotential(root);
  ConfigTable e = root.table("evolution", true);
  c.times = readTimes(e);
  c.options.tolerance = e.number("tolerance", 1e-12, Range::nonNegative());
  c.options.step = e.number("step", 0.01, Range::positive());
  c.options.scheme = SplittingScheme::byName(e.string("integrator", "blanes_moan"), e.path("integrator"));
  c.options.basisSize = static_cast<int>(e.integer("basis", 0, Range{0.0, 2000.0}));
  const bool grid = e.string("method", "radial", {"radial", "grid"}) == "grid";
  e.finish();
  if (grid) c.grid = readGrid(root, 3, true);
  ConfigTable s = root.table("sweep");
  c.sweep_nu = s.numbers("nu", std::vector<double>{}, Range::positive());
  if (c.sweep_nu.size() == 1) s.fail("nu", "a sweep needs at least two values");
  c.sweep_strength = s.numbers("strength", std::vector<double>{}, Range::positive());
  if (c.sweep_strength.size() == 1) s.fail("strength", "a sweep needs at least two values");
  s.finish();
  return c;
}

std::optional<Grid> readGrid(ConfigTable& root, int d, bool required) {
  ConfigTable g = root.table("grid");
  if (!g.has("points") && !g.has("box")) {
    if (required) root.fail("grid", "required (points, box) unless [initial] kind = \"state\"");
    g.finish();
    return std::nullopt;
  }
  const long long n = g.integer("points", std::nullopt, Range{4.0, 1e5});
  if (n % 2) g.fail("points", fmt::format("must be even, got {}", n));
  const double box = g.number("box", std::nullopt, Range::positive());
  std::vector<double> centre = g.numbers("center", std::vector<double>(d, 0.0));
  if (static_cast<int>(centre.size()) != d) g.fail("center", fmt::format("must have {} entries (model.dimension)", d));
  g.finish();
  return Grid(d, static_cast<int>(n), box, centre);
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

MeanFieldEvolveConfig readMeanField(ConfigTable& root) {
  std::vector<double> nu;
  Mixture mixture = readMixture(root, &nu);
  MeanFieldEvolveConfig c{std::move(mixture)};
  c.nu = std::move(nu);
  const int d = c.mixture.dimension();
  readInitial(root, c, d);
  c.grid = readGrid(root, d, c.initial_kind != "state");
  ConfigTable e = root.table("evolution", true);
  c.times = readTimes(e);
  c.options.tolerance = e.number("tolerance", 1e-10, Range::nonNegative());
  c.options.step = e.number("step", 0.01, Range::positive());
  c.options.scheme = SplittingScheme::byName(e.string("integrator", "blanes_moan"), e.path("integrator"));
  c.linear = e.string("linear", "auto", {"auto", "kinetic", "exact_harmonic"});
  c.snapshots = e.boolean("snapshots", true);
  c.checkpoint = e.boolean("checkpoint", true);
  e.finish();
  return c;
}

}  // namespace

EvolveConfig readEvolveConfig(ConfigTable&& root) {
  EvolveConfig c;
  if (isFragmentedToy(root)) {
    c.kind = EvolveConfig::Kind::FragmentedToy;
    c.toy = readToy(root);
  } else {
    c.kind = EvolveConfig::Kind::MeanField;
    c.meanField = readMeanField(root);
  }
  root.finish();
  return c;
}

}  // namespace cbec
