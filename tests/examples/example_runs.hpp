#pragma once
// Shared by test_example_configs.cpp and test_example_configs_slow.cpp: run an example configuration
// (examples/<name>.toml) through the `cbec` command its name begins with, and read its JSON summary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

#include "../support/cli_runner.hpp"

namespace cbec::testing {

inline std::string examplePath(const std::string& name) {
  return std::string(CBEC_SOURCE_DIR) + "/examples/" + name + ".toml";
}

/// `cbec <command> examples/<name>.toml --json`, where <command> is the name up to its first '-'.
inline nlohmann::json runExample(const std::string& name) {
  const std::string command = name.substr(0, name.find('-'));
  const CliRun r = runCbec(command + " " + examplePath(name) + " --json");
  EXPECT_EQ(r.status, 0) << name << ": " << r.err;
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << name << ": stdout is not JSON: " << r.out.substr(0, 300);
  return j;
}

/// A blow-up scan: every point converged, E/E_predicted → 1 at the smallest distance, the fitted
/// exponent of E ~ d^κ within 1e-3 of the theorem's.
inline void expectBlowupTheorem(const nlohmann::json& j) {
  ASSERT_TRUE(j.contains("points"));
  for (const auto& p : j["points"]) EXPECT_TRUE(p["converged"].get<bool>()) << p["distance"];
  EXPECT_NEAR(j["points"].back()["ratio"].get<double>(), 1.0, 1e-6);
  EXPECT_NEAR(j["fitted_exponent"].get<double>(), j["expected_exponent"].get<double>(), 1e-3);
}

}  // namespace cbec::testing
