// The adaptive phase average of γ_∞^(k)(t) (F 3.15; mean_field_marginal.hpp): its error estimate
// against integrals known in closed form, and the double well's phase average against a brute-force
// uniform rule with many phases.
#include <cbec/fragmentation/trace_norm.hpp>
#include <cbec/manybody/mean_field_marginal.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace {

const std::vector<Eigen::VectorXcd> kTwoOrbitals = {Eigen::VectorXcd::Unit(2, 0), Eigen::VectorXcd::Unit(2, 1)};

cbec::PhaseTarget constantTarget(std::vector<double> target) {
  return [target](const std::vector<Eigen::MatrixXcd>&) { return target; };
}

TEST(PhaseAverage, ErrorEstimateIsAboveTheTrueErrorOfKnownIntegrals) {
  // (2π)^{-1}∫ e^{a(cos θ − 1)} dθ = e^{-a} I_0(a) (a peak of width a^{-1/2}) and
  // (2π)^{-1}∫ e^{i a sin θ} dθ = J_0(a) (a oscillations): one "time" per a, loose to tight targets.
  const std::vector<double> as = {1.0, 30.0, 300.0};
  auto f = [&](double theta) {
    std::vector<Eigen::MatrixXcd> out;
    for (double a : as) {
      Eigen::MatrixXcd m(2, 2);
      m << std::exp(a * (std::cos(theta) - 1)), 0.0, 0.0, std::polar(1.0, a * std::sin(theta));
      out.push_back(m);
    }
    return out;
  };
  // The start has to sample the bandwidth (a = 300: 64 panels, 960 phases, ~3 per oscillation).
  for (double target : {1e-2, 1e-4, 1e-7, 1e-10}) {
    const auto r = cbec::adaptivePhaseAverage(f, constantTarget(std::vector<double>(as.size(), target)),
                                              {.initialPanels = 64});
    EXPECT_FALSE(r.capped) << target;
    for (std::size_t q = 0; q < as.size(); ++q) {
      const double a = as[q];
      Eigen::MatrixXcd exact(2, 2);
      exact << std::exp(-a) * std::cyl_bessel_i(0.0, a), 0.0, 0.0, std::cyl_bessel_j(0.0, a);
      const double trueError = cbec::traceNorm(Eigen::MatrixXcd(r.gamma[q] - exact));
      EXPECT_LE(trueError, r.quadratureError[q] + 1e-14) << "a = " << a << " target " << target;
      EXPECT_LE(r.quadratureError[q], target) << "a = " << a;
    }
  }
  // A cap below what the target needs: stopped, reported as such, and the estimate still bounds the error.
  const auto capped = cbec::adaptivePhaseAverage(f, constantTarget({1e-12, 1e-12, 1e-12}), {.maxPhases = 300});
  EXPECT_FALSE(capped.quadratureError.empty());
  EXPECT_TRUE(capped.capped);
  EXPECT_LE(capped.phases, 300);
  const double exact300 = std::cyl_bessel_j(0.0, 300.0);
  EXPECT_GT(capped.quadratureError[2], 1e-12);
  EXPECT_LE(std::abs(capped.gamma[2](1, 1) - exact300), capped.quadratureError[2]);
}

TEST(PhaseAverage, StrongDoubleWellAgreesWithAManyPhaseTrapezoidRule) {
  // Gap 1, U = 4, n = (½, ½): the initial circle of phases crosses the separatrix of the Josephson
  // flow, so the integrand sharpens with t. At t ≤ 2 the uniform rule with 1024 phases has converged
  // (it agrees with 512 phases to 1e-10) and serves as the reference. Flows to 1e-10 per unit time.
  const cbec::FewModeModel H = cbec::doubleWellModes(1.0, 4.0);
  const std::vector<double> times = {0.0, 1.0, 2.0};
  const auto ref = cbec::phaseAveragedMarginals(H, kTwoOrbitals, {0.5, 0.5}, 1, times, 1024, 1e-10);
  for (std::size_t q = 0; q < times.size(); ++q) EXPECT_LT(ref.quadratureError[q], 1e-10) << times[q];
  for (double target : {1e-3, 1e-7}) {
    const auto r = cbec::adaptivePhaseAveragedMarginals(H, kTwoOrbitals, {0.5, 0.5}, 1, times,
                                                        constantTarget({target, target, target}), {.tol = 1e-10});
    EXPECT_FALSE(r.capped);
    EXPECT_LT(r.phases, 1024);
    for (std::size_t q = 0; q < times.size(); ++q) {
      const double trueError = cbec::traceNorm(Eigen::MatrixXcd(r.gamma[q] - ref.gamma[q]));
      EXPECT_LE(r.quadratureError[q], target) << times[q];
      EXPECT_LT(r.flowError[q], 1e-8) << times[q];
      EXPECT_LE(trueError, r.quadratureError[q] + r.flowError[q] + 1e-10) << "t = " << times[q] << " target " << target;
    }
  }
  // t = 0: γ_∞^(1) = diag(n_1, n_2) exactly.
  const auto r0 = cbec::adaptivePhaseAveragedMarginals(H, kTwoOrbitals, {0.3, 0.7}, 1, {0.0}, constantTarget({1e-12}));
  EXPECT_NEAR(r0.gamma[0](0, 0).real(), 0.3, 1e-14);
  EXPECT_NEAR(r0.gamma[0](1, 1).real(), 0.7, 1e-14);
  EXPECT_NEAR(std::abs(r0.gamma[0](0, 1)), 0.0, 1e-14);
}

TEST(PhaseAverage, UniformRuleMissesWhatTheAdaptiveRuleResolvesAtLongerTimes) {
  // t = 5 in the strong double well: the phases near the separatrix need a resolution that a uniform
  // rule with as many phases does not have; the adaptive rule reaches 1e-5, and its result lies within
  // its estimate of a tighter adaptive run (1e-8).
  const cbec::FewModeModel H = cbec::doubleWellModes(1.0, 4.0);
  const cbec::AdaptivePhaseOptions o{.tol = 1e-10};
  const auto tight = cbec::adaptivePhaseAveragedMarginals(H, kTwoOrbitals, {0.5, 0.5}, 1, {5.0}, constantTarget({1e-8}), o);
  ASSERT_FALSE(tight.capped);
  const auto loose = cbec::adaptivePhaseAveragedMarginals(H, kTwoOrbitals, {0.5, 0.5}, 1, {5.0}, constantTarget({1e-5}), o);
  ASSERT_FALSE(loose.capped);
  EXPECT_LE(cbec::traceNorm(Eigen::MatrixXcd(loose.gamma[0] - tight.gamma[0])), loose.quadratureError[0] + 1e-8);
  const auto uniform =
      cbec::phaseAveragedMarginals(H, kTwoOrbitals, {0.5, 0.5}, 1, {5.0}, static_cast<int>(loose.phases), 1e-10);
  EXPECT_GT(cbec::traceNorm(Eigen::MatrixXcd(uniform.gamma[0] - tight.gamma[0])), 1e-5);
}

}  // namespace
