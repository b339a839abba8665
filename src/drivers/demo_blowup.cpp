// Demo section: blow-up along the paths of M Theorems 1-3 and the exponent of the scale (M 2.3).
#include "demo_sections.hpp"

#include <cbec/blowup/blowup_scan.hpp>
#include <cbec/soliton/townes_profile.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec::drivers {
namespace {

using Kind = BlowupPath::Kind;

/// The settings of the theorems (as in examples/blowup-theorem*.toml): harmonic traps, p = 2.
Mixture theoremMixture(Kind kind) {
  const double aStar = TownesProfile::standard().aStar();
  const std::vector<double> origin{0.0, 0.0};
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(2, 2);
  std::vector<Species> sp;
  switch (kind) {
    case Kind::Theorem1:   // a12 > 0 fixed, a_N = c1a1 + c2a2 + 2c1c2a12 = a_* - d
      sp = {{"A", 0.5, 0.0, Trap::power(2.0, origin)}, {"B", 0.5, 0.0, Trap::power(2.0, origin)}};
      a(0, 1) = a(1, 0) = 2.0;
      break;
    case Kind::Theorem2:   // c1(a_*-a1) = c2(a_*-a2) fixed, a12 = α_* - d
      sp = {{"A", 0.4, 8.0, Trap::power(2.0, origin)},
            {"B", 0.6, aStar - (0.4 / 0.6) * (aStar - 8.0), Trap::power(2.0, origin)}};
      break;
    case Kind::Theorem3:   // a12 < 0 fixed, z1 != z2, a_i = a_* - d
      sp = {{"A", 0.5, 0.0, Trap::power(2.0, {-0.5, 0.0})}, {"B", 0.5, 0.0, Trap::power(2.0, {0.5, 0.0})}};
      a(0, 1) = a(1, 0) = -2.0;
      break;
    case Kind::Direction:   // not part of the demo (the theorems' own paths)
      throw InputError("the blow-up demo shows the paths of M Theorems 1-3");
  }
  return Mixture(2, sp, a);
}

std::string title(Kind kind) {
  switch (kind) {
    case Kind::Theorem1: return "M Theorem 1: attractive mixture, a_N = c1a1 + c2a2 + 2c1c2a12 ↗ a_*";
    case Kind::Theorem2: return "M Theorem 2: a1, a2 fixed, a12 ↗ α_*";
    default: return "M Theorem 3: repulsive a12 < 0, separated traps, a_i ↗ a_*";
  }
}

std::string text(Kind kind, const BlowupScan& s, double kappa) {
  std::string t = fmt::format(
      "Ground states on the path `{}` at d = {}, each on a grid dilated by the predicted scale ℓ "
      "(the problem is solved in blow-up variables). The theorem predicts E ≈ C d^{{p/(p+2)}} with "
      "C = {:.12g} and ℓ^{{-1}}u_i(ℓ^{{-1}}x + z_i) → Q_0 = Q/‖Q‖₂. Fitted exponent of E: {:.6f} "
      "(expected {:.6f}).",
      s.path, fmt::join([&] {
        std::vector<std::string> ds;
        for (const auto& p : s.points) ds.push_back(fmt::format("{:g}", p.distance));
        return ds;
      }(), ", "),
      s.limit_constant, s.fitted_exponent, s.expected_exponent);
  if (kind == Kind::Theorem1)
    t += fmt::format(
        "\n\n**The scale exponent.** Theorem 1 states ℓ = Λ d^{{-1/(p+2)}} (M 2.3). The scale measured from the "
        "solutions, ℓ_measured = ‖∇u‖/‖∇Q_0‖, gives ℓ ∝ d^{{-κ}} with κ = {:.6f}, against 1/(p+2) = 0.25. "
        "(The exponent 2/(p+2) printed in (M 2.9) is that of the prefactor Λ_i, not of d; κ does not test it.)",
        kappa);
  if (kind == Kind::Theorem3)
    t += "\n\nEach component concentrates at its own trap centre z_i = (∓0.5, 0); the rows give the distance "
         "of the maximum of u_i from z_i at the smallest d.";
  return t;
}

void runSection(Kind kind, const DemoParameters& p, const RunOptions& run, DemoSectionReport& r) {
  const BlowupPath path(kind, theoremMixture(kind));
  BlowupScanOptions o;
  o.distances = p.quick ? std::vector<double>{1e-2, 1e-3, 1e-4} : std::vector<double>{1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6};
  if (p.quick) {
    o.box_factor = 32.0;
    o.points_per_length = 6.0;
  }
  if (run.threads > 0) o.solver.threads = run.threads;
  o.solver.progress = false;
  o.log = run.log;
  const BlowupScan s = runBlowupScan(path, o);
  const BlowupPoint& last = s.points.back();
  std::vector<double> ds, ells;
  for (const auto& q : s.points) { ds.push_back(q.distance); ells.push_back(q.ell_measured[0]); }
  const double kappa = -asymptoticExponent(ds, ells);
  const std::string th = BlowupPath::name(kind);
  const std::string src = kind == Kind::Theorem1 ? "M Thm 1, (2.4)" : kind == Kind::Theorem2 ? "M Thm 2, (2.8)" : "M Thm 3, (2.11)";
  const double tolRatio = p.quick ? 2e-3 : 1e-4;
  r.rows.push_back(absoluteRow(th + ": exponent of E in d (fitted)", src, s.expected_exponent, s.fitted_exponent,
                               p.quick ? 5e-3 : 1e-3));
  r.rows.push_back(relativeRow(fmt::format("{}: E / (C d^(p/(p+2))) at d = {:g}", th, last.distance), src, 1.0,
                               last.ratio, tolRatio));
  for (size_t i = 0; i < last.error_L2.size(); ++i)
    r.rows.push_back(absoluteRow(fmt::format("{}: ‖ℓ⁻¹u_{}(ℓ⁻¹·+z) − Q_0‖₂ at d = {:g}", th, i + 1, last.distance),
                                 src + ", profile", 0.0, last.error_L2[i], p.quick ? 2e-2 : 2e-3));
  if (kind == Kind::Theorem1) {
    r.rows.push_back(absoluteRow("theorem1: scale exponent κ in ℓ ∝ d^(−κ), 1/(p+2)", "M Thm 1, (2.3)", 0.25, kappa, 5e-3));
  }
  if (kind == Kind::Theorem3) {
    const auto z = path.blowupPoints();
    for (size_t i = 0; i < z.size(); ++i)
      r.rows.push_back(absoluteRow(fmt::format("theorem3: |peak of u_{} − z_{}| at d = {:g}", i + 1, i + 1, last.distance),
                                   src + ", localisation", 0.0,
                                   std::hypot(last.peak[i][0] - z[i][0], last.peak[i][1] - z[i][1]), 1e-2));
  }
  r.text = text(kind, s, kappa);
  Json pts = Json::array();
  for (const auto& q : s.points)
    pts.push_back({{"d", q.distance}, {"E", q.energy}, {"predicted", q.predicted}, {"ell", q.ell[0]},
                   {"ell_measured", q.ell_measured[0]}, {"cut", q.cut[0]}, {"error_L2", q.error_L2}});
  r.data = {{"path", s.path},   {"points", pts},  {"expected_exponent", s.expected_exponent},
            {"x", s.cut_abscissae}, {"Q0", s.Q0_cut}, {"kappa", kappa}};
  r.figures.push_back({th + ".png", fmt::format("{}: E against d with the predicted law (left); rescaled "
                                                "profiles ℓ⁻¹u_1(ℓ⁻¹x) against Q_0 (right).", th)});
  if (kind == Kind::Theorem1)
    r.figures.push_back({"scale_exponent.png", "Measured scale ℓ against d with the slope 1/(p+2) (M 2.3); "
                                               "the slope 2/(p+2) for contrast."});
}

}  // namespace

DemoSection blowupSection(Kind kind) {
  return {BlowupPath::name(kind), title(kind),
          [kind](const DemoParameters& p, const RunOptions& run, DemoSectionReport& r) { runSection(kind, p, run, r); },
          "GP"};
}

}  // namespace cbec::drivers
