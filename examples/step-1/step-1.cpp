// step-1: the ground state of a two-species mixture, built from C++ objects.
//
// The problem. Two species of bosons in the plane (d = 2), fractions c_1 = c_2 = 1/2, each in a
// harmonic trap V(x) = |x|², with attractive contact interactions a_1, a_2 inside each species and
// a_12 between them. In the mean-field limit the energy per particle of the product state
// u_1^{⊗N_1} ⊗ u_2^{⊗N_2} is (M 1.9, MODEL.md §2; units ħ = 2m = 1, a > 0 attractive)
//
//   E(u_1, u_2) = Σ_s c_s [ ∫|∇u_s|² + ∫V|u_s|² − (a_s/2) ∫|u_s|⁴ ] − c_1 c_2 a_12 ∫|u_1|²|u_2|²,
//
// minimised over ‖u_1‖₂ = ‖u_2‖₂ = 1. The minimiser solves the coupled Gross–Pitaevskii equations
// H_s u_s = μ_s u_s with H_s = −Δ + V − a_s|u_s|² − c_t a_12 |u_t|² (t ≠ s).
//
// Existence (M Theorem 6): a minimiser exists iff a_1, a_2 < a_* = ‖Q‖₂² ≈ 11.70 and
// a_12 < sqrt((a_*−a_1)(a_*−a_2)/(c_1c_2)); above, E is unbounded below. classifyRegime applies the
// theorem before anything is solved.
//
// What this program does:
//   1. builds Species, Trap and Mixture objects (no configuration file);
//   2. classifies the regime;
//   3. solves on an explicit periodic grid with the preconditioned conjugate gradient (PCG);
//   4. checks the 2D virial identity: under the L²-preserving dilation u ↦ λu(λx) the kinetic and
//      contact terms scale like λ² and the harmonic trap like λ^{-2}, so at a minimiser
//          kinetic + interaction = trap                                  (d/dλ E = 0 at λ = 1);
//   5. solves the same mixture with the library driver (automatic grid and a posteriori error
//      estimate: what `cbec groundstate` and `cbec.groundstate` do) and compares the energies.
#include <cbec/drivers/groundstate.hpp>
#include <cbec/model/mixture.hpp>
#include <cbec/soliton/townes_regime.hpp>
#include <cbec/solver/ground_state.hpp>

#include <cmath>
#include <cstdio>

int main() {
  using namespace cbec;
  // 1. The model: species A and B, harmonic traps centred at the origin.
  const std::vector<double> origin{0.0, 0.0};
  Species A{"A", 0.5, 3.0, Trap::power(2.0, origin)};
  Species B{"B", 0.5, 4.0, Trap::power(2.0, origin)};
  Eigen::MatrixXd a12(2, 2);
  a12 << 0.0, 2.0, 2.0, 0.0;                       // symmetric; the diagonal is ignored
  const Mixture mixture(2, {A, B}, a12);           // contact interaction (the default)
  std::printf("model: %s\n", mixture.describe().c_str());

  // 2. Existence of a minimiser (M Theorem 6).
  const RegimeReport regime = classifyRegime(mixture);
  std::printf("regime: %s (%s)\n", regime.name().c_str(), regime.reason.c_str());
  if (regime.regime != Regime::Exists) return 1;

  // 3. PCG on a 96² grid over [-6, 6)²; FFTW_ESTIMATE plans keep the set-up short.
  SolverOptions options;
  options.tolerance = 1e-10;
  options.measure = false;
  const Grid grid(2, 96, 12.0);
  const GroundStateResult r = groundState(mixture, grid, options);
  std::printf("E = %.12f  mu = (%.10f, %.10f)  residual %.1e after %ld iterations\n", r.energy, r.mu[0],
              r.mu[1], r.residual, r.iterations);

  // 4. The virial identity; the terms are weighted as in E (they sum to E).
  double kinetic = 0, trap = 0, interaction = r.terms.inter;
  for (int s = 0; s < 2; ++s) {
    kinetic += r.terms.kinetic[s];
    trap += r.terms.trap[s];
    interaction += r.terms.intra[s];
  }
  const double virial = std::abs(kinetic + interaction - trap);
  std::printf("virial: kinetic + interaction = %.12f, trap = %.12f, defect %.1e\n", kinetic + interaction, trap,
              virial);

  // 5. The driver: automatic grid and error estimate (no files: RunOptions::out_dir is empty).
  GroundStateConfig config{mixture, std::nullopt, options, {}, ""};
  const drivers::GroundStateRun run = drivers::groundstate(config);
  std::printf("driver: E = %.12f on %d² points, box %.4g, error estimate %.1e\n", run.solution.energy,
              run.grid.points(), run.grid.box(), run.error_estimate);
  const double difference = std::abs(run.solution.energy - r.energy);
  std::printf("|E(driver) - E(96²)| = %.1e\n", difference);
  // Both solves converged, the identity holds to the solver tolerance, and the two grids agree.
  return r.converged && run.solution.converged && virial < 1e-8 && difference < 1e-8 ? 0 : 1;
}
