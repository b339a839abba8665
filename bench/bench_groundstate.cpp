// Ground-state benchmark (issues 3, 14): wall time and FFT count to reach residual 1e-9 for the
// preconditioned nonlinear CG (pcg) against the normalised gradient flow baseline (BESP, τ = 0.1),
// same Hamiltonian, same grid, same start (Gaussians at the trap centres), same run; then the grid
// error estimate of the driver (two warm-started solves on smaller grids) after the PCG solve.
//   2D two species, c = ½,½; a = 3, 4; a12 = 2; V = |x|²: 256² and 512² on the box [-8, 8)²
//   3D one species, a = -20 (repulsive contact: attraction is supercritical in 3D; a = 0 would make the
//   Gaussian start exact), V = |x|²: 128³ on [-8, 8)³
// Also printed per case:
//   FFT floor  — the transforms the PCG solve performed (its fftCount), timed alone on the same plans
//                (-Δu applications, two transforms each, including the copies in and out), and the ratio
//                solve time / floor;
//   bytes/pt   — peak resident memory of the case (Hamiltonian, PCG solve and error estimate) above the
//                resident size before it, per grid point per species (VmHWM, reset through
//                /proc/self/clear_refs; freed heap returned by malloc_trim between cases).
// Usage: bench_groundstate [--quick] [--threads T] [--tau τ] [--no-flow] [--only3d N]
//   --only3d N: only the 3D case, at N³ (e.g. 384: issue 14's "384³ within 24 GB"; ≈ 93 B per point,
//               5 GB, minutes on 2 cores)
#include <cbec/solver/auto_grid.hpp>
#include <cbec/solver/ground_state.hpp>

#include <fmt/format.h>

#include <malloc.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <string>

using namespace cbec;

namespace {

/// A field of /proc/self/status in kB (VmRSS, VmHWM), 0 if unavailable.
long statusKb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  return 0;
}

/// Return freed heap to the system and reset the peak (VmHWM := VmRSS); the resident size in bytes.
long resetPeak() {
  malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";
  return statusKb("VmRSS") * 1024;
}

/// Seconds for `count` transforms on h's plans (-Δu applications, two transforms each).
double fftFloor(Hamiltonian& h, const State& u, long count) {
  Field out;
  const long reps = std::max(1L, count / 2);
  const auto t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < reps; ++i) h.fourier().laplacianNeg(u[i % u.size()], out);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() * count / (2.0 * reps);
}

/// A small solve and error estimate of the same kind before the measured cases, so that the code pages of
/// cbec and FFTW (several MiB, shared, not per grid point) are resident before the first VmHWM baseline.
void warmUp(const Mixture& m, int dimension, int threads) {
  SolverOptions o;
  o.threads = threads;
  o.keep_history = false;
  const Grid g(dimension, dimension == 2 ? 32 : 16, 16.0);
  const GroundStateResult r = groundState(m, g, o);
  gridErrorEstimate(m, g, r, o);
}

void printRow(const GroundStateResult& r) {
  fmt::print("  {:<14} {:>10} {:>10} {:>10.3f} {:>12.2e} {:>22.15f}{}\n", methodName(r.method), r.iterations,
             r.fft_count, r.wall_seconds, r.residual, r.energy, r.converged ? "" : "  (not converged)");
}

void compare(const std::string& label, const Mixture& m, const Grid& g, int threads, double tau, bool flow) {
  SolverOptions o;
  o.tolerance = 1e-9;
  o.energy_tolerance = 1e-9;
  o.threads = threads;
  o.progress = false;
  o.keep_history = false;
  o.max_iterations = 200000;
  o.time_step = tau;
  const long base = resetPeak();
  const double perPoint = double(g.size()) * m.speciesCount();
  fmt::print("{}\n", label);
  fmt::print("  {:<14} {:>10} {:>10} {:>10} {:>12} {:>22}\n", "method", "iterations", "FFTs", "seconds", "residual", "energy");
  GroundStateResult a, b;
  double floor = 0;
  {
    Hamiltonian f(m, g, threads, true);   // plans made once, outside the timings
    o.method = Method::PCG;
    a = groundState(f, o);
    floor = fftFloor(f, a.u, a.fft_count);
  }
  const auto t0 = std::chrono::steady_clock::now();
  const double estimate = gridErrorEstimate(m, g, a, o);   // as the groundstate driver does, plans measured
  const double estSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double peak = statusKb("VmHWM") * 1024.0 - base;
  printRow(a);
  if (flow) {
    Hamiltonian f(m, g, threads, true);
    o.method = Method::GradientFlow;
    b = groundState(f, o);
    printRow(b);
    fmt::print("  ratio gradient_flow/pcg: FFTs {:.1f}x, time {:.1f}x   |ΔE| = {:.1e}\n", double(b.fft_count) / a.fft_count,
               b.wall_seconds / a.wall_seconds, std::abs(a.energy - b.energy));
  }
  fmt::print("  pcg FFT floor {:.3f} s ({} transforms timed alone): solve/floor = {:.2f}\n", floor, a.fft_count,
             a.wall_seconds / floor);
  fmt::print("  error estimate {:.2e} in {:.3f} s (incl. planning)\n", estimate, estSeconds);
  fmt::print("  peak memory (pcg + error estimate) {:.1f} MiB above {:.1f} MiB: {:.0f} bytes per point per species\n\n",
             peak / 1048576.0, base / 1048576.0, peak / perPoint);
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false, flow = true;
  int threads = 1, only3d = 0;
  double tau = 0.1;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--no-flow")) flow = false;
    else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--tau") && i + 1 < argc) tau = std::atof(argv[++i]);
    else if (!std::strcmp(argv[i], "--only3d") && i + 1 < argc) only3d = std::atoi(argv[++i]);
    else {
      fmt::print(stderr, "bench_groundstate: unknown or incomplete option {}\n", argv[i]);
      return 1;
    }
  }
  fmt::print("bench_groundstate: residual 1e-9, threads {}, gradient-flow τ = {}\n\n", threads, tau);
  const Mixture mix = Mixture::twoSpecies(2, 0.5, 3.0, 4.0, 2.0);
  const Mixture one3d = Mixture::singleSpecies(3, -20.0);
  if (only3d > 0) {
    warmUp(one3d, 3, threads);
    compare(fmt::format("3D one species (a=-20 repulsive, V=|x|^2) {}^3, box 16", only3d), one3d,
            Grid(3, only3d, 16.0), threads, tau, flow);
    return 0;
  }
  warmUp(mix, 2, threads);
  warmUp(one3d, 3, threads);
  compare("2D two species (c=1/2,1/2; a=3,4; a12=2) 256^2, box 16", mix, Grid(2, 256, 16.0), threads, tau, flow);
  if (!quick) compare("2D two species (c=1/2,1/2; a=3,4; a12=2) 512^2, box 16", mix, Grid(2, 512, 16.0), threads, tau, flow);
  if (!quick) compare("3D one species (a=-20 repulsive, V=|x|^2) 128^3, box 16", one3d, Grid(3, 128, 16.0), threads, tau, flow);
  else compare("3D one species (a=-20 repulsive, V=|x|^2) 64^3, box 16", one3d, Grid(3, 64, 16.0), threads, tau, flow);
  return 0;
}
