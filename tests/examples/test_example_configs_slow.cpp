// The long example configurations (15-40 s each on 2 cores), run as a user runs them, each with a
// physics check (label "slow"; the fast ones and the validation of every example are in
// test_example_configs.cpp).
#include "example_runs.hpp"

using cbec::testing::runExample;

TEST(ExampleConfigsSlow, BlowupTheorem3ReachesItsLimit) { cbec::testing::expectBlowupTheorem(runExample("blowup-theorem3")); }

TEST(ExampleConfigsSlow, GroundStateSeparatedTrapsConverges) {
  const auto j = runExample("groundstate-separated");
  EXPECT_TRUE(j["converged"].get<bool>());
  EXPECT_LT(j["error_estimate"].get<double>(), 1e-8);
}

TEST(ExampleConfigsSlow, ManybodySweepApproachesHartreeFromBelowAtTheBogoliubovRate) {
  // E_N^Q < E^H (variational, same modes) and N(E^H − E_N^Q) → −e_B (M 3.17 bound, Bogoliubov)
  const auto j = runExample("manybody-sweep");
  EXPECT_TRUE(j["converged"].get<bool>());
  const auto& s = j["sweep"];
  ASSERT_GE(s.size(), 3u);
  double previous = 1e300;
  for (const auto& p : s) {
    const double N = p["N"].get<double>(), gap = N * p["difference"].get<double>(), eB = -p["e_B"].get<double>();
    EXPECT_GT(p["difference"].get<double>(), 0.0) << N;
    EXPECT_LT(std::abs(gap - eB), previous) << "N = " << N;   // N(E^H − E^Q) + e_B shrinks
    previous = std::abs(gap - eB);
  }
  EXPECT_LT(previous, 0.25 * std::abs(s.back()["e_B"].get<double>()));
}

TEST(ExampleConfigsSlow, RatesToyDecaysAsOneOverNAndInNu) {
  const auto j = runExample("rates-toy");
  for (const auto& p : j["fitted_exponent_N"]) EXPECT_NEAR(p.get<double>(), -1.0, 0.05);
  EXPECT_NEAR(j["fitted_exponent_nu_sup"].get<double>(), -1.0, 0.05);   // ≤ −1/2 of F 3.16
}
