// bench_manybody: throughput of the matrix-free Fock-space product y = H x (fock_hamiltonian.hpp).
// Prints per case: sector dimension D, measured connected states per row (nnz, sampled), time per H·v,
// states per second, and the memory-bandwidth bound of H·v: each row reads nnz entries of x at scattered
// positions and writes one y entry, so at bandwidth B it takes at least (8·nnz + 8) bytes (x in cache)
// and at most (64·nnz + 8) bytes (one cache line per x entry) → rows/s ≤ B / bytes. Memory per state of
// a Lanczos run with ncv Krylov vectors: 8·(ncv + 2) bytes (+ 16 bytes per species state) → the largest D
// in 24 GB. B is measured here by a STREAM-like triad a = b + s·c over 3×64 MB (24 bytes per element moved),
// unless given as argv[1].
//
// Stored operator (FockHamiltonian::assemble, CSR): a row streams 12 bytes per non-zero (value + 32-bit column)
// and 16 bytes of row start and y, and gathers x: (12 + 8)·nnz + 16 bytes with x in cache, so
// rows/s ≤ B / (20·nnz + 16); the fraction of that bound reached is printed.
#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/manybody/mixture_modes.hpp>

#include <fmt/format.h>

#include <chrono>
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <vector>

using namespace cbec;

namespace {

Mixture model(int species, int N) {
  std::vector<Species> sp;
  for (int s = 0; s < species; ++s) {
    Species x;
    x.name.assign(1, s ? 'B' : 'A');   // (GCC 12 -Wrestrict false positive on = "A")
    x.fraction = 1.0 / species;
    x.a = s ? 2.0 : 3.0;
    x.trap = Trap::power(2.0, {0.0, 0.0});
    sp.push_back(x);
  }
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(species, species);
  if (species == 2) c(0, 1) = c(1, 0) = 1.5;
  return Mixture(2, sp, c, PairInteraction::hartree(std::make_shared<GaussianProfile>(), N, 0.0),
                 PairScaling::NMinusOne, N);
}

double seconds(const std::chrono::steady_clock::time_point& t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// Bytes per second of the triad a = b + s·c (best of 5).
double triadBandwidth() {
  const std::size_t n = 8u << 20;
  std::vector<double> a(n, 0.0), b(n, 1.0), c(n, 2.0);
  double best = 0;
  for (int rep = 0; rep < 5; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + 0.5 * c[i];
    best = std::max(best, 24.0 * n / seconds(t0));
  }
  if (a[n / 2] != 2.0) std::abort();
  return best;
}

void run(const char* name, int species, std::vector<int> particles, int shells, double bandwidth, int threads,
         std::optional<int> maxQuanta = std::nullopt, double scale = 1.0) {
  int N = 0;
  for (int n : particles) N += n;
  FockHamiltonian H(mixtureModeHamiltonian(model(species, N), particles, shells, maxQuanta, scale).model);
  const std::size_t D = H.dimension();
  std::vector<double> x(D, 1.0), y(D);
  // nnz per row, sampled on 8 rows through H e_r (H symmetric: column r = row r)
  double nnz = 0;
  const int samples = D > 200000 ? 2 : 8;
  for (int s = 0; s < samples; ++s) {
    std::vector<double> e(D, 0.0);
    e[(D * s) / samples] = 1.0;
    H.apply(e.data(), y.data());
    for (double v : y) nnz += v != 0.0;
  }
  nnz /= samples;
  const auto t0 = std::chrono::steady_clock::now();
  int reps = 0;
  while (reps < 3 || seconds(t0) < 1.0) {
    applyParallel(H, x.data(), y.data(), threads);
    ++reps;
  }
  const double t = seconds(t0) / reps;
  const double boundHot = bandwidth / (8 * nnz + 8), boundCold = bandwidth / (64 * nnz + 8);
  fmt::print("{:<34} D {:>9}  nnz/row {:>7.1f}  H·v {:>9.4f} s  {:>10.3e} states/s  bound {:.2e}..{:.2e}  "
             "({:.1f}% of the cold bound)\n",
             name, D, nnz, t, D / t, boundCold, boundHot, 100 * (D / t) / boundCold);
  const auto a0 = std::chrono::steady_clock::now();
  if (!H.assemble(8e9)) return;
  const double ta = seconds(a0);
  const double stored = double(H.nonZeros()) / D;
  const auto t1 = std::chrono::steady_clock::now();
  reps = 0;
  while (reps < 3 || seconds(t1) < 1.0) {
    applyParallel(H, x.data(), y.data(), threads);
    ++reps;
  }
  const double tc = seconds(t1) / reps, bound = bandwidth / (20 * stored + 16);
  fmt::print("{:<34} stored: {:.3g} B/state, assembly {:.3f} s, H·v {:>9.4f} s  {:>10.3e} states/s, {:.1f}x matrix-free, "
             "{:.0f}% of the CSR bound {:.2e}\n",
             "", 12 * stored + 8, ta, tc, D / tc, t / tc, 100 * (D / tc) / bound, bound);
}

}  // namespace

int main(int argc, char** argv) {
  const double B = argc > 1 ? std::atof(argv[1]) : triadBandwidth();
  const int threads = argc > 2 ? std::atoi(argv[2]) : 1;
  const int ncv = 30;
  fmt::print("bench_manybody: bandwidth {:.1f} GB/s, {} thread(s); Lanczos memory {} bytes/state → largest D in 24 GB "
             "≈ {:.2e}\n", B / 1e9, threads, 8 * (ncv + 2), 24e9 / (8.0 * (ncv + 2)));
  run("1 species, N=20, shells 2", 1, {20}, 2, B, threads);
  run("1 species, N=6, shells 4", 1, {6}, 4, B, threads);
  run("2 species, 5+5, shells 2", 2, {5, 5}, 2, B, threads);
  run("2 species, 2+2, shells 5", 2, {2, 2}, 5, B, threads);
  run("2 species, 2+2, K = 14, scale 1.5", 2, {2, 2}, 14, B, threads, 14, 1.5);
  run("2 species, 6+6, K = 10, scale 1.25", 2, {6, 6}, 10, B, threads, 10, 1.25);
  return 0;
}
