// Ground-state benchmark (issue 3): wall time and FFT count to reach residual 1e-9 for the
// preconditioned nonlinear CG (pcg) against the normalised gradient flow baseline (BESP, τ = 0.1),
// same functional, same grid, same start (Gaussians at the trap centres), same run.
//   2D two species, c = ½,½; a = 3, 4; a12 = 2; V = |x|²: 256² and 512² on the box [-8, 8)²
//   3D one species, a = -20 (repulsive contact: attraction is supercritical in 3D; a = 0 would make the
//   Gaussian start exact), V = |x|²: 128³ on [-8, 8)³
// Usage: bench_groundstate [--quick] [--threads T] [--tau τ]
#include <cbec/solver/ground_state.hpp>

#include <fmt/format.h>

#include <cstring>
#include <string>

using namespace cbec;

namespace {

void compare(const std::string& label, const Mixture& m, const Grid& g, int threads, double tau) {
  SolverOptions o;
  o.tolerance = 1e-9;
  o.energy_tolerance = 1e-9;
  o.threads = threads;
  o.progress = false;
  o.keep_history = false;
  o.max_iterations = 200000;
  o.time_step = tau;
  Hamiltonian f(m, g, threads, true);   // plans made once, outside the timings
  o.method = Method::PCG;
  GroundStateResult a = groundState(f, o);
  o.method = Method::GradientFlow;
  GroundStateResult b = groundState(f, o);
  fmt::print("{}\n", label);
  fmt::print("  {:<14} {:>10} {:>10} {:>10} {:>12} {:>22}\n", "method", "iterations", "FFTs", "seconds", "residual", "energy");
  for (const auto* r : {&a, &b})
    fmt::print("  {:<14} {:>10} {:>10} {:>10.3f} {:>12.2e} {:>22.15f}{}\n", methodName(r->method), r->iterations,
               r->fft_count, r->wall_seconds, r->residual, r->energy, r->converged ? "" : "  (not converged)");
  fmt::print("  ratio gradient_flow/pcg: FFTs {:.1f}x, time {:.1f}x   |ΔE| = {:.1e}\n\n",
             double(b.fft_count) / a.fft_count, b.wall_seconds / a.wall_seconds, std::abs(a.energy - b.energy));
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  int threads = 1;
  double tau = 0.1;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--tau") && i + 1 < argc) tau = std::atof(argv[++i]);
  }
  fmt::print("bench_groundstate: residual 1e-9, FFTW threads {}, gradient-flow τ = {}\n\n", threads, tau);
  const Mixture mix = Mixture::twoSpecies(2, 0.5, 3.0, 4.0, 2.0);
  compare("2D two species (c=1/2,1/2; a=3,4; a12=2) 256^2, box 16", mix, Grid(2, 256, 16.0), threads, tau);
  if (!quick) compare("2D two species (c=1/2,1/2; a=3,4; a12=2) 512^2, box 16", mix, Grid(2, 512, 16.0), threads, tau);
  const Mixture one3d = Mixture::singleSpecies(3, -20.0);
  if (!quick) compare("3D one species (a=-20 repulsive, V=|x|^2) 128^3, box 16", one3d, Grid(3, 128, 16.0), threads, tau);
  else compare("3D one species (a=-20 repulsive, V=|x|^2) 64^3, box 16", one3d, Grid(3, 64, 16.0), threads, tau);
  return 0;
}
