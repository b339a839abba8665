#include <cbec/config/groundstate_config.hpp>

#include <cbec/config/mixture_config.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

namespace cbec {

namespace {
/// A state concentrated at a trap centre outside the periodic box cannot be represented on it:
/// the solver would return the ground state of the potential's restriction to the box (a different
/// problem) with a small residual. Refused, naming the species.
void requireTrapsInside(const Mixture& m, const Grid& grid) {
  for (int s = 0; s < m.speciesCount(); ++s) {
    const auto& z = m.species(s).trap.centre();
    for (int i = 0; i < grid.dimension(); ++i)
      if (!(std::abs(z[i] - grid.centre()[i]) < 0.5 * grid.box()))
        throw InputError(fmt::format(
            "species[{}].trap.center: [{}] lies outside the [grid] box (center [{}], side {}); the ground state "
            "cannot be represented there: move grid.center, enlarge grid.box, or omit [grid] for an automatic grid",
            s, fmt::join(z, ", "), fmt::join(grid.centre(), ", "), grid.box()));
  }
}
}  // namespace

void requireFiniteTraps(const Mixture& m, const Grid& grid, const std::string& key) {
  const int d = grid.dimension();
  for (int s = 0; s < m.speciesCount(); ++s)
    for (int corner = 0; corner < (1 << d); ++corner) {
      double x[3];
      for (int i = 0; i < d; ++i) x[i] = grid.centre()[i] + ((corner >> i) & 1 ? 0.5 : -0.5) * grid.box();
      const double v = m.species(s).trap(x);
      if (!(std::abs(v) <= kMaxTrapValue))
        throw InputError(fmt::format("{}: the trap of species[{}] reaches V = {:.3g} at the corner of the box (side {:g}); "
                                     "above {:g} the energy sums are not finite: choose a smaller box",
                                     key, s, v, grid.box(), kMaxTrapValue));
    }
}

GroundStateConfig readGroundStateConfig(ConfigTable& root, const std::string& hartree_N_from) {
  Mixture mixture = readMixture(root, MixtureKeys{.total_mass = true, .hartree_N_from = hartree_N_from});
  const int d = mixture.dimension();

  std::optional<Grid> grid;
  MemoryNeeds memory;
  ConfigTable g = root.table("grid");
  if (g.has("points") || g.has("box") || g.has("center")) {
    if (!g.has("points")) g.fail("points", "required when [grid] is given (omit [grid] for an automatic grid)");
    if (!g.has("box")) g.fail("box", "required when [grid] is given (omit [grid] for an automatic grid)");
    const long long n = g.integer("points", std::nullopt, Range{4.0, 1e5});
    if (n % 2) g.fail("points", fmt::format("must be even, got {}", n));
    const double box = g.number("box", std::nullopt, Range{kMinBox, kMaxBox});
    std::vector<double> centre = g.numbers("center", std::vector<double>(d, 0.0));
    if (static_cast<int>(centre.size()) != d)
      g.fail("center", fmt::format("must have {} entries (model.dimension)", d));
    memory.push_back({groundStateMemoryBytes(d, static_cast<int>(n), mixture.speciesCount()),
                      fmt::format("{} = {} (in {}D, {} species)", g.path("points"), n, d, mixture.speciesCount())});
    grid = Grid(d, static_cast<int>(n), box, centre);
    requireRepresentable(*grid, g.path("center"));
    requireTrapsInside(mixture, *grid);
    requireFiniteTraps(mixture, *grid, g.path("box"));
  }
  AutoGridOptions autoOpts;
  autoOpts.boundary_tolerance = g.number("boundary_tolerance", autoOpts.boundary_tolerance, Range{0.0, 1.0, true, true});
  autoOpts.spectral_tolerance = g.number("spectral_tolerance", autoOpts.spectral_tolerance, Range{0.0, 1.0, true, true});
  g.finish();

  SolverOptions o;
  ConfigTable s = root.table("solver");
  o.tolerance = s.number("tolerance", o.tolerance, Range::positive());
  o.energy_tolerance = s.number("energy_tolerance", o.energy_tolerance, Range::positive());
  o.method = methodByName(s.string("method", "pcg", {"pcg", "gradient_flow"}));
  o.max_iterations = s.integer("max_iterations", o.max_iterations, Range{1.0, 1e9});
  o.time_step = s.number("time_step", o.time_step, Range::positive());
  o.threads = static_cast<int>(s.integer("threads", o.threads, Range{1.0, 256.0}));
  o.error_estimate = errorEstimateByName(s.string("error_estimate", "evaluate", {"evaluate", "resolve"}));
  std::string warm = s.string("warm_start", "");
  s.finish();
  return GroundStateConfig{std::move(mixture), grid, o, autoOpts, warm, std::move(memory)};
}

GroundStateConfig readGroundStateConfig(ConfigTable&& root) {
  GroundStateConfig c = readGroundStateConfig(root);
  root.finish();
  return c;
}

}  // namespace cbec
