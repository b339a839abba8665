// The example configurations (examples/*.toml) as a user runs them: every one is read and validated by
// its command's strict reader, and the fast ones are run through `cbec ... --json` with a physics check
// each (the long ones, blowup-theorem3, manybody-sweep, rates-toy and groundstate-separated, are in
// test_example_configs_slow.cpp, label "slow").
#include <cbec/config/blowup_config.hpp>
#include <cbec/config/bogoliubov_config.hpp>
#include <cbec/config/evolve_config.hpp>
#include <cbec/config/groundstate_config.hpp>
#include <cbec/config/manybody_config.hpp>
#include <cbec/config/open_cases_config.hpp>
#include <cbec/config/qmc_config.hpp>
#include <cbec/config/rates_config.hpp>

#include <filesystem>
#include <set>

#include "example_runs.hpp"

namespace fs = std::filesystem;
using cbec::testing::runExample;

namespace {

/// Reads and validates one example with the reader of the command its file name begins with.
void readExample(const fs::path& p) {
  const std::string name = p.stem().string(), command = name.substr(0, name.find('-'));
  cbec::ConfigTable root = cbec::ConfigTable::parseFile(p);
  if (command == "groundstate") cbec::readGroundStateConfig(std::move(root));
  else if (command == "blowup") cbec::readBlowupConfig(std::move(root));
  else if (command == "evolve") cbec::readEvolveConfig(std::move(root));
  else if (command == "manybody") cbec::readManybodyConfig(std::move(root));
  else if (command == "rates") cbec::readRatesConfig(std::move(root));
  else if (command == "bogoliubov") cbec::readBogoliubovConfig(std::move(root));
  else if (command == "qmc") cbec::readQmcConfig(std::move(root));
  else if (command == "opencases") cbec::readOpenCasesConfig(std::move(root));
  else ADD_FAILURE() << p << ": no command is named '" << command << "'";
}

/// 2T − pV + d·I = 0 (scaling u → λ^{d/2}u(λ·) of a stationary state; one power trap centred at the
/// origin, contact interactions: T ~ λ², V ~ λ^{-p}, I ~ λ^d). Independent of how the state was found.
void expectVirial(const nlohmann::json& j, int d, double p) {
  const auto& t = j["terms"];
  double T = 0, V = 0, I = t["inter"].get<double>();
  for (size_t s = 0; s < t["kinetic"].size(); ++s) {
    T += t["kinetic"][s].get<double>();
    V += t["trap"][s].get<double>();
    I += t["intra"][s].get<double>();
  }
  EXPECT_LT(std::abs(2 * T - p * V + d * I), 1e-8 * std::abs(T)) << "T " << T << " V " << V << " I " << I;
}

void expectConvergedGroundState(const nlohmann::json& j) {
  EXPECT_TRUE(j["converged"].get<bool>());
  EXPECT_LT(j["error_estimate"].get<double>(), 1e-8);
}

}  // namespace

TEST(ExampleConfigs, EveryExampleIsReadAndValidated) {
  std::set<std::string> seen;
  for (const auto& e : fs::directory_iterator(std::string(CBEC_SOURCE_DIR) + "/examples")) {
    if (e.path().extension() != ".toml") continue;
    SCOPED_TRACE(e.path().filename().string());
    EXPECT_NO_THROW(readExample(e.path()));
    seen.insert(e.path().stem().string());
  }
  for (const char* name : {"blowup-theorem1", "blowup-theorem2", "blowup-theorem3", "evolve-lens-2d", "evolve-toy",
                           "manybody-sweep", "rates-double-well", "rates-toy", "groundstate-1d"})
    EXPECT_TRUE(seen.count(name)) << name;
}

TEST(ExampleConfigs, GroundState1DQuarticTrapSatisfiesTheVirialIdentity) {
  const auto j = runExample("groundstate-1d");
  expectConvergedGroundState(j);
  expectVirial(j, 1, 4.0);
}

TEST(ExampleConfigs, GroundState3DAnisotropicSatisfiesTheVirialIdentity) {
  const auto j = runExample("groundstate-3d");
  expectConvergedGroundState(j);
  expectVirial(j, 3, 2.0);   // V = Σ ω_i² x_i² is homogeneous of degree 2 as well
}

TEST(ExampleConfigs, GroundStateTwoSpeciesSatisfiesTheVirialIdentity) {
  const auto j = runExample("groundstate-two-species");
  expectConvergedGroundState(j);
  expectVirial(j, 2, 2.0);
}

TEST(ExampleConfigs, GroundStateHartreeConvergesBelowTheNonInteractingEnergy) {
  const auto j = runExample("groundstate-hartree");
  expectConvergedGroundState(j);
  // attractive couplings: strictly below the oscillator energy 2 (d = 2, V = |x|²) of a = 0
  EXPECT_LT(j["energy"].get<double>(), 2.0);
  EXPECT_GT(j["energy"].get<double>(), 0.0);
}

TEST(ExampleConfigs, BlowupTheorem1ReachesItsLimit) { cbec::testing::expectBlowupTheorem(runExample("blowup-theorem1")); }

TEST(ExampleConfigs, BlowupTheorem2ReachesItsLimit) { cbec::testing::expectBlowupTheorem(runExample("blowup-theorem2")); }

TEST(ExampleConfigs, EvolveLensFollowsTheLensIdentity) {
  // 2D cubic NLS in |x|² from the oscillator ground state: ⟨|x|²⟩(t) = E/2 + (1 − E/2) cos 4t
  const auto j = runExample("evolve-lens-2d");
  const double E = j["observables"]["energy"][0].get<double>();
  for (size_t m = 0; m < j["times"].size(); ++m) {
    const double t = j["times"][m].get<double>();
    EXPECT_NEAR(j["observables"]["x2"][m].get<double>(), E / 2 + (1 - E / 2) * std::cos(4 * t), 1e-8) << t;
  }
  EXPECT_LT(j["drift"]["energy"].get<double>(), 1e-9);
}

TEST(ExampleConfigs, EvolveToyObeysTheInfiniteGapBound) {
  // F 3.16: sup_t Tr|γ_ν − γ_∞| ≤ C ν^{-1/2}; the first-order term gives ν^{-1} (measured −0.999)
  const auto j = runExample("evolve-toy");
  const double p = j["sweep"]["fitted_exponent_sup"].get<double>();
  EXPECT_LT(p, -0.5);
  EXPECT_NEAR(p, -1.0, 0.05);
  EXPECT_LT(j["drift"]["norm"].get<double>(), 1e-10);
  EXPECT_LT(j["drift"]["energy"].get<double>(), 1e-10);
}

TEST(ExampleConfigs, RatesDoubleWellDecaysAsOneOverN) {
  // F 3.14: Tr|γ_N^(1)(t) − γ_∞^(1)(t)| ~ 1/N at t > 0 (t = 0: both sides equal, no exponent)
  const auto j = runExample("rates-double-well");
  const auto& p = j["fitted_exponent_N"];
  EXPECT_TRUE(p[0].is_null());
  for (size_t q = 1; q < p.size(); ++q) EXPECT_NEAR(p[q].get<double>(), -1.0, 0.1) << "time index " << q;
}
