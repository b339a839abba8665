// Reader of the `cbec qmc` configuration (qmc_config.hpp).
#include <cbec/config/qmc_config.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

namespace {

constexpr double kMaxCoupling = 1e4;

Trap readTrap(ConfigTable& t, int d) {
  ConfigTable trap = t.table("trap");
  const std::vector<double> centre = trap.numbers("center", std::vector<double>(d, 0.0));
  if (static_cast<int>(centre.size()) != d)
    trap.fail("center", fmt::format("must have {} entries (model.dimension), got {}", d, centre.size()));
  Trap result = Trap::power(2.0, centre);
  if (trap.has("omega")) {
    const std::vector<double> omega = trap.numbers("omega", std::nullopt, Range{0.0, kMaxCoupling, true, false});
    if (static_cast<int>(omega.size()) != d)
      trap.fail("omega", fmt::format("must have {} entries (model.dimension), got {}", d, omega.size()));
    if (trap.has("power") && trap.number("power") != 2.0) trap.fail("power", "must be 2 with omega");
    result = Trap::harmonic(omega, centre);
  } else {
    result = Trap::power(trap.number("power", 2.0, Range{0.0, 20.0, true, false}), centre);
  }
  trap.finish();
  return result;
}

/// The `cbec manybody` tables that a qmc run does not use: their keys are read (so a manybody file is
/// accepted as it is) and dropped.
void skipManybodyTables(ConfigTable& root) {
  ConfigTable basis = root.table("basis");
  for (const char* k : {"shells", "tolerance", "max_shells", "max_dimension", "max_quanta", "scale"})
    if (basis.has(k)) basis.number(k);
  if (basis.has("truncation")) basis.string("truncation");
  basis.finish();
  ConfigTable solver = root.table("solver");
  for (const char* k : {"threads", "lanczos_tolerance"})
    if (solver.has(k)) solver.number(k);
  solver.finish();
  ConfigTable sweep = root.table("sweep");
  if (sweep.has("N")) sweep.numbers("N");
  if (sweep.has("shells")) sweep.number("shells");
  sweep.finish();
}

}  // namespace

QmcConfig readQmcConfig(ConfigTable&& root) {
  ConfigTable model = root.table("model", true);
  const int d = static_cast<int>(model.integer("dimension", 2, Range{1.0, 3.0}));
  model.string("interaction", std::nullopt, {"hartree"});
  const auto profile = PairProfile::byName(model.string("profile", "gaussian"), model.path("profile"));
  const double beta = model.number("beta", 0.0, Range{0.0, 10.0});
  const PairScaling scaling =
      model.string("pair_scaling", "N-1", {"N-1", "N"}) == "N" ? PairScaling::N : PairScaling::NMinusOne;
  if (model.has("N")) model.fail("N", "not used by cbec qmc (N is the sum of the species' particles)");
  model.finish();

  std::vector<ConfigTable> tables = root.tables("species", true);
  if (tables.empty() || tables.size() > 2) root.fail("species", "one or two [[species]] are required");
  std::vector<Species> species;
  std::vector<int> particles;
  int N = 0;
  for (size_t s = 0; s < tables.size(); ++s) {
    ConfigTable& t = tables[s];
    Species sp;
    sp.name = t.string("name", fmt::format("s{}", s + 1));
    if (s == 1 && species[0].name == sp.name) t.fail("name", "duplicate species name");
    if (t.has("fraction")) t.fail("fraction", "cbec qmc takes `particles` (integer N_s) instead");
    particles.push_back(static_cast<int>(t.integer("particles", std::nullopt, Range{1.0, 1e5})));
    N += particles.back();
    sp.a = t.number("a", 0.0, Range{-kMaxCoupling, kMaxCoupling});
    sp.trap = readTrap(t, d);
    t.finish();
    species.push_back(sp);
  }
  for (size_t s = 0; s < species.size(); ++s) species[s].fraction = double(particles[s]) / N;
  ConfigTable coupling = root.table("coupling");
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(species.size(), species.size());
  if (species.size() == 2) a(0, 1) = a(1, 0) = coupling.number("a12", 0.0, Range{-kMaxCoupling, kMaxCoupling});
  coupling.finish();
  QmcConfig c{Mixture(d, species, a, PairPotential::hartree(profile, N, beta), scaling, double(N)), particles};

  ConfigTable q = root.table("qmc");
  c.walkers = static_cast<int>(q.integer("walkers", 2000, Range{1.0, 1e7}));
  c.target_error = q.number("target_error", 1e-5, Range::positive());
  c.seed = static_cast<std::uint64_t>(q.integer("seed", 1, Range{0.0, 9.0e15}));
  c.time_steps = q.numbers("time_steps", std::vector<double>{0.02, 0.01}, Range{0.0, 1.0, true, false});
  if (c.time_steps.empty()) q.fail("time_steps", "at least one time step is required");
  for (size_t i = 0; i < c.time_steps.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (c.time_steps[i] == c.time_steps[j]) q.fail("time_steps", "the time steps must differ");
  c.threads = static_cast<int>(q.integer("threads", 1, Range{1.0, 256.0}));
  c.max_steps = static_cast<long>(q.integer("max_steps", 200000, Range{64.0, 1e10}));
  c.equilibration_time = q.number("equilibration_time", 4.0, Range::nonNegative());
  c.forward_walkers = static_cast<int>(q.integer("forward_walkers", 16, Range{0.0, 1e6}));
  c.forward_time = q.number("forward_time", 2.0, Range::positive());
  c.forward_every = static_cast<long>(q.integer("forward_every", 50, Range{1.0, 1e9}));
  c.max_seconds = q.number("max_seconds", 0.0, Range::nonNegative());
  c.population_correction_time = q.number("population_correction_time", 1.0, Range{0.0, 100.0});
  q.finish();
  ConfigTable grid = root.table("grid");
  if (grid.has("points")) {
    c.grid_points = static_cast<int>(grid.integer("points", std::nullopt, Range{8.0, 4096.0}));
    if (*c.grid_points % 2 != 0) grid.fail("points", "must be even");
  }
  if (grid.has("box")) c.grid_box = grid.number("box", std::nullopt, Range{1e-3, 1e4});
  if (grid.has("hartree")) grid.boolean("hartree");
  grid.finish();
  skipManybodyTables(root);
  root.finish();
  return c;
}

}  // namespace cbec
