// Demo section: many-body ground-state energies E_N^Q of a two-species mixture against the Hartree energy
// (M 2.12, 3.17) and the Bogoliubov correction.
#include "demo_sections.hpp"

#include <cbec/drivers/manybody.hpp>

#include <Eigen/Dense>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cbec::drivers {

std::string twoPlusTwoSpecies() {
  return R"(
[[species]]
name = "A"
particles = 2
a = 3.0
[[species]]
name = "B"
particles = 2
a = 2.0
[coupling]
a12 = 1.5
)";
}

namespace {

/// The mixture of examples/manybody-sweep.toml (docs/manybody.md): 2D, β = 0, a = (3, 2), a12 = 1.5,
/// N_A = N_B = N/2, six oscillator modes per species.
std::string mixtureConfig(bool quick) {
  return fmt::format(R"(
[model]
dimension = 2
interaction = "hartree"
profile = "gaussian"
beta = 0.0
{}[basis]
shells = 2
[grid]
hartree = false
[sweep]
N = [{}]
shells = 2
)", twoPlusTwoSpecies(), quick ? "4, 6, 8, 10, 12" : "4, 6, 8, 10, 12, 14");
}

/// The value at 1/N = 0 of the polynomial of degree `degree` in 1/N through the last degree + 1 points.
double extrapolateInverseN(const std::vector<double>& N, const std::vector<double>& g, int degree) {
  const int n = degree + 1, first = static_cast<int>(N.size()) - n;
  Eigen::MatrixXd A(n, n);
  Eigen::VectorXd b(n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) A(i, j) = std::pow(1.0 / N[first + i], j);
    b(i) = g[first + i];
  }
  return A.fullPivLu().solve(b)(0);
}

void runSection(const DemoParameters& p, const RunOptions& run, DemoSectionReport& r) {
  ManybodyConfig cfg = readManybodyConfig(ConfigTable::parseString(mixtureConfig(p.quick), "<demo: manybody>"));
  RunOptions quiet;
  quiet.threads = run.threads;
  const ManybodyRun mb = manybody(cfg, quiet);
  std::vector<double> N, gap, scaled, dims;
  for (const ManybodySweepPoint& q : mb.sweep) {
    N.push_back(q.N);
    gap.push_back(q.difference);
    scaled.push_back(q.N * q.difference);
    dims.push_back(static_cast<double>(q.dimension));
  }
  const double minusEB = -mb.sweep.back().e_B;
  const size_t last = N.size() - 1;

  // (M 2.12) upper bound: the Hartree product state lies in the same Fock space.
  const double smallest = *std::min_element(gap.begin(), gap.end());
  DemoRow upper = absoluteRow(fmt::format("E^H − E_N^Q > 0 (N = {:g}…{:g})", N.front(), N.back()),
                              "M (2.12), upper bound", 0.0, smallest, 0.0);
  upper.paper = "E_N^Q ≤ E^H";
  upper.agrees = smallest > 0;
  upper.deviation = std::max(0.0, -smallest);
  upper.agreement = fmt::format("min over N of E^H − E_N^Q = {:.3e} > 0", smallest);
  r.rows.push_back(upper);

  // (M 3.17) lower bound E^H − E_N^Q ≤ C N^{2β−1}: the local exponent between the last two N.
  const double exponent = std::log(gap[last] / gap[last - 1]) / std::log(N[last] / N[last - 1]);
  DemoRow rate = absoluteRow(fmt::format("local exponent of E^H − E_N^Q in N (N = {:g}, {:g}), β = 0", N[last - 1],
                                         N[last]),
                             "M (3.17), lower bound", -1.0, exponent, 0.0);
  rate.paper = "bound N^(2β−1): exponent ≤ −1";
  rate.agrees = exponent <= -1.0;
  rate.deviation = std::max(0.0, exponent + 1.0);
  rate.agreement = "within the bound (the gap is −e_B/N + O(N⁻²): the exponent tends to −1 from below)";
  r.rows.push_back(rate);

  // Bogoliubov: N(E^H − E_N^Q) → −e_B; extrapolated in 1/N (quadratic through the last three N), with the
  // difference from the linear extrapolation (last two N) as its uncertainty.
  const double quadratic = extrapolateInverseN(N, scaled, 2), linear = extrapolateInverseN(N, scaled, 1);
  const double uncertainty = std::abs(quadratic - linear) / minusEB;
  DemoRow bog = relativeRow(fmt::format("N(E^H − E_N^Q) extrapolated to N → ∞ (N = {:g}…{:g}) against −e_B",
                                        N[last - 2], N[last]),
                            "M (2.12) at next order: Bogoliubov", minusEB, quadratic, uncertainty);
  bog.agreement += fmt::format(" (extrapolation uncertainty {:.1e})", uncertainty);
  r.rows.push_back(bog);

  r.text = fmt::format(
      "H_N of (M 1.1) for two species in the plane (harmonic traps, a = (3, 2), a12 = 1.5, Gaussian pair "
      "potential of fixed range, β = 0, N_A = N_B = N/2) in the six oscillator modes of shells ≤ 2 per species: "
      "E_N^Q = N⁻¹ inf spec H_N by Lanczos on the even Fock sector (dimension up to {:g}), E^H and the "
      "Bogoliubov energy e_B = {:.6e} in the same modes, so the three differ by physics only. The paper bounds "
      "E^H − C N^(2β−1) ≤ E_N^Q ≤ E^H (M 2.12, 3.17); at next order E_N^Q = E^H + e_B/N + O(N⁻²), and "
      "N(E^H − E_N^Q) = {} for N = {} approaches −e_B = {:.6e}.",
      dims.back(), -minusEB, fmt::join([&] {
        std::vector<std::string> v;
        for (double s : scaled) v.push_back(fmt::format("{:.4e}", s));
        return v;
      }(), ", "), fmt::join(N, ", "), minusEB);
  r.data = {{"N", N},   {"gap", gap}, {"scaled", scaled}, {"minus_e_B", minusEB}, {"extrapolated", quadratic},
            {"dimension", dims}, {"exponent", exponent}};
  r.figures.push_back({"manybody.png", "N(E^H − E_N^Q) against 1/N with the Bogoliubov limit −e_B (left); "
                                       "E^H − E_N^Q against N with the slope −1 of (M 3.17) (right)."});
}

}  // namespace

DemoSection manybodySection() {
  return {"manybody", "Many-body energies: E_N^Q against Hartree and Bogoliubov (M 2.12, 3.17)", runSection, "many-body (exact diagonalisation)"};
}

}  // namespace cbec::drivers
