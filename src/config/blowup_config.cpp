#include <cbec/config/blowup_config.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace cbec {
namespace {

BlowupScanOptions readScanOptions(ConfigTable& scan, const SolverOptions& solver, bool hartree) {
  BlowupScanOptions o;
  o.solver = solver;
  if (hartree) {
    if (scan.has("distances"))
      scan.fail("distances", "replaced by N and gamma with model.interaction = \"hartree\" (the joint limit: d = N^-γ)");
    if (!scan.has("N")) scan.fail("N", "required with model.interaction = \"hartree\" (the particle numbers of the joint limit)");
    if (!scan.has("gamma")) scan.fail("gamma", "required with model.interaction = \"hartree\" (d = N^-γ)");
    o.range_box = scan.number("range_box", o.range_box, Range{4.0, 100.0});
    o.range_points = scan.number("range_points", o.range_points, Range{0.0, 64.0});
    o.compare_gp = scan.boolean("compare_gp", o.compare_gp);
  } else {
    for (const char* key : {"N", "gamma", "range_box", "range_points", "compare_gp"})
      if (scan.has(key))
        scan.fail(key, "only used with model.interaction = \"hartree\" (the joint limit; a contact scan gives distances)");
    o.distances = scan.numbers("distances", o.distances, Range::positive());
    if (o.distances.empty()) scan.fail("distances", "must not be empty");
  }
  o.box_factor = scan.number("box_factor", o.box_factor, Range{8.0, 400.0});
  o.points_per_length = scan.number("points_per_length", o.points_per_length, Range{2.0, 64.0});
  o.max_points = static_cast<int>(scan.integer("max_points", o.max_points, Range{16, 8192}));
  return o;
}

/// The theorem's setting, with the key path attached to the domain's message.
BlowupPath makePath(ConfigTable& scan, const std::string& name, Mixture mixture) {
  const std::vector<std::string> known{"theorem1", "theorem2", "theorem3", "direction"};
  if (std::find(known.begin(), known.end(), name) == known.end())
    scan.fail("path", fmt::format("must be \"theorem1\", \"theorem2\", \"theorem3\" or \"direction\", got \"{}\"", name));
  if (name != "direction") {
    for (const char* key : {"direction", "end_a12"})
      if (scan.has(key)) scan.fail(key, "only used with path = \"direction\"");
    try {
      return BlowupPath(BlowupPath::kindByName(name), std::move(mixture));
    } catch (const InputError& e) {
      scan.fail("path", e.what());
    }
  }
  BlowupPath::Line line;
  line.direction = scan.numbers("direction");
  if (line.direction.size() != 3)
    scan.fail("direction", fmt::format("must be [e1, e2, e12] (3 numbers), got {}", line.direction.size()));
  line.end_a12 = scan.number("end_a12", std::nullopt, Range::positive());
  try {
    return BlowupPath(std::move(mixture), line);
  } catch (const InputError& e) {
    const std::string what = e.what();
    scan.fail(what.find("end point") != std::string::npos ? "end_a12"
              : what.find("direction (e1") != std::string::npos || what.find("e1 + c2") != std::string::npos
                  ? "direction"
                  : "path",
              what);
  }
}

/// The mixture with a contact pair (the path's couplings; the joint limit sets w_N point by point).
Mixture contactCopy(const Mixture& m) {
  return Mixture(m.dimension(), m.allSpecies(), m.interCouplings());
}

}  // namespace

BlowupConfig readBlowupConfig(ConfigTable&& root) {
  ConfigTable scan = root.table("scan", true);
  const std::string name = scan.string("path");
  if (root.has("grid"))
    root.fail("grid", "cbec blowup chooses its grids from the predicted scale ℓ; "
                      "use [scan] box_factor / points_per_length instead");
  GroundStateConfig gs = readGroundStateConfig(root, "scan.N");
  if (gs.mixture.totalMass())
    root.table("model").fail("mass_constraint", "cbec blowup follows the fixed-fraction paths of M Theorems 1–3; "
                                                "\"total\" is a `cbec groundstate` model (docs/total-mass.md)");
  const bool hartree = !gs.mixture.pair().isContact();
  BlowupScanOptions options = readScanOptions(scan, gs.solver, hartree);
  if (root.has("bogoliubov")) {   // joint limit: e_B around each Hartree minimiser (joint_bogoliubov.hpp)
    ConfigTable b = root.table("bogoliubov");
    if (!hartree)
      root.fail("bogoliubov", "only used with model.interaction = \"hartree\" (the joint limit: the Bogoliubov correction "
                              "around the Hartree minimiser; a contact scan has no finite e_B in 2D)");
    JointBogoliubovOptions& o = options.bogoliubov;
    o.modes = static_cast<int>(b.integer("modes", 64, Range{4.0, 4096.0}));
    o.rungs = static_cast<int>(b.integer("rungs", 3, Range{1.0, 8.0}));
    if ((o.modes >> (o.rungs - 1)) < 1)
      b.fail("rungs", fmt::format("{} halvings of modes = {} leave no mode", o.rungs - 1, o.modes));
    o.points = static_cast<int>(b.integer("points", 96, Range{8.0, 1024.0}));
    if (o.points % 2 != 0) b.fail("points", fmt::format("must be even (the grid is halved), got {}", o.points));
    if (static_cast<long long>(o.points / 2) * (o.points / 2) < o.modes + 2)
      b.fail("modes", fmt::format("{} modes need {} points on the halved grid, which has {}² (raise bogoliubov.points)",
                                  o.modes, o.modes + 2, o.points / 2));
    o.box_factor = b.number("box_factor", 12.0, Range{8.0, 400.0});
    o.tolerance = b.number("tolerance", 1e-3, Range{0.0, 1.0, true, false});
    o.excitations = static_cast<int>(b.integer("excitations", 4, Range{1.0, 1000.0}));
    b.finish();
  }
  std::optional<JointLimit> joint;
  if (hartree) {
    joint.emplace();
    joint->profile = PairProfile::byName(gs.mixture.pair().profile()->name(), "model.profile");
    joint->beta = gs.mixture.pair().beta();
    joint->gamma = scan.number("gamma", std::nullopt, Range{0.0, 10.0, true, false});
    joint->N = scan.numbers("N", std::nullopt, Range{1.0, 1e15, true, false});
    if (joint->N.empty()) scan.fail("N", "must not be empty");
  }
  BlowupConfig cfg{makePath(scan, name, hartree ? contactCopy(gs.mixture) : std::move(gs.mixture)), std::move(options)};
  scan.finish();
  root.finish();
  if (joint) {
    for (size_t i = 0; i < joint->N.size(); ++i) {
      try {
        cfg.path.requireDistance(joint->distance(joint->N[i]));
      } catch (const InputError& e) {
        scan.fail(fmt::format("N[{}]", i), fmt::format("d = N^-γ = {:.6g}: {}", joint->distance(joint->N[i]), e.what()));
      }
    }
    try {
      requireJointLimit(cfg.path, *joint);
    } catch (const InputError& e) {
      scan.fail("N", e.what());
    }
    cfg.scan.joint = std::move(joint);
    return cfg;
  }
  for (size_t i = 0; i < cfg.scan.distances.size(); ++i) {
    try {
      cfg.path.requireDistance(cfg.scan.distances[i]);
    } catch (const InputError& e) {
      scan.fail(fmt::format("distances[{}]", i), e.what());
    }
  }
  try {
    requireScanDistances(cfg.path, cfg.scan.distances);
  } catch (const InputError& e) {
    scan.fail("distances", e.what());
  }
  return cfg;
}

}  // namespace cbec
