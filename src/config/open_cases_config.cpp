#include <cbec/config/open_cases_config.hpp>

#include <cbec/config/groundstate_config.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/soliton/townes_profile.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

OpenCasesConfig readOpenCasesConfig(ConfigTable&& root) {
  ConfigTable study = root.table("study", true);
  const std::string kind = study.string("case", std::nullopt, {"cross_term", "coincident", "window"});
  if (root.has("grid"))
    root.fail("grid", "cbec opencases follows the concentration with its own grids; use [study] box_factor / "
                      "points_per_length instead");
  GroundStateConfig gs = readGroundStateConfig(root);
  const Mixture& m = gs.mixture;
  if (m.totalMass()) root.table("model").fail("mass_constraint", "cbec opencases studies the fixed-fraction model");
  if (m.dimension() != 2 || m.speciesCount() != 2 || !m.pair().isContact())
    root.table("model").fail("interaction", "cbec opencases needs two species with contact interaction in dimension 2");
  for (int s = 0; s < 2; ++s)
    if (!m.species(s).trap.isPower()) root.fail("species", fmt::format("species {} needs a power trap", s + 1));
  const double aStar = TownesProfile::standard().aStar();
  const auto& z1 = m.species(0).trap.centre();
  const auto& z2 = m.species(1).trap.centre();
  const bool same = std::hypot(z1[0] - z2[0], z1[1] - z2[1]) == 0;
  OpenCasesConfig cfg{kind, m, std::nullopt, {}, {}, {}};
  if (kind == "cross_term") {
    CrossTermOptions& o = cfg.cross_term;
    o.solver = gs.solver;
    o.distances = study.numbers("distances", o.distances, Range::positive());
    if (o.distances.empty()) study.fail("distances", "must not be empty");
    o.separations = study.numbers("separations", o.separations, Range::positive());
    o.separation_distance = study.number("separation_distance", o.separation_distance, Range::positive());
    o.compare_above = study.number("compare_above", o.compare_above, Range::nonNegative());
    o.box_factor = study.number("box_factor", o.box_factor, Range{16.0, 400.0});
    o.points_per_length = study.number("points_per_length", o.points_per_length, Range{4.0, 64.0});
    o.relaxation.full_below = study.number("full_below", o.relaxation.full_below, Range::nonNegative());
    try {
      cfg.path.emplace(BlowupPath::Kind::Theorem3, m);
    } catch (const InputError& e) {
      study.fail("case", e.what());
    }
    for (size_t i = 0; i < o.distances.size(); ++i) {
      try {
        cfg.path->requireDistance(o.distances[i]);
      } catch (const InputError& e) {
        study.fail(fmt::format("distances[{}]", i), e.what());
      }
    }
    if (!o.separations.empty()) {
      try {
        cfg.path->requireDistance(o.separation_distance);
      } catch (const InputError& e) {
        study.fail("separation_distance", e.what());
      }
    }
  } else if (kind == "coincident") {
    CoincidentOptions& o = cfg.coincident;
    o.solver = gs.solver;
    if (!same) study.fail("case", "\"coincident\" needs one trap centre (species[].trap.center equal)");
    if (!(m.coupling(0, 1) < 0)) study.fail("case", "\"coincident\" needs a12 < 0 (the case left open after M Theorem 3)");
    o.distances = study.numbers("distances", o.distances, Range{0.0, 1.0, true, true});
    if (o.distances.empty()) study.fail("distances", "must not be empty");
    o.split_widths = study.numbers("split_widths", o.split_widths, Range::positive());
    o.one_centred_width = study.number("one_centred_width", o.one_centred_width, Range{0.0, 40.0});
    o.box_factor = study.number("box_factor", o.box_factor, Range{16.0, 400.0});
    o.points_per_length = study.number("points_per_length", o.points_per_length, Range{4.0, 64.0});
  } else {
    WindowOptions& o = cfg.window;
    o.solver = gs.solver;
    if (!same) study.fail("case", "\"window\" needs one trap centre (species[].trap.center equal)");
    for (int s = 0; s < 2; ++s)
      if (!(m.coupling(s, s) > 0 && m.coupling(s, s) < aStar))
        root.fail("species", fmt::format("\"window\" needs 0 < a_{} < a_* = {:.12g}", s + 1, aStar));
    o.a12 = study.numbers("a12", o.a12, Range::positive());
    o.count = static_cast<int>(study.integer("count", o.count, Range{2, 200}));
    o.bisections = static_cast<int>(study.integer("bisections", o.bisections, Range{0, 30}));
    o.max_regrids = static_cast<int>(study.integer("max_regrids", o.max_regrids, Range{1, 40}));
    o.max_scale = study.number("max_scale", o.max_scale, Range{2.0, 1e4});
    o.box_max = study.number("box_max", o.box_max, Range{4.0, 200.0});
    o.box_factor = study.number("box_factor", o.box_factor, Range{16.0, 400.0});
    o.points_per_length = study.number("points_per_length", o.points_per_length, Range{4.0, 64.0});
  }
  study.finish();
  root.finish();
  return cfg;
}

}  // namespace cbec
