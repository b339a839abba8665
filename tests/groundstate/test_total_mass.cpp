// The total-mass model (issue 22 item 1, docs/total-mass.md): ‖v1‖² + ‖v2‖² = 1 with one multiplier.
//  * E^total = min over c of the fixed-fraction energies with a_s → c_s a_s (the substitution v_s = √c_s u_s),
//    the minimum found by golden-section search over c, each point an independent per-species solve;
//  * symmetry breaking: for a12 ≤ √(a1a2) the energy is concave in c, one component vanishes;
//  * the existence threshold a12 < a_* + √((a_* − a1)(a_* − a2)) in the regime classification;
//  * the configuration: `fraction` refused with mass_constraint = "total", the key unknown elsewhere.
#include <cbec/blowup/blowup_path.hpp>
#include <cbec/config/blowup_config.hpp>
#include <cbec/config/config_table.hpp>
#include <cbec/config/evolve_config.hpp>
#include <cbec/config/groundstate_config.hpp>
#include <cbec/soliton/townes_profile.hpp>
#include <cbec/soliton/townes_regime.hpp>
#include <cbec/solver/ground_state.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <vector>

#include "../support/cli_runner.hpp"

using namespace cbec;
namespace fs = std::filesystem;

namespace {

const Grid kGrid(2, 64, 14.0);

SolverOptions tight() {
  SolverOptions o;
  o.tolerance = 1e-11;
  o.energy_tolerance = 1e-14;
  o.measure = false;
  o.keep_history = false;
  return o;
}

/// The fixed-fraction energy at c1 = c with the total-mass couplings: a_s → c_s a_s, a12 unchanged.
double fixedFraction(double c, double a1, double a2, double a12) {
  const GroundStateResult r = groundState(Mixture::twoSpecies(2, c, c * a1, (1 - c) * a2, a12), kGrid, tight());
  EXPECT_TRUE(r.converged) << "c = " << c;
  return r.energy;
}

/// Golden-section minimum of f on [lo, hi] to |Δc| ≤ tol; returns {c, f(c)}.
std::pair<double, double> goldenMinimum(const std::function<double(double)>& f, double lo, double hi, double tol) {
  const double g = 0.5 * (std::sqrt(5.0) - 1);
  double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo), f1 = f(x1), f2 = f(x2);
  while (hi - lo > tol) {
    if (f1 < f2) {
      hi = x2, x2 = x1, f2 = f1, x1 = hi - g * (hi - lo), f1 = f(x1);
    } else {
      lo = x1, x1 = x2, f1 = f2, x2 = lo + g * (hi - lo), f2 = f(x2);
    }
  }
  return f1 < f2 ? std::pair{x1, f1} : std::pair{x2, f2};
}

}  // namespace

TEST(TotalMass, EnergyIsTheMinimumOverFractionsOfTheFixedFractionEnergies) {
  const double a1 = 3, a2 = 4, a12 = 6;   // a12 > √(a1a2): E(c) not concave, an interior minimiser
  const Mixture m = Mixture::twoSpecies(2, 0.5, a1, a2, a12).withTotalMass();
  const GroundStateResult total = groundState(m, kGrid, tight());
  ASSERT_TRUE(total.converged);
  ASSERT_EQ(total.fractions.size(), 2u);
  EXPECT_NEAR(total.fractions[0] + total.fractions[1], 1.0, 1e-13);
  EXPECT_NEAR(total.mu[0], total.mu[1], 0.0);   // one multiplier
  const double c1 = total.fractions[0];
  ASSERT_GT(c1, 0.05);
  ASSERT_LT(c1, 0.95);
  const auto [cmin, emin] = goldenMinimum([&](double c) { return fixedFraction(c, a1, a2, a12); }, 0.02, 0.98, 1e-6);
  std::printf("E^total = %.15f (c1 = %.10f, %ld iterations)  min_c E^fixed = %.15f (c1 = %.10f)  difference %.2e\n",
              total.energy, c1, total.iterations, emin, cmin, total.energy - emin);
  EXPECT_NEAR(total.energy, emin, 1e-9) << "c1 (total) = " << c1 << ", argmin over c = " << cmin;
  EXPECT_LE(total.energy, emin + 1e-11);   // E^total is the infimum over c
  EXPECT_NEAR(c1, cmin, 1e-4);
  // the fixed-fraction solve at the total-mass minimiser's own fractions reproduces its energy
  EXPECT_NEAR(fixedFraction(c1, a1, a2, a12), total.energy, 1e-11);
  // identical traps (docs/total-mass.md): E^total = E^GP of one species at a = q* = max_c c·Ac, with the
  // maximiser c1* = (a12 − a2)/(2a12 − a1 − a2) = 2/5 and q* = (a12² − a1a2)/(2a12 − a1 − a2) = 24/5 here
  EXPECT_NEAR(c1, 0.4, 1e-8);
  const double single = groundState(Mixture::singleSpecies(2, 4.8), kGrid, tight()).energy;
  std::printf("E^GP(a = q* = 4.8) = %.15f  difference %.2e\n", single, total.energy - single);
  EXPECT_NEAR(total.energy, single, 1e-10);
}

TEST(TotalMass, MinimumOverFractionsWithDisplacedTraps) {
  // different profiles (traps at x = ∓0.3, unequal strengths): no reduction to one species; the check is the
  // min over c alone
  auto mixture = [](double c, double a1, double a2, double a12, bool total) {
    Species A{"A", total ? 1.0 : c, total ? a1 : c * a1, Trap::power(2.0, {-0.3, 0.0})};
    Species B{"B", total ? 1.0 : 1 - c, total ? a2 : (1 - c) * a2, Trap::power(2.0, {0.3, 0.0})};
    Eigen::MatrixXd k(2, 2);
    k << 0, a12, a12, 0;
    return Mixture(2, {A, B}, k, PairInteraction::contact(), PairScaling::NMinusOne, std::nullopt,
                   total ? MassConstraint::Total : MassConstraint::PerSpecies);
  };
  const double a1 = 2, a2 = 5, a12 = 8;
  const GroundStateResult total = groundState(mixture(0, a1, a2, a12, true), kGrid, tight());
  ASSERT_TRUE(total.converged);
  const double c1 = total.fractions[0];
  ASSERT_GT(c1, 0.05);
  ASSERT_LT(c1, 0.95);
  auto fixed = [&](double c) {
    const GroundStateResult r = groundState(mixture(c, a1, a2, a12, false), kGrid, tight());
    EXPECT_TRUE(r.converged);
    return r.energy;
  };
  const auto [cmin, emin] = goldenMinimum(fixed, 0.02, 0.98, 1e-6);
  std::printf("displaced traps: E^total = %.15f (c1 = %.10f)  min_c E^fixed = %.15f (c1 = %.10f)  difference %.2e\n",
              total.energy, c1, emin, cmin, total.energy - emin);
  EXPECT_NEAR(total.energy, emin, 1e-9);
  EXPECT_LE(total.energy, emin + 1e-11);
  EXPECT_NEAR(c1, cmin, 1e-4);
}

TEST(TotalMass, SymmetryBreakingOneComponentVanishes) {
  // a12 = 1 ≤ √(a1a2) = √8: E(c) is concave (docs/total-mass.md), the minimiser sits at c1 = 1 (a1 > a2).
  const double a1 = 4, a2 = 2, a12 = 1;
  const GroundStateResult total = groundState(Mixture::twoSpecies(2, 0.5, a1, a2, a12).withTotalMass(), kGrid, tight());
  ASSERT_TRUE(total.converged);
  std::printf("a = (4, 2), a12 = 1: c = (%.3e, %.3e), E^total = %.15f\n", total.fractions[0], total.fractions[1], total.energy);
  EXPECT_NEAR(total.fractions[0], 1.0, 1e-12);
  EXPECT_LT(total.fractions[1], 1e-12);
  const double single = groundState(Mixture::singleSpecies(2, a1), kGrid, tight()).energy;
  EXPECT_NEAR(total.energy, single, 1e-10);
  for (double c : {0.1, 0.3, 0.5, 0.7, 0.9, 0.99}) EXPECT_GT(fixedFraction(c, a1, a2, a12), total.energy + 1e-6) << c;
  // the concavity along c: the secant lies below
  const double e3 = fixedFraction(0.3, a1, a2, a12), e5 = fixedFraction(0.5, a1, a2, a12), e7 = fixedFraction(0.7, a1, a2, a12);
  EXPECT_LT(0.5 * (e3 + e7), e5);
  // the symmetric mixture breaks its symmetry as well: a1 = a2, a12 < a
  const GroundStateResult sym = groundState(Mixture::twoSpecies(2, 0.5, 3, 3, 1).withTotalMass(), kGrid, tight());
  ASSERT_TRUE(sym.converged);
  EXPECT_NEAR(std::max(sym.fractions[0], sym.fractions[1]), 1.0, 1e-12);
  EXPECT_NEAR(sym.energy, groundState(Mixture::singleSpecies(2, 3), kGrid, tight()).energy, 1e-10);
}

TEST(TotalMass, ExistenceThresholdInTheRegime) {
  const double aS = TownesProfile::standard().aStar();
  const double a1 = 3, a2 = 4;
  const double threshold = aS + std::sqrt((aS - a1) * (aS - a2));   // ≈ 19.88
  auto regime = [&](double x1, double x2, double a12) {
    return classifyRegime(Mixture::twoSpecies(2, 0.5, x1, x2, a12).withTotalMass()).regime;
  };
  EXPECT_EQ(regime(a1, a2, threshold * (1 - 1e-9)), Regime::Exists);
  EXPECT_EQ(regime(a1, a2, threshold * (1 + 1e-9)), Regime::Unbounded);
  // the fixed-fraction (c = ½) model is already unbounded there: a12 > (a_* − a1/2 − a2/2)/(2·¼) ≈ 16.40
  EXPECT_EQ(classifyRegime(Mixture::twoSpecies(2, 0.5, a1, a2, 17)).regime, Regime::Unbounded);
  EXPECT_EQ(regime(a1, a2, 17), Regime::Exists);
  // a12 ≤ max(a1, a2): the threshold is max(a1, a2) < a_*, whatever a12 ≤ max
  EXPECT_EQ(regime(aS * (1 - 1e-9), 1, 2), Regime::Exists);
  EXPECT_EQ(regime(aS * (1 + 1e-9), 1, 2), Regime::Unbounded);
  EXPECT_EQ(regime(5, aS * (1 + 1e-9), -50), Regime::Unbounded);
  EXPECT_EQ(regime(11, 11.5, -100), Regime::Exists);
  // at the threshold exactly: not attained (undetermined)
  EXPECT_EQ(classifyRegime(Mixture::twoSpecies(2, 0.5, aS, 1, 0).withTotalMass(), aS).regime, Regime::Undetermined);
  // the maximiser of c·Ac: c1 = (a12 − a2)/(2a12 − a1 − a2)
  const RegimeReport r = classifyRegime(Mixture::twoSpecies(2, 0.5, a1, a2, 25).withTotalMass());
  EXPECT_NE(r.reason.find(fmt::format("c1 = {:.6g}", (25 - a2) / (50 - a1 - a2))), std::string::npos) << r.reason;
}

TEST(TotalMass, EnergyStaysBoundedBelowTheThreshold) {
  // near the threshold the minimiser exists: E > 0 for a harmonic trap is not required, but a converged,
  // finite solve with a mixed state is (a1 = a2 = 3: threshold a_* + a_* − 3 ≈ 20.40)
  const GroundStateResult r = groundState(Mixture::twoSpecies(2, 0.5, 3, 3, 12).withTotalMass(), Grid(2, 96, 10.0), tight());
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.fractions[0], 0.5, 1e-8);   // a12 > a: the symmetric mixture is the minimiser
}

TEST(TotalMass, BlowUpTowardsTheThresholdFollowsTheOneSpeciesLaw) {
  // a = (3, 4), a12 → a_* + √((a_*−3)(a_*−4)) from below along q(a12) = a_* − d: E^total = E^GP_1(a_* − d) exactly
  // (identical traps) ≈ d^{1/2}·2Λ²/a_* (M Theorem 1 with one species, blowup_path.hpp), fractions → c1*
  const double aS = TownesProfile::standard().aStar(), a1 = 3, a2 = 4;
  const BlowupPath single(BlowupPath::Kind::Theorem1, Mixture::singleSpecies(2, 0.0, 2.0));
  const Grid grid(2, 256, 6.0);
  SolverOptions o = tight();
  o.tolerance = 1e-9;
  std::vector<double> ds{1e-2, 1e-3}, es;
  for (double d : ds) {
    const double q = aS - d;   // a12 from (a12² − a1a2)/(2a12 − a1 − a2) = q, the root above max(a1, a2)
    const double a12 = q + std::sqrt(q * q - (a1 + a2) * q + a1 * a2);
    const GroundStateResult total = groundState(Mixture::twoSpecies(2, 0.5, a1, a2, a12).withTotalMass(), grid, o);
    ASSERT_TRUE(total.converged) << d;
    const double one = groundState(single.mixtureAt(d), grid, o).energy;
    const double predicted = single.predictedEnergy(d);
    const double cStar = (a12 - a2) / (2 * a12 - a1 - a2);
    std::printf("d = %.0e: a12 = %.10f  E^total = %.12f  E^GP_1(a_*-d) = %.12f (diff %.1e)  ratio to the law %.6f  "
                "c1 = %.10f (c1* = %.10f)\n", d, a12, total.energy, one, total.energy - one, total.energy / predicted,
                total.fractions[0], cStar);
    EXPECT_NEAR(total.energy, one, 1e-9 * std::max(1.0, std::abs(one)));
    EXPECT_NEAR(total.fractions[0], cStar, 1e-7);
    EXPECT_NEAR(total.energy / predicted, 1.0, 0.05);
    es.push_back(total.energy);
  }
  const double exponent = std::log(es[1] / es[0]) / std::log(ds[1] / ds[0]);
  std::printf("exponent of E^total in d: %.6f (law 1/2)\n", exponent);
  EXPECT_NEAR(exponent, 0.5, 0.01);
}

TEST(TotalMass, ConfigurationRefusesFractionsAndForeignCommands) {
  const char* total = R"(
[model]
dimension = 2
mass_constraint = "total"
[[species]]
name = "A"
a = 3.0
[[species]]
name = "B"
a = 4.0
[coupling]
a12 = 6.0
)";
  GroundStateConfig cfg = readGroundStateConfig(ConfigTable::parseString(total));
  EXPECT_TRUE(cfg.mixture.totalMass());
  EXPECT_EQ(cfg.mixture.fraction(0), 1.0);   // the weight of the total-mass functional
  auto message = [](const std::function<void()>& f) {
    try {
      f();
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string withFraction = std::string(total).replace(std::string(total).find("a = 3.0"), 7, "a = 3.0\nfraction = 0.5");
  EXPECT_NE(message([&] { readGroundStateConfig(ConfigTable::parseString(withFraction)); }).find("species[0].fraction"),
            std::string::npos);
  const std::string scalingN = std::string(total).replace(std::string(total).find("mass_constraint"), 0,
                                                          "pair_scaling = \"N\"\nN = 10\n");
  EXPECT_NE(message([&] { readGroundStateConfig(ConfigTable::parseString(scalingN)); }).find("model.pair_scaling"),
            std::string::npos);
  const std::string bad = std::string(total).replace(std::string(total).find("\"total\""), 7, "\"sum\"");
  EXPECT_NE(message([&] { readGroundStateConfig(ConfigTable::parseString(bad)); }).find("model.mass_constraint"),
            std::string::npos);
}

TEST(TotalMass, GradientFlowAgreesWithPcg) {
  // the baseline method on the same sphere: one μ in every species' step, one normalisation of the whole state
  for (const auto& [a1, a2, a12] : {std::array{3.0, 4.0, 6.0}, std::array{4.0, 2.0, 1.0}}) {
    const Mixture m = Mixture::twoSpecies(2, 0.5, a1, a2, a12).withTotalMass();
    const GroundStateResult pcg = groundState(m, kGrid, tight());
    SolverOptions o = tight();
    o.method = Method::GradientFlow;
    o.tolerance = 1e-10;
    o.energy_tolerance = 1e-15;
    const GroundStateResult flow = groundState(m, kGrid, o);
    std::printf("a = (%g, %g), a12 = %g: gradient flow E = %.15f (%ld steps), PCG E = %.15f (%ld iterations), c1 %.10f vs %.10f\n",
                a1, a2, a12, flow.energy, flow.iterations, pcg.energy, pcg.iterations, flow.fractions[0], pcg.fractions[0]);
    ASSERT_TRUE(flow.converged);
    EXPECT_NEAR(flow.energy, pcg.energy, 1e-11);
    EXPECT_NEAR(flow.fractions[0], pcg.fractions[0], 1e-8);
    EXPECT_NEAR(flow.mu[0], flow.mu[1], 0.0);
  }
}

TEST(TotalMass, CommandWritesTheFractions) {
  const fs::path cfg = cbec::testing::writeConfigFile("gs-total", "total", R"(
[model]
dimension = 2
mass_constraint = "total"
[[species]]
name = "A"
a = 3.0
[[species]]
name = "B"
a = 4.0
[coupling]
a12 = 6.0
[grid]
points = 64
box = 14.0
)");
  const fs::path out = cbec::testing::scratchPath("gs-total", "out");
  cbec::testing::CliRun r = cbec::testing::runCbec("groundstate " + cfg.string() + " --out " + out.string());
  ASSERT_EQ(r.status, 0) << r.err;
  std::ifstream in(out / "summary.json");
  nlohmann::json j = nlohmann::json::parse(in);
  ASSERT_EQ(j["fractions"].size(), 2u);
  EXPECT_NEAR(j["fractions"][0].get<double>() + j["fractions"][1].get<double>(), 1.0, 1e-13);
  EXPECT_GT(j["fractions"][0].get<double>(), 0.05);
  EXPECT_EQ(j["mass_constraint"], "total");
  EXPECT_EQ(j["regime"], "exists");
  EXPECT_TRUE(j["converged"].get<bool>());
  EXPECT_LT(j["error_estimate"].get<double>(), 1e-8);
  double sum = j["terms"]["inter"].get<double>();
  for (int s = 0; s < 2; ++s)
    sum += j["terms"]["kinetic"][s].get<double>() + j["terms"]["trap"][s].get<double>() + j["terms"]["intra"][s].get<double>();
  EXPECT_NEAR(sum, j["energy"].get<double>(), 1e-13);
  // cbec blowup does not take the total-mass model
  const fs::path bl = cbec::testing::writeConfigFile("gs-total", "blowup", R"(
[model]
mass_constraint = "total"
[[species]]
a = 3.0
[[species]]
a = 4.0
[scan]
path = "theorem1"
)");
  cbec::testing::CliRun b = cbec::testing::runCbec("blowup " + bl.string() + " --json");
  EXPECT_EQ(b.status, 1);
  EXPECT_NE(b.err.find("model.mass_constraint"), std::string::npos) << b.err;
}
