// Thread scaling of the PCG ground-state solve (issue 14, item 3: `--threads 2` ≥ 1.7× at 512² and 128³),
// with the two bounds that limit it on a given machine, all measured in one process, the thread counts
// interleaved round by round (minimum over the rounds, so that a transient load on the machine costs a
// round, not the figure):
//   solve      — the PCG solve of bench_groundstate (residual 1e-9, Gaussian start), plans made once
//                outside the timings, on 1 and on T threads; energies compared bit for bit
//   FFT floor  — the solve's transforms timed alone (its fftCount, as -Δu applications with their copies
//                in and out; for two species the species as one batch, as the solve runs them)
//   streaming  — a triad a = b + ½c and a sum Σ b·c over fields of the solve's size (all species), i.e.
//                what 1 and T threads can reach on pointwise passes (memory or latency bound)
// Usage: bench_threads [--threads T] [--rounds R] [--case 256|512|128|all]   (default T = 2, R = 3, 512 and 128)
#include <cbec/discretisation/parallel.hpp>
#include <cbec/solver/ground_state.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

using namespace cbec;

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

struct Case {
  std::string label;
  Mixture mixture;
  Grid grid;
};

SolverOptions options(int threads) {
  SolverOptions o;
  o.tolerance = 1e-9;
  o.energy_tolerance = 1e-9;
  o.threads = threads;
  o.progress = false;
  o.keep_history = false;
  o.method = Method::PCG;
  return o;
}

/// Seconds for `count` transforms as the solve runs them: -Δu_s for all species as one batch.
double fftFloor(Hamiltonian& h, const State& u, long count) {
  const size_t S = u.size();
  State out(S);
  const long reps = std::max(1L, count / static_cast<long>(2 * S));
  const auto t0 = Clock::now();
  for (long i = 0; i < reps; ++i)
    h.fourier().concurrently(S, [&](size_t s, FourierTransform& f) { f.laplacianNeg(u[s], out[s]); });
  return since(t0) * static_cast<double>(count) / static_cast<double>(2 * S * reps);
}

/// Seconds per pass: triad a = b + ½c and the blocked sum Σ b·c (parallel.hpp) over n points.
std::array<double, 2> streaming(int threads, size_t n) {
  std::vector<double> a(n, 1.0), b(n, 2.0), c(n, 3.0);
  const int reps = std::max<int>(3, static_cast<int>(2e7 / static_cast<double>(n)));
  auto t0 = Clock::now();
  for (int r = 0; r < reps; ++r)
    parallel::forEach(threads, n, [&](size_t i0, size_t i1) {
      for (size_t i = i0; i < i1; ++i) a[i] = b[i] + 0.5 * c[i];
    });
  const double triad = since(t0) / reps;
  volatile double sink = 0;
  t0 = Clock::now();
  for (int r = 0; r < reps; ++r)
    sink = sink + parallel::sum<1>(threads, n, [&](size_t i0, size_t i1) {
      double acc = 0;
      for (size_t i = i0; i < i1; ++i) acc += b[i] * c[i];
      return std::array<double, 1>{acc};
    })[0];
  const double dot = since(t0) / reps;
  return {triad, dot};
}

void run(const Case& k, int T, int rounds) {
  const int S = k.mixture.speciesCount();
  const size_t n = k.grid.size() * static_cast<size_t>(S);
  fmt::print("{}\n", k.label);
  Hamiltonian h1(k.mixture, k.grid, 1, true), hT(k.mixture, k.grid, T, true);
  const SolverOptions o1 = options(1), oT = options(T);
  double solve1 = 1e300, solveT = 1e300, floor1 = 1e300, floorT = 1e300;
  std::array<double, 2> str1{1e300, 1e300}, strT{1e300, 1e300};
  GroundStateResult r1, rT;
  for (int round = 0; round < rounds; ++round) {
    r1 = groundState(h1, o1);
    rT = groundState(hT, oT);
    solve1 = std::min(solve1, r1.wall_seconds);
    solveT = std::min(solveT, rT.wall_seconds);
    floor1 = std::min(floor1, fftFloor(h1, r1.u, r1.fft_count));
    floorT = std::min(floorT, fftFloor(hT, rT.u, rT.fft_count));
    const auto a = streaming(1, n), b = streaming(T, n);
    for (int j = 0; j < 2; ++j) str1[j] = std::min(str1[j], a[j]), strT[j] = std::min(strT[j], b[j]);
    fmt::print("  round {}: solve {:.3f} s / {:.3f} s, FFT floor {:.3f} s / {:.3f} s (1 / {} threads)\n", round + 1,
               r1.wall_seconds, rT.wall_seconds, fftFloor(h1, r1.u, r1.fft_count), fftFloor(hT, rT.u, rT.fft_count), T);
  }
  fmt::print("  solve      1 thread {:.3f} s, {} threads {:.3f} s: {:.2f}x   ({} iterations, {} FFTs; {} / {})\n", solve1, T,
             solveT, solve1 / solveT, r1.iterations, r1.fft_count, rT.iterations, rT.fft_count);
  fmt::print("  FFT floor  1 thread {:.3f} s, {} threads {:.3f} s: {:.2f}x\n", floor1, T, floorT, floor1 / floorT);
  fmt::print("  streaming  triad {:.2f} -> {:.2f} ms ({:.1f} -> {:.1f} GB/s): {:.2f}x;  sum {:.2f} -> {:.2f} ms: {:.2f}x\n",
             1e3 * str1[0], 1e3 * strT[0], 24e-9 * n / str1[0], 24e-9 * n / strT[0], str1[0] / strT[0], 1e3 * str1[1],
             1e3 * strT[1], str1[1] / strT[1]);
  fmt::print("  energy     {:.16g} / {:.16g}: {}\n\n", r1.energy, rT.energy,
             r1.energy == rT.energy ? "bitwise equal" : fmt::format("differ by {:.1e}", rT.energy - r1.energy));
}

}  // namespace

int main(int argc, char** argv) {
  int threads = 2, rounds = 3;
  std::string which = "default";
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc) rounds = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--case") && i + 1 < argc) which = argv[++i];
  }
  fmt::print("bench_threads: PCG to residual 1e-9 on 1 and {} threads, {} rounds interleaved (minimum)\n\n", threads,
             rounds);
  const Mixture mix = Mixture::twoSpecies(2, 0.5, 3.0, 4.0, 2.0);
  const Mixture one3d = Mixture::singleSpecies(3, -20.0);
  const std::vector<Case> cases = {
      {"2D two species (c=1/2,1/2; a=3,4; a12=2) 256^2, box 16", mix, Grid(2, 256, 16.0)},
      {"2D two species (c=1/2,1/2; a=3,4; a12=2) 512^2, box 16", mix, Grid(2, 512, 16.0)},
      {"3D one species (a=-20 repulsive, V=|x|^2) 128^3, box 16", one3d, Grid(3, 128, 16.0)}};
  const std::vector<std::string> keys = {"256", "512", "128"};
  for (size_t c = 0; c < cases.size(); ++c)
    if (which == keys[c] || which == "all" || (which == "default" && c > 0)) run(cases[c], threads, rounds);
  return 0;
}
