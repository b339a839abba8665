// bench_manybody: throughput of the matrix-free Fock-space product y = H x (fock_hamiltonian.hpp).
// Prints per case: sector dimension D, measured connected states per row (nnz, sampled), time per H·v,
// states per second, and the memory-bandwidth bound of H·v: each row reads nnz entries of x at scattered
// positions and writes one y entry, so at bandwidth B it takes at least (8·nnz + 8) bytes (x in cache)
// and at most (64·nnz + 8) bytes (one cache line per x entry) → rows/s ≤ B / bytes. Memory per state of
// a Lanczos run with ncv Krylov vectors: 8·(ncv + 2) bytes (+ 16 bytes per species state) → the largest D
// in 24 GB. B is taken as 10 GB/s (2 cores of a shared node; pass another value as argv[1]).
#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/manybody/mixture_modes.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
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
  return Mixture(2, sp, c, PairPotential::hartree(std::make_shared<GaussianProfile>(), N, 0.0),
                 PairScaling::NMinusOne, N);
}

double seconds(const std::chrono::steady_clock::time_point& t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void run(const char* name, int species, std::vector<int> particles, int shells, double bandwidth, int threads) {
  int N = 0;
  for (int n : particles) N += n;
  FockHamiltonian H(mixtureModeHamiltonian(model(species, N), particles, shells).model);
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
  fmt::print("{:<28} D {:>9}  nnz/row {:>7.1f}  H·v {:>9.4f} s  {:>10.3e} states/s  bound {:.2e}..{:.2e}  "
             "({:.1f}% of the cold bound)\n",
             name, D, nnz, t, D / t, boundCold, boundHot, 100 * (D / t) / boundCold);
}

}  // namespace

int main(int argc, char** argv) {
  const double B = argc > 1 ? std::atof(argv[1]) : 10e9;
  const int threads = argc > 2 ? std::atoi(argv[2]) : 1;
  const int ncv = 30;
  fmt::print("bench_manybody: bandwidth {:.1f} GB/s, {} thread(s); Lanczos memory {} bytes/state → largest D in 24 GB "
             "≈ {:.2e}\n", B / 1e9, threads, 8 * (ncv + 2), 24e9 / (8.0 * (ncv + 2)));
  run("1 species, N=20, shells 2", 1, {20}, 2, B, threads);
  run("1 species, N=6, shells 4", 1, {6}, 4, B, threads);
  run("2 species, 5+5, shells 2", 2, {5, 5}, 2, B, threads);
  run("2 species, 2+2, shells 5", 2, {2, 2}, 5, B, threads);
  return 0;
}
