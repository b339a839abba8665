// step-4: real-time dynamics of an attractive condensate — the breathing mode and the Kohn orbit.
//
// The problem. One species in the plane, trap V(x) = |x|², attractive contact coupling a = 3 < a_*.
// The mean-field (Gross–Pitaevskii) flow (MODEL.md §2, units ħ = 2m = 1) is
//
//   i ∂_t u = −Δu + V u − a|u|² u,      E(u) = ∫|∇u|² + ∫V|u|² − (a/2)∫|u|⁴   (conserved, as is ‖u‖₂ = 1),
//
// started from a squeezed, displaced and kicked Gaussian u_0 = (πw²)^{-1/2} e^{−|x−X_0|²/(2w²)} e^{iP_0·x}.
// The flow is nonlinear, yet two laws hold exactly for every a, so the run has exact answers:
//
//   Kohn's theorem. The interaction is translation invariant, so the centre of mass X(t) = ∫x|u|² obeys
//   the classical equations of the trap (dX/dt = 2⟨−i∇⟩, d⟨−i∇⟩/dt = −2X):
//        X(t) = X_0 cos 2t + P_0 sin 2t.
//   The lens (virial) identity. In d = 2 the cubic nonlinearity is critical (it scales like −Δ under
//   u ↦ λu(λx)), and the virial computation closes on ⟨|x|²⟩ = ∫|x|²|u|²:
//        d²/dt² ⟨|x|²⟩ = 8E − 16⟨|x|²⟩   ⇒   ⟨|x|²⟩(t) = E/2 + (⟨|x|²⟩_0 − E/2) cos 4t + (P_0·X_0) sin 4t,
//   with ⟨|x|²⟩_0 = |X_0|² + w² and d/dt⟨|x|²⟩(0) = 4 P_0·X_0. The condensate breathes at 4, twice the
//   trap frequency, whatever a is (the pseudo-conformal symmetry behind the lens transform; F §3 uses the
//   same exact oscillator flow for its toy model).
//
// The numerics (include/cbec/dynamics/): the flow is split as A + B, each part solved exactly —
//   exact harmonic: A = −Δ + |x|² (the oscillator propagator, any step), B = −a|u|² (it keeps |u|², so
//                   u ↦ e^{ia|u|²τ}u is exact);
//   kinetic:        A = −Δ (the Fourier multiplier e^{−iτ|k|²}), B = V − a|u|²;
// composed by the Blanes–Moan scheme (order 4) with step-doubling local error control (tolerance 1e-10).
// The two splittings are two independent discretisations of the same flow: their agreement is the
// second check, next to the exact laws.
//
// What this program does:
//   1. builds the Mixture, a 64² grid on [−8, 8)², the Hamiltonian (the one place U[ρ] is assembled);
//   2. evolves u_0 with the exact-harmonic splitting to t = 1.5 (one breathing period is π/2), recording
//      E, ‖u‖, ⟨|x|²⟩ and X(t) at the output times, and compares with the two exact laws;
//   3. evolves again with the kinetic splitting and compares the two final states.
// It exits nonzero if a check fails.
#include <cbec/dynamics/grid_evolution.hpp>
#include <cbec/dynamics/initial_state.hpp>
#include <cbec/dynamics/mean_field_flow.hpp>
#include <cbec/hamiltonian/hamiltonian.hpp>
#include <cbec/model/mixture.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

namespace {

using namespace cbec;

const std::array<double, 2> X0{1.0, 0.0}, P0{0.5, 0.3};
constexpr double kWidth = 0.8;

/// X = ∫ x |u|² (a rectangle sum, spectrally accurate for a smooth, decayed field on a periodic grid).
std::array<double, 2> centreOfMass(const Grid& grid, const ComplexField& u) {
  std::array<double, 2> X{0.0, 0.0}, x{};
  for (size_t i = 0; i < u.size(); ++i) {
    grid.point(i, x.data());
    X[0] += x[0] * std::norm(u[i]);
    X[1] += x[1] * std::norm(u[i]);
  }
  return {X[0] * grid.cellVolume(), X[1] * grid.cellVolume()};
}

struct Run {
  std::vector<GridObservables> observed;
  std::vector<std::array<double, 2>> centre;
  ComplexState final;
  StepCounts steps;
};

Run evolve(const Mixture& mixture, const Grid& grid, LinearPart linear, const std::vector<double>& times) {
  Hamiltonian H(mixture, grid, /*threads=*/1, /*measure=*/false);
  MeanFieldFlow flow(H, linear);
  GridRunState start;
  start.u = gaussianInitialState(1, grid, {X0[0], X0[1]}, kWidth, {P0[0], P0[1]});
  start.initial = start.u;
  GridEvolutionOptions options;            // Blanes–Moan, local tolerance 1e-10
  GridEvolution run(flow, std::move(start), options);
  Run r;
  r.observed.push_back(run.observe());
  r.centre.push_back(centreOfMass(grid, run.state().u[0]));
  for (double t : times) {
    run.advanceTo(t);
    r.observed.push_back(run.observe());
    r.observed.back().t = t;
    r.centre.push_back(centreOfMass(grid, run.state().u[0]));
  }
  r.final = run.state().u;
  r.steps = run.state().counts;
  return r;
}

}  // namespace

int main() {
  // 1. The model and the discretisation.
  const Mixture mixture = Mixture::singleSpecies(2, 3.0, 2.0);   // d = 2, a = 3, V = |x|²
  const Grid grid(2, 64, 16.0);
  const std::vector<double> times{0.25, 0.5, 0.75, 1.0, 1.25, 1.5};

  // 2. The exact-harmonic splitting against the two exact laws.
  const Run exact = evolve(mixture, grid, LinearPart::ExactHarmonic, times);
  const double E = exact.observed.front().energy;
  const double x20 = X0[0] * X0[0] + X0[1] * X0[1] + kWidth * kWidth;
  const double PX = P0[0] * X0[0] + P0[1] * X0[1];
  std::printf("E = %.12f, <|x|^2>(0) = %.12f (exact %.12f); %ld steps (%ld rejected)\n", E, exact.observed[0].x2, x20,
              exact.steps.accepted, exact.steps.rejected);
  std::printf("%6s %18s %18s %10s %10s %10s %10s\n", "t", "<|x|^2>", "lens identity", "error", "|X - X_cl|", "E drift",
              "norm drift");
  double lensError = 0, kohnError = 0, energyDrift = 0, normDrift = 0;
  for (size_t k = 0; k < exact.observed.size(); ++k) {
    const GridObservables& o = exact.observed[k];
    const double t = k == 0 ? 0.0 : times[k - 1];
    const double lens = E / 2 + (x20 - E / 2) * std::cos(4 * t) + PX * std::sin(4 * t);
    const double Xc = X0[0] * std::cos(2 * t) + P0[0] * std::sin(2 * t);
    const double Yc = X0[1] * std::cos(2 * t) + P0[1] * std::sin(2 * t);
    const double kohn = std::hypot(exact.centre[k][0] - Xc, exact.centre[k][1] - Yc);
    lensError = std::max(lensError, std::abs(o.x2 - lens));
    kohnError = std::max(kohnError, kohn);
    energyDrift = std::max(energyDrift, std::abs(o.energy - E));
    normDrift = std::max(normDrift, std::abs(o.norm[0] - 1));
    std::printf("%6.2f %18.12f %18.12f %10.1e %10.1e %10.1e %10.1e\n", t, o.x2, lens, std::abs(o.x2 - lens), kohn,
                std::abs(o.energy - E), std::abs(o.norm[0] - 1));
  }

  // 3. A second discretisation of the same flow: the trap moves into the potential part.
  const Run kinetic = evolve(mixture, grid, LinearPart::Kinetic, times);
  Hamiltonian H(mixture, grid, 1, false);
  MeanFieldFlow flow(H, LinearPart::Kinetic);
  const double methods = flow.distance(exact.final, kinetic.final);
  std::printf("kinetic splitting: %ld steps (%ld rejected); ||u_exact(1.5) - u_kinetic(1.5)||_2 = %.1e\n",
              kinetic.steps.accepted, kinetic.steps.rejected, methods);

  // Both exact laws hold to the integrator's accuracy, E and ‖u‖ are conserved, the two splittings agree.
  const bool ok = lensError < 1e-8 && kohnError < 1e-8 && energyDrift < 1e-8 && normDrift < 1e-12 && methods < 1e-7;
  std::printf("max errors: lens %.1e, Kohn %.1e, energy %.1e, norm %.1e -> %s\n", lensError, kohnError, energyDrift,
              normDrift, ok ? "all checks pass" : "CHECK FAILED");
  return ok ? 0 : 1;
}
