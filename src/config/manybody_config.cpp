// Reader of the `cbec manybody` configuration (manybody_config.hpp).
#include <cbec/config/manybody_config.hpp>

#include <cbec/manybody/mixture_modes.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

namespace {

/// |a|, |a12| and ω above this put the interaction or the trap 1e4 times above the oscillator unit:
/// no finite mode basis resolves such a state (the ladder would end unconverged).
constexpr double kMaxCoupling = 1e4;

Trap readTrap(ConfigTable& t, int d, bool anyPower) {
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
  } else if (anyPower) {
    result = Trap::power(trap.number("power", 2.0, Range{0.0, 20.0, true, false}), centre);
  } else if (trap.number("power", 2.0) != 2.0) {
    trap.fail("power", "the many-body mode basis needs a harmonic trap (power = 2)");
  }
  trap.finish();
  return result;
}

struct ModelPart {
  int d;
  std::shared_ptr<const PairProfile> profile;
  double beta;
  PairScaling scaling;
};

ModelPart readModel(ConfigTable& root, const std::string& command) {
  ConfigTable model = root.table("model", true);
  ModelPart m;
  m.d = static_cast<int>(model.integer("dimension", 2, Range{1.0, 3.0}));
  model.string("interaction", std::nullopt, {"hartree"});
  m.profile = PairProfile::byName(model.string("profile", "gaussian"), model.path("profile"));
  m.beta = model.number("beta", 0.0, Range{0.0, 10.0});
  m.scaling = model.string("pair_scaling", "N-1", {"N-1", "N"}) == "N" ? PairScaling::N : PairScaling::NMinusOne;
  if (model.has("N")) model.fail("N", fmt::format("not used by cbec {} (N is the sum of the species' particles)", command));
  model.finish();
  return m;
}

void readOptions(ConfigTable& root, ManybodyConfig& c) {
  ConfigTable basis = root.table("basis");
  if (basis.has("shells")) c.shells = static_cast<int>(basis.integer("shells", std::nullopt, Range{0.0, 40.0}));
  c.tolerance = basis.number("tolerance", 1e-9, Range::positive());
  c.max_shells = static_cast<int>(basis.integer("max_shells", 40, Range{0.0, 60.0}));
  c.max_dimension = static_cast<std::size_t>(basis.integer("max_dimension", 300000, Range{1.0, 1e10}));
  if (basis.has("max_quanta")) c.max_quanta = static_cast<int>(basis.integer("max_quanta", std::nullopt, Range::nonNegative()));
  c.energy_truncation = basis.string("truncation", c.shells ? "shells" : "energy", {"energy", "shells"}) == "energy";
  if (c.energy_truncation && c.max_quanta) basis.fail("max_quanta", "is set by truncation = \"energy\" (Σ quanta ≤ shells)");
  if (basis.has("scale")) c.scale = basis.number("scale", std::nullopt, Range{0.1, 10.0});
  const std::string symmetry = basis.string("symmetry", "auto", {"auto", "parity", "angular_momentum"});
  const bool isotropic = isotropicMixture(c.mixture);
  if (symmetry == "angular_momentum" && !isotropic)
    basis.fail("symmetry", "L_z sectors need a 2D model with isotropic harmonic traps (omega_1 = omega_2) and one "
                           "common center for all species");
  const bool angular = symmetry == "angular_momentum" || (symmetry == "auto" && isotropic);
  if (basis.has("angular_momentum") && !angular)
    basis.fail("angular_momentum", symmetry == "parity" ? "needs symmetry = \"angular_momentum\" or \"auto\""
                                                        : "needs an isotropic 2D model (L_z sectors)");
  if (angular) c.angular_momentum = static_cast<int>(basis.integer("angular_momentum", 0, Range{-1000.0, 1000.0}));
  basis.finish();
  ConfigTable solver = root.table("solver");
  c.threads = static_cast<int>(solver.integer("threads", 1, Range{1.0, 256.0}));
  c.lanczos_tolerance = solver.number("lanczos_tolerance", 1e-12, Range{0.0, 1e-3, true, false});
  c.eigensolver = solver.string("eigensolver", std::string("auto"), {"auto", "lanczos", "slepc"});
  solver.finish();
  ConfigTable grid = root.table("grid");
  c.grid_hartree = grid.boolean("hartree", true);
  if (grid.has("points")) c.grid_points = static_cast<int>(grid.integer("points", std::nullopt, Range{4.0, 4096.0}));
  if (grid.has("box")) c.grid_box = grid.number("box", std::nullopt, Range{1e-3, 1e4});
  grid.finish();
  ConfigTable sweep = root.table("sweep");
  int total = 0;
  for (int n : c.particles) total += n;
  for (double N : sweep.numbers("N", std::vector<double>{}, Range{1.0, 1e6})) {
    if (N != std::floor(N)) sweep.fail("N", fmt::format("particle numbers must be integers, got {}", N));
    for (size_t s = 0; s < c.particles.size(); ++s)
      if (std::fmod(N * c.particles[s], total) != 0.0)
        sweep.fail("N", fmt::format("N = {} does not split into integers in the ratio of the species' particles", N));
    c.sweep_N.push_back(static_cast<int>(N));
  }
  c.sweep_shells = static_cast<int>(sweep.integer("shells", 2, Range{0.0, 40.0}));
  sweep.finish();
}

}  // namespace

ManybodyModel readManybodyModel(ConfigTable& root, const std::string& command, bool anyTrapPower) {
  const ModelPart m = readModel(root, command);
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
    if (t.has("fraction")) t.fail("fraction", fmt::format("cbec {} takes `particles` (integer N_s) instead", command));
    particles.push_back(static_cast<int>(t.integer("particles", std::nullopt, Range{1.0, 1e5})));
    N += particles.back();
    sp.a = t.number("a", 0.0, Range{-kMaxCoupling, kMaxCoupling});
    sp.trap = readTrap(t, m.d, anyTrapPower);
    t.finish();
    species.push_back(sp);
  }
  if (N < 1) root.fail("species", "the particle numbers must sum to at least 1");
  for (size_t s = 0; s < species.size(); ++s) species[s].fraction = double(particles[s]) / N;
  ConfigTable coupling = root.table("coupling");
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(species.size(), species.size());
  if (species.size() == 2) a(0, 1) = a(1, 0) = coupling.number("a12", 0.0, Range{-kMaxCoupling, kMaxCoupling});
  coupling.finish();
  return {Mixture(m.d, species, a, PairInteraction::hartree(m.profile, N, m.beta), m.scaling, double(N)), particles};
}

ManybodyConfig readManybodyConfig(ConfigTable&& root) {
  ManybodyModel m = readManybodyModel(root, "manybody", false);
  ManybodyConfig c{std::move(m.mixture), std::move(m.particles)};
  readOptions(root, c);
  root.finish();
  return c;
}

}  // namespace cbec
