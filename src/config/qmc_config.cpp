// Reader of the `cbec qmc` configuration (qmc_config.hpp).
#include <cbec/config/qmc_config.hpp>

#include <cbec/config/manybody_config.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

namespace {

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
  if (solver.has("eigensolver")) solver.string("eigensolver");
  solver.finish();
  ConfigTable sweep = root.table("sweep");
  if (sweep.has("N")) sweep.numbers("N");
  if (sweep.has("shells")) sweep.number("shells");
  sweep.finish();
}

}  // namespace

QmcConfig readQmcConfig(ConfigTable&& root) {
  ManybodyModel m = readManybodyModel(root, "qmc", true);
  QmcConfig c{std::move(m.mixture), std::move(m.particles)};

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
  c.density_matrix_degree = static_cast<int>(q.integer("density_matrix_degree", 2, Range{0.0, 4.0}));
  if (q.has("density_points")) c.density_points = static_cast<int>(q.integer("density_points", std::nullopt, Range{0.0, 256.0}));
  if (c.density_points && std::pow(double(*c.density_points), c.mixture.dimension()) > 65536.0)
    q.fail("density_points", "at most 65536 bins in all (density_points^dimension)");
  q.finish();
  ConfigTable trial = root.table("trial");
  if (trial.has("jastrow")) {
    c.jastrow = trial.string("jastrow");
    if (c.jastrow != "none" && c.jastrow != "gaussian") trial.fail("jastrow", "must be \"none\" or \"gaussian\"");
  }
  c.jastrow_range = trial.number("jastrow_range", 1.0, Range{1e-3, 1e3});
  trial.finish();
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
