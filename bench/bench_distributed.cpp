// bench_distributed: the Fock-space product y = H x with its rows split over the ranks of `mpirun -np P`
// (distributed_eigensolver.hpp; docs/scaling.md). Prints per case and rank: rows stored, non-zeros, remote
// amplitudes received per H·x, the measured time of one H·x (PETSc MatMult, mean of 8, between barriers),
// states per second per rank, and in total the bytes moved per H·x (8 per remote amplitude) against the bytes
// the product streams (12 per stored non-zero + 16 per row, the CSR bound of bench_manybody).
// Run:  mpirun -np P build/bench/bench_distributed   (P = 1 gives the one-rank baseline of the same matrix).
#include <cbec/manybody/distributed_eigensolver.hpp>
#include <cbec/manybody/mixture_modes.hpp>
#include <cbec/mpi/communicator.hpp>

#include <fmt/format.h>

#include <numeric>
#include <sstream>

using namespace cbec;

namespace {

Mixture model(int N) {
  const std::vector<double> z{0.0, 0.0};
  Species A{"A", 0.5, 3.0, Trap::power(2.0, z)}, B{"B", 0.5, 2.0, Trap::power(2.0, z)};
  Eigen::MatrixXd c(2, 2);
  c << 0, 1.5, 1.5, 0;
  return Mixture(2, {A, B}, c, PairInteraction::hartree(std::make_shared<GaussianProfile>(), N, 0.0),
                 PairScaling::NMinusOne, N);
}

void run(const std::string& name, int half, int K, double scale) {
  const mpi::Communicator& world = mpi::Communicator::world();
  const FockHamiltonian H(mixtureModeHamiltonian(model(2 * half), {half, half}, K, K, scale).model);
  const DistributedEigenPairs r = lowestEigenpairDistributed(H, world);
  std::ostringstream mine;
  mine << r.local_rows << ' ' << r.local_nonzeros << ' ' << r.ghost_values;
  const std::vector<std::string> all = world.allGather(mine.str());
  if (world.rank() != 0) return;
  fmt::print("{}: D = {}, E_0 = {:.12f}, one H·x {:.4e} s on {} rank(s)\n", name, H.dimension(), r.values(0),
             r.product_seconds, world.size());
  double ghosts = 0, nonzeros = 0;
  for (int p = 0; p < world.size(); ++p) {
    std::istringstream in(all[p]);
    double rows = 0, nnz = 0, ghost = 0;
    in >> rows >> nnz >> ghost;
    ghosts += ghost, nonzeros += nnz;
    fmt::print("  rank {}: {:>9.0f} rows, {:>11.0f} non-zeros, {:>9.0f} remote amplitudes, {:.3e} states/s\n", p, rows, nnz,
               ghost, rows / r.product_seconds);
  }
  fmt::print("  bytes moved per H·x {:.3e} ({:.1f} per state); bytes streamed {:.3e}: ratio {:.3f}\n", 8 * ghosts,
             8 * ghosts / H.dimension(), 12 * nonzeros + 16.0 * H.dimension(),
             8 * ghosts / (12 * nonzeros + 16.0 * H.dimension()));
}

}  // namespace

int main(int argc, char** argv) {
  mpi::Session session(&argc, &argv);
  try {
    run("2 species, 4+4, K = 10, scale 1.25", 4, 10, 1.25);
    run("2 species, 6+6, K = 10, scale 1.25", 6, 10, 1.25);
    run("2 species, 2+2, K = 14, scale 1.5", 2, 14, 1.5);
  } catch (const std::exception& e) {
    fmt::print(stderr, "bench_distributed: {}\n", e.what());
    return 1;
  }
  return 0;
}
