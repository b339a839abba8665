// Reader of the `cbec rates` configuration (rates_config.hpp).
#include <cbec/config/rates_config.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cbec {
namespace {

/// |nu|, |strength|, |gap|, |interaction| above this make the exact flow stiff beyond any Krylov step
/// (the models' energy unit is the level spacing, MODEL.md §6).
constexpr double kMaxEnergy = 1e4;
/// Peak bytes per Fock state of one exact run: the Krylov basis (maxDimension + 1 = 31 complex
/// vectors), the state, H·v and two work vectors: 16 · 35 bytes.
constexpr double kBytesPerState = 16.0 * 35;
/// Largest t·(|gap| + |U|) of the double well (the phase average's bandwidth; see readRatesConfig).
constexpr double kMaxPhaseWork = 500;
/// Largest (top level of h_ν)·t of the toy model.
constexpr double kMaxPhaseAdvance = 1e6;

std::vector<double> readOccupations(ConfigTable& model, std::size_t levels) {
  std::vector<double> n = model.numbers("occupations", std::vector<double>{0.5, 0.5}, Range{0.0, 1.0, true, true});
  if (levels && n.size() != levels) model.fail("occupations", fmt::format("needs {} entries", levels));
  if (n.size() < 2) model.fail("occupations", "needs at least two levels");
  double sum = 0;
  for (double x : n) sum += x;
  if (std::abs(sum - 1) > 1e-12) model.fail("occupations", fmt::format("must sum to 1, got {}", sum));
  return n;
}

RadialPotential readPotential(ConfigTable& p) {
  const std::string kind = p.string("kind", "gaussian", {"gaussian", "coulomb"});
  const double strength = p.number("strength", 1.0, Range{-kMaxEnergy, kMaxEnergy});
  const Range length{1e-3, 1e3};
  if (kind == "gaussian") return RadialPotential::gaussian(strength, p.number("width", 1.0, length));
  return RadialPotential::coulomb(strength, p.number("cutoff", std::nullopt, length));
}

void readRates(ConfigTable& r, RatesConfig& c) {
  for (double n : r.numbers("N", std::nullopt, Range{1.0, 1e6})) {
    if (n != std::floor(n)) r.fail("N", fmt::format("must be integers, got {}", n));
    c.N.push_back(static_cast<int>(n));
  }
  if (c.N.empty()) r.fail("N", "must not be empty");
  c.times = r.numbers("times", std::nullopt, Range{0.0, 1e4});
  if (c.times.empty()) r.fail("times", "must not be empty");
  for (std::size_t i = 1; i < c.times.size(); ++i)
    if (c.times[i] < c.times[i - 1]) r.fail("times", "must be ascending");
  c.k = static_cast<int>(r.integer("k", 1, Range{1.0, 8.0}));
  for (int N : c.N)
    if (N < c.k) r.fail("N", fmt::format("every N must be at least k = {}, got {}", c.k, N));
  c.phases = static_cast<int>(r.integer("phases", 0, Range{0.0, 65536.0}));
  if (c.phases == 1 || c.phases % 2) r.fail("phases", "must be even (or 0: adaptive)");
  c.phase_tolerance = r.number("phase_tolerance", 0.01, Range{1e-6, 0.5});
  // Default cap: about 5e5 unit-time Hartree flows in all (≈ 8 min here at 1e-10 per unit time).
  const double tEnd = std::max(1.0, c.times.back());
  c.max_phases = r.integer("max_phases", std::clamp<long long>(std::llround(5e5 / tEnd), 2000, 30000), Range{120.0, 1e7});
  c.tolerance = r.number("tolerance", 1e-10, Range{1e-15, 1e-2});
  c.max_dimension = r.number("max_dimension", 3e6, Range{1.0, 1e9});
}

}  // namespace

RatesConfig readRatesConfig(ConfigTable&& root) {
  RatesConfig c;
  ConfigTable model = root.table("model", true);
  const std::string kind = model.string("kind", std::nullopt, {"fragmented_toy", "double_well"});
  ConfigTable rates = root.table("rates", true);
  readRates(rates, c);
  if (kind == "fragmented_toy") {
    c.model = RatesConfig::Model::FragmentedToy;
    const Range nuRange{0.0, kMaxEnergy, true, false};
    const double nu = model.number("nu", 10.0, nuRange);
    c.occupations = readOccupations(model, 0);
    ConfigTable potential = root.table("potential");
    c.potential = readPotential(potential);
    potential.finish();
    ConfigTable basis = root.table("basis");
    c.shells = static_cast<int>(basis.integer("shells", 3, Range{1.0, 12.0}));
    basis.finish();
    c.nu = rates.numbers("nu", std::vector<double>{nu}, nuRange);
    if (c.nu.empty()) rates.fail("nu", "must not be empty");
  } else {
    c.model = RatesConfig::Model::DoubleWell;
    c.gap = model.number("gap", 1.0, Range{-kMaxEnergy, kMaxEnergy});
    c.interaction = model.number("interaction", 1.0, Range{-kMaxEnergy, kMaxEnergy});
    c.occupations = readOccupations(model, 2);
    c.shells = 2;
    c.nu = {0.0};
  }
  // Long times: refused where the work grows beyond reach, with the reason (INTERFACE `cbec rates`).
  const double tEnd = c.times.back();
  if (c.model == RatesConfig::Model::DoubleWell) {
    // The phase integrand's bandwidth grows like t·S (S = |gap| + |U|, the spread of the flow's
    // frequencies; near the separatrix the phases separate exponentially): the start of the adaptive
    // average alone needs 30 t S / π Hartree flows of length t.
    const double S = std::abs(c.gap) + std::abs(c.interaction);
    if (tEnd * S > kMaxPhaseWork)
      rates.fail("times", fmt::format("t = {:g} with |gap| + |interaction| = {:g} is refused: the phase average of "
                                      "the mean-field limit needs at least 30 t S / pi = {:.3g} Hartree flows of "
                                      "length t (its integrand oscillates ~t S times over the phases); t S must "
                                      "stay below {:g}", tEnd, S, 30 * tEnd * S / M_PI, kMaxPhaseWork));
  } else {
    // h_ν has levels 2ν n (n < shells): the flows and the Krylov steps grow like ν t.
    for (double nu : c.nu) {
      const double E = 2 * nu * (c.shells - 1) + std::abs(c.potential.strength());
      if (tEnd * E > kMaxPhaseAdvance)
        rates.fail("times", fmt::format("t = {:g} with nu = {:g} is refused: the largest level times t is {:.3g} "
                                        "radians (> {:g}); the Hartree/Bogoliubov flows and the Krylov steps grow "
                                        "like nu t and would not finish", tEnd, nu, tEnd * E, kMaxPhaseAdvance));
    }
  }
  for (int N : c.N) {
    const double dim = std::exp(std::lgamma(N + c.shells) -
                       std::lgamma(N + 1.0) - std::lgamma(double(c.shells)));
    if (dim > c.max_dimension)
      rates.fail("N", fmt::format("N = {} needs a Fock space of {:.3g} states with {} modes (max_dimension = {:.3g})",
                                  N, dim, c.shells, c.max_dimension));
    c.memory.push_back({kBytesPerState * dim, fmt::format("{} = {} (Fock space of {:.3g} states with {} modes, {} B/state)",
                                                          rates.path("N"), N, dim, c.shells, kBytesPerState)});
  }
  model.finish();
  rates.finish();
  root.finish();
  return c;
}

}  // namespace cbec
