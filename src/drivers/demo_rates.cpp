// Demo section: the 1/N rate of the mean-field limit for a fragmented condensate (F 3.14, 3.15).
#include "demo_sections.hpp"

#include <cbec/drivers/rates.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec::drivers {
namespace {

/// The double well of examples/rates-double-well.toml (two modes that differ in space), at t = 1.
std::string doubleWellConfig(bool quick) {
  return fmt::format(R"(
[model]
kind = "double_well"
gap = 1.0
interaction = 1.0
occupations = [0.5, 0.5]
[rates]
N = [{}]
times = [0.5, 1.0]
k = 1
)", quick ? "20, 40, 80, 160" : "20, 40, 80, 160, 320, 640, 1280");
}

void runSection(const DemoParameters& p, const RunOptions&, DemoSectionReport& r) {
  const RatesConfig cfg = readRatesConfig(ConfigTable::parseString(doubleWellConfig(p.quick), "<demo: double well>"));
  const RatesResult res = rates(cfg);
  const RatesSweep& s = res.sweeps.at(0);
  for (size_t t = 0; t < res.times.size(); ++t)
    r.rows.push_back(absoluteRow(fmt::format("exponent of Tr|γ_N^(1)(t) − γ_∞^(1)(t)| in N, t = {:g}", res.times[t]),
                                 "F 3.14 (rate 1/N)", -1.0, s.fitted_exponent_N[t], 0.05));
  r.text = fmt::format(
      "Exact finite-N dynamics of the fragmented state φ1^⊗N/2 ∨ φ2^⊗N/2 in a double well (two modes that differ "
      "in space, so nothing factorises), against the phase-averaged Hartree limit γ_∞^(1)(t) (F 3.15); "
      "N = {}. F Theorem 3.1 / (3.14) bound the distance by A e^{{At}}/N; the fitted exponents in N are "
      "{}.",
      fmt::join(res.N, ", "), fmt::join([&] {
        std::vector<std::string> v;
        for (double e : s.fitted_exponent_N) v.push_back(fmt::format("{:.4f}", e));
        return v;
      }(), ", "));
  Json curves = Json::array();
  for (size_t t = 0; t < res.times.size(); ++t) {
    Json ys = Json::array();
    for (size_t n = 0; n < res.N.size(); ++n) ys.push_back(s.distance[n][t]);
    curves.push_back({{"t", res.times[t]}, {"distance", ys}, {"exponent", s.fitted_exponent_N[t]}});
  }
  r.data = {{"N", res.N}, {"curves", curves}};
  r.figures.push_back({"rates.png", "Tr|γ_N^(1)(t) − γ_∞^(1)(t)| against N for the double well, with slope −1."});
}

}  // namespace

DemoSection ratesSection() { return {"rates", "Mean-field rate 1/N for a fragmented double well (F 3.14)", runSection, "many-body against Hartree"}; }

}  // namespace cbec::drivers
