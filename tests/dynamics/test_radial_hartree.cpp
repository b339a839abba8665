// The radial Hartree flow of the toy model (F 4.4): exact cases, conservation, measured orders of the
// splittings, and agreement with an independent solver (sine DVR + Lawson RK4) to 1e-10.
#include <cbec/dynamics/adaptive_stepper.hpp>
#include <cbec/dynamics/radial_hartree.hpp>

#include "../support/radial_reference.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

using namespace cbec;

namespace {

RadialHartreeFlow::State evolveFixed(const RadialHartreeFlow& f, RadialHartreeFlow::State v, double t, int n,
                                     const SplittingScheme& s) {
  for (int k = 0; k < n; ++k) f.step(v, t / n, s);
  return v;
}

}  // namespace

TEST(RadialOscillatorBasis, GroundStateIsTheNormalisedGaussianAndTransformIsOrthogonal) {
  RadialHartreeFlow f(1.0, PairInteraction::gaussian(0, 1), 30);
  auto phi0 = f.sample([](double r) { return std::pow(M_PI, -0.75) * std::exp(-r * r / 2); });
  EXPECT_LT((phi0 - f.ground()).norm(), 1e-13);
  const auto& Q = f.basis().transform();
  EXPECT_LT((Q * Q.transpose() - Eigen::MatrixXd::Identity(30, 30)).norm(), 1e-12);
  // the first excited s-state (3/2 − r²)e^{−r²/2} has only c_1
  auto phi1 = f.sample([](double r) { return (1.5 - r * r) * std::exp(-r * r / 2); });
  Eigen::VectorXcd c = f.basis().toCoefficients(phi1);
  EXPECT_LT((c.norm() - std::abs(c[1])) / c.norm(), 1e-13);
}

TEST(RadialHartree, LinearFlowIsExactBreathing) {
  // V = 0: ⟨r²⟩(t) = (⟨r²⟩₀ + ⟨p²⟩₀)/2 + (⟨r²⟩₀ − ⟨p²⟩₀)/2 cos(2νt) for h = (ν/2)(p² + r² − 3) and a real
  // Gaussian e^{−r²/(2s²)}: ⟨r²⟩₀ = 3s²/2, ⟨p²⟩₀ = 3/(2s²). One step of any length.
  const double s = 0.8, nu = 37.0, t = 0.913;
  RadialHartreeFlow f(nu, PairInteraction::gaussian(0, 1), 60);
  auto v = f.sample([&](double r) { return std::exp(-r * r / (2 * s * s)); });
  v /= v.norm();
  double r2 = 1.5 * s * s, p2 = 1.5 / (s * s);
  EXPECT_NEAR(f.x2(v), r2, 1e-13);
  f.step(v, t, SplittingScheme::strang());
  EXPECT_NEAR(f.x2(v), (r2 + p2) / 2 + (r2 - p2) / 2 * std::cos(2 * nu * t), 1e-12);
  EXPECT_NEAR(f.norm(v), 1.0, 1e-13);
}

TEST(RadialHartree, InitialEnergyIsHalfTheGaussianOverlapIntegral) {
  // c = ⟨φ_0, (V∗|φ_0|²)φ_0⟩ = strength (w²/(w² + 1))^{3/2};  E(0) = c/2 (⟨φ_0, h_ν φ_0⟩ = 0).
  for (double w : {0.5, 1.0, 2.0}) {
    RadialHartreeFlow f(3.0, PairInteraction::gaussian(1.7, w), 40);
    auto v = f.ground();
    double c = 1.7 * std::pow(w * w / (w * w + 1), 1.5);
    EXPECT_NEAR(f.energy(v), c / 2, 1e-13) << "width " << w;
  }
}

TEST(RadialHartree, MeasuredOrderOfEachSplitting) {
  RadialHartreeFlow f(1.0, PairInteraction::gaussian(4.0, 0.8), 30);
  const double t = 1.0;
  auto ref = evolveFixed(f, f.ground(), t, 400, SplittingScheme::yoshida6());
  struct Case { SplittingScheme s; int n; };
  for (const auto& c : {Case{SplittingScheme::strang(), 40}, Case{SplittingScheme::yoshida4(), 20},
                        Case{SplittingScheme::blanesMoan(), 16}, Case{SplittingScheme::yoshida6(), 10}}) {
    double e1 = RadialHartreeFlow::distance(evolveFixed(f, f.ground(), t, c.n, c.s), ref);
    double e2 = RadialHartreeFlow::distance(evolveFixed(f, f.ground(), t, 2 * c.n, c.s), ref);
    double order = std::log2(e1 / e2);
    std::printf("%-12s errors %.3e %.3e measured order %.3f\n", c.s.name.c_str(), e1, e2, order);
    EXPECT_NEAR(order, c.s.order, 0.25) << c.s.name << " errors " << e1 << " " << e2;
  }
}

TEST(RadialHartree, ConservationUnderTheAdaptiveScheme) {
  RadialHartreeFlow f(10.0, PairInteraction::gaussian(3.0, 1.0), 40);
  auto v = f.ground();
  double E0 = f.energy(v), t = 0, tau = 0.01;
  StepCounts counts;
  auto step = [&](RadialHartreeFlow::State& u, double h) { f.step(u, h, SplittingScheme::yoshida4()); };
  advance(v, t, 2.0, tau, StepControl{1e-10, 4}, step, RadialHartreeFlow::distance, counts);
  EXPECT_EQ(t, 2.0);
  EXPECT_NEAR(f.norm(v), 1.0, 1e-12);
  EXPECT_LT(std::abs(f.energy(v) - E0) / E0, 1e-8);
  EXPECT_GT(counts.accepted, 10);
}

TEST(RadialHartree, AgreesWithIndependentSolverTo1e10) {
  // Oscillator DVR + yoshida6 against sine DVR + Lawson RK4: two discretisations, two integrators.
  for (double nu : {1.0, 10.0}) {
    auto V = PairInteraction::gaussian(1.0, 1.0);
    RadialHartreeFlow f(nu, V, 40);
    cbec::testing::RadialReference ref(nu, V, 12.0, 96);
    const double t = 1.0;
    auto v = evolveFixed(f, f.ground(), t, 100, SplittingScheme::yoshida6());
    auto u = ref.evolve(ref.ground(), t, nu > 1 ? 1600 : 800);
    EXPECT_NEAR(f.x2(v), ref.x2(u), 1e-10) << "nu " << nu;
    EXPECT_NEAR(f.energy(v), ref.energy(u), 1e-10) << "nu " << nu;
    EXPECT_NEAR(f.orthogonalNorm(v), ref.orthogonalNorm(u), 1e-10) << "nu " << nu;
    EXPECT_NEAR(std::abs(f.groundOverlap(v)), std::abs(ref.groundOverlap(u)), 1e-10) << "nu " << nu;
    EXPECT_GT(f.orthogonalNorm(v), 1e-3);   // a nontrivial evolution
  }
}
