#pragma once
/// @file communicator.hpp
/// The ranks of one run (docs/scaling.md). `cbec` started by mpirun (or srun, mpiexec) runs on the P ranks of
/// MPI_COMM_WORLD; started on its own it is one rank and never initialises MPI, exactly as a build without
/// MPI. The library asks Communicator::world() and splits its work only where a command is written for it
/// (the Fock-space eigensolver, blow-up scan points); everything else is computed identically on every rank
/// and written by rank 0.
///
///   contiguous split of n items over P ranks:  rank r owns [b_r, b_{r+1}),  b_r = r·⌊n/P⌋ + min(r, n mod P)
///   (uneven splits differ by at most one item; a rank may own none when n < P).
///
/// @code
///   cbec::mpi::Session session(&argc, &argv);       // main(): MPI (and PETSc/SLEPc) set up once
///   const auto& ranks = cbec::mpi::Communicator::world();
///   auto [b, e] = ranks.block(n);                   // this rank's items
///   double total = ranks.sum(partial);
/// @endcode
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace cbec::mpi {

class Communicator {
 public:
  /// MPI_COMM_WORLD when the process was set up by a Session under mpirun; one rank otherwise.
  static const Communicator& world();
  /// One rank (a serial communicator), whatever the process.
  static const Communicator& self();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }
  bool distributed() const { return size_ > 1; }

  /// This rank's block [begin, end) of n items split contiguously (formula above).
  std::pair<std::size_t, std::size_t> block(std::size_t n) const { return blockOf(n, rank_); }
  std::pair<std::size_t, std::size_t> blockOf(std::size_t n, int rank) const;

  /// Sum over the ranks, added in rank order (the same bits on every rank, independent of MPI's tree).
  double sum(double x) const;
  /// Logical and / max over the ranks.
  bool all(bool x) const;
  double max(double x) const;
  /// Every rank's string, in rank order, on every rank (results of independent work merged).
  std::vector<std::string> allGather(const std::string& s) const;
  /// Every rank's values concatenated in rank order, on every rank (a split sum's parts, a slab's planes).
  std::vector<double> allGather(const std::vector<double>& mine) const;
  /// The same when every rank's length is known everywhere (counts[r] values from rank r): one collective.
  std::vector<double> allGather(const std::vector<double>& mine, const std::vector<int>& counts) const;
  /// Whether MPI was set up for this process (started by a launcher, even on one rank): the grids are then
  /// split into FFTW-MPI slabs (discretisation/slab.hpp).
  bool launched() const { return world_; }
  /// Personalised exchange (all-to-all): `outgoing[r]` is sent to rank r (size() entries, the own one
  /// included); returns `incoming[r]`, what rank r sent to this rank. Raw bytes: bit for bit.
  std::vector<std::vector<double>> exchangeDoubles(const std::vector<std::vector<double>>& outgoing) const;
  /// Rank `from`'s string on every rank.
  std::string broadcast(const std::string& s, int from = 0) const;
  void barrier() const;
  /// Ends every rank of the run with this exit status (an error seen on one rank only).
  [[noreturn]] void abort(int status) const;

 private:
  Communicator(int rank, int size, bool world) : rank_(rank), size_(size), world_(world) {}
  int rank_ = 0, size_ = 1;
  bool world_ = false;
  friend class Session;
};

/// The process's MPI lifetime: initialises MPI when the process was started by a launcher (OpenMPI's
/// OMPI_COMM_WORLD_SIZE, PMIx, PMI or Slurm in the environment) and finalises PETSc/SLEPc (if used) and MPI
/// at destruction. Without a launcher, or in a build without MPI, it does nothing and the run is one rank.
class Session {
 public:
  Session(int* argc, char*** argv);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
};

/// Whether this build has MPI / the PETSc-SLEPc eigensolver (CMake options CBEC_MPI, CBEC_SLEPC).
bool builtWithMpi();
bool builtWithSlepc();
/// Whether the environment names a launcher (mpirun, mpiexec, srun) that started this process.
bool startedByLauncher();

/// Initialises PETSc/SLEPc on the world communicator the first time it is called (no signal handlers,
/// errors returned, not printed); NumericalError in a build without SLEPc. Finalised by the Session.
void ensureSlepc();

}  // namespace cbec::mpi
