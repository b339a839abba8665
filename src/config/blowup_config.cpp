#include <cbec/config/blowup_config.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace cbec {
namespace {

BlowupScanOptions readScanOptions(ConfigTable& scan, const SolverOptions& solver) {
  BlowupScanOptions o;
  o.solver = solver;
  o.distances = scan.numbers("distances", o.distances, Range::positive());
  if (o.distances.empty()) scan.fail("distances", "must not be empty");
  o.box_factor = scan.number("box_factor", o.box_factor, Range{8.0, 400.0});
  o.points_per_length = scan.number("points_per_length", o.points_per_length, Range{2.0, 64.0});
  o.max_points = static_cast<int>(scan.integer("max_points", o.max_points, Range{16, 8192}));
  return o;
}

/// The theorem's setting, with the key path attached to the domain's message.
BlowupPath makePath(ConfigTable& scan, const std::string& name, Mixture mixture) {
  const std::vector<std::string> known{"theorem1", "theorem2", "theorem3"};
  if (std::find(known.begin(), known.end(), name) == known.end())
    scan.fail("path", fmt::format("must be \"theorem1\", \"theorem2\" or \"theorem3\", got \"{}\"", name));
  try {
    return BlowupPath(BlowupPath::kindByName(name), std::move(mixture));
  } catch (const InputError& e) {
    scan.fail("path", e.what());
  }
}

}  // namespace

BlowupConfig readBlowupConfig(ConfigTable&& root) {
  ConfigTable scan = root.table("scan", true);
  const std::string name = scan.string("path");
  if (root.has("grid"))
    root.fail("grid", "cbec blowup chooses its grids from the predicted scale ℓ; "
                      "use [scan] box_factor / points_per_length instead");
  GroundStateConfig gs = readGroundStateConfig(root);
  if (gs.mixture.totalMass())
    root.table("model").fail("mass_constraint", "cbec blowup follows the fixed-fraction paths of M Theorems 1–3; "
                                                "\"total\" is a `cbec groundstate` model (docs/total-mass.md)");
  BlowupScanOptions options = readScanOptions(scan, gs.solver);
  scan.finish();
  root.finish();
  BlowupConfig cfg{makePath(scan, name, std::move(gs.mixture)), std::move(options)};
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
