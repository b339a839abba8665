// The mean-field flow on a grid (mean_field_flow.hpp): the 2D lens identity, measured orders, conservation
// under error control, and the toy model's radial reduction against the full 3D grid.
#include <cbec/dynamics/adaptive_stepper.hpp>
#include <cbec/dynamics/fragmented_toy_evolution.hpp>
#include <cbec/dynamics/mean_field_flow.hpp>
#include <cbec/dynamics/toy_grid.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

using namespace cbec;

namespace {

ComplexState gaussian2d(const Grid& g) {
  ComplexField u(g.shape());
  std::array<double, 3> x{};
  for (size_t i = 0; i < g.size(); ++i) {
    g.point(i, x.data());
    u[i] = std::exp(-(x[0] * x[0] + x[1] * x[1]) / 2) / std::sqrt(M_PI);
  }
  return {u};
}

ComplexState evolve(MeanFieldFlow& f, ComplexState u, double t, int n, const SplittingScheme& s) {
  for (int k = 0; k < n; ++k) f.step(u, t / n, s);
  return u;
}

}  // namespace

TEST(MeanFieldFlow, LensIdentityOf2DCubicNLSInAHarmonicTrap) {
  // i∂u = (−Δ + |x|² − a|u|²)u in 2D, E = ∫|∇u|² + ∫|x|²ρ − (a/2)∫ρ². Virial: d⟨|x|²⟩/dt = 2⟨D⟩ with
  // D = x·p + p·x, and d⟨D⟩/dt = 4∫|∇u|² − 4∫|x|²ρ − 2a∫ρ² = 4(E − 2⟨|x|²⟩) (the cubic term is L²-critical in
  // 2D: −x·∇(−aρ) integrates to exactly the E share). So ⟨|x|²⟩'' = 8E − 16⟨|x|²⟩, and for a real initial
  // state (⟨D⟩(0) = 0) with ⟨|x|²⟩(0) = 1:  ⟨|x|²⟩(t) = E/2 + (1 − E/2) cos 4t.
  const double a = 3.0;
  Grid g(2, 64, 16.0);
  for (LinearPart lp : {LinearPart::ExactHarmonic, LinearPart::Kinetic}) {
    Hamiltonian H(Mixture::singleSpecies(2, a, 2.0), g, 1, false);
    MeanFieldFlow f(H, lp);
    ComplexState u = gaussian2d(g);
    const double E = f.energy(u);
    EXPECT_NEAR(E, 2 - a / (4 * M_PI), 1e-12);
    double t = 0;
    for (double tEnd : {0.4, 1.1}) {
      u = evolve(f, u, tEnd - t, 200, SplittingScheme::blanesMoan());
      t = tEnd;
      EXPECT_NEAR(f.secondMoments(u)[0], E / 2 + (1 - E / 2) * std::cos(4 * t), 1e-10) << "t = " << t;
      EXPECT_NEAR(f.norms(u)[0], 1.0, 1e-13);
    }
  }
}

TEST(MeanFieldFlow, MeasuredOrderOfEachSplittingOnTheGrid) {
  Grid g(2, 48, 16.0);   // box edge e^{-32}: the chirps of the exact flow see no truncated tail
  Hamiltonian H(Mixture::singleSpecies(2, 2.0, 2.0), g, 1, false);
  MeanFieldFlow f(H, LinearPart::ExactHarmonic);
  const double t = 0.5;
  ComplexState ref = evolve(f, gaussian2d(g), t, 200, SplittingScheme::yoshida6());
  struct Case { SplittingScheme s; int n; };
  for (const auto& c : {Case{SplittingScheme::strang(), 20}, Case{SplittingScheme::yoshida4(), 16},
                        Case{SplittingScheme::blanesMoan(), 16}, Case{SplittingScheme::yoshida6(), 16},
                        Case{SplittingScheme::blanesMoan6(), 16}}) {
    double e1 = f.distance(evolve(f, gaussian2d(g), t, c.n, c.s), ref);
    double e2 = f.distance(evolve(f, gaussian2d(g), t, 2 * c.n, c.s), ref);
    double order = std::log2(e1 / e2);
    std::printf("%-12s grid errors %.3e %.3e measured order %.3f\n", c.s.name.c_str(), e1, e2, order);
    EXPECT_NEAR(order, c.s.order, 0.3) << c.s.name;
  }
}

TEST(MeanFieldFlow, ConservationToTheRequestedTolerance) {
  Grid g(2, 32, 12.0);
  Hamiltonian H(Mixture::singleSpecies(2, 4.0, 2.0), g, 1, false);
  MeanFieldFlow f(H, LinearPart::Kinetic);
  ComplexState u = gaussian2d(g);
  const double E0 = f.energy(u);
  for (double tol : {1e-7, 1e-10}) {
    ComplexState v = u;
    double t = 0, tau = 0.01;
    StepCounts counts;
    auto step = [&](ComplexState& w, double h) { f.step(w, h, SplittingScheme::blanesMoan()); };
    auto dist = [&](const ComplexState& a, const ComplexState& b) { return f.distance(a, b); };
    advance(v, t, 2.0, tau, StepControl{tol, 4}, step, dist, counts);
    double drift = std::abs(f.energy(v) - E0) / std::abs(E0);
    std::printf("tolerance %.0e: %ld steps, energy drift %.2e, norm drift %.2e\n", tol, counts.accepted, drift,
                std::abs(f.norms(v)[0] - 1));
    EXPECT_LT(drift, 10 * tol);
    EXPECT_NEAR(f.norms(v)[0], 1.0, 1e-13);
  }
}

TEST(MeanFieldFlow, ToyModelRadialReductionAgreesWithThe3DGrid) {
  FragmentedToyModel model{4.0, {0.5, 0.5}, RadialPotential::gaussian(2.0, 1.0)};
  Grid g(3, 32, 14.0);
  auto H = toyHamiltonian(model, g);
  MeanFieldFlow f(*H, LinearPart::ExactHarmonic);
  auto phi0 = g.sample([](const double* x) { return std::pow(M_PI, -0.75) * std::exp(-(x[0]*x[0] + x[1]*x[1] + x[2]*x[2]) / 2); });
  ComplexField u0(g.shape());
  for (size_t i = 0; i < g.size(); ++i) u0[i] = phi0[i];
  ComplexState u{u0};
  const std::vector<double> times{0.3, 0.6};
  ToyEvolutionOptions opt;
  opt.scheme = SplittingScheme::blanesMoan();
  auto radial = evolveFragmentedToy(model, times, opt);
  double t = 0;
  for (size_t m = 0; m < times.size(); ++m) {
    u = evolve(f, u, times[m] - t, 80, SplittingScheme::blanesMoan());
    t = times[m];
    const ToySnapshot& s = radial.snapshots[m];
    double overlap = std::norm(f.overlaps(ComplexState{u0}, u)[0]);
    std::printf("t = %.2f: <r²> grid %.12f radial %.12f; |<φ0,φt>|² grid %.12f radial %.12f\n", t,
                f.secondMoments(u)[0], s.x2, overlap, s.overlap);
    EXPECT_NEAR(f.secondMoments(u)[0], s.x2, 1e-9);
    EXPECT_NEAR(overlap, s.overlap, 1e-9);
    EXPECT_NEAR(f.energy(u) - 1.5 * model.nu, s.energy, 1e-9);
    EXPECT_GT(1 - s.overlap, 1e-4);   // nontrivial
  }
}
