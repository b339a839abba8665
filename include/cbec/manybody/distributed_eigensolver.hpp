#pragma once
/// @file distributed_eigensolver.hpp
/// The ground state of the Fock operator H (fock_hamiltonian.hpp) with its rows split over the ranks of a
/// run (mpi/communicator.hpp): rank r stores the rows [b_r, b_{r+1}) of H as a PETSc MPIAIJ matrix (64-bit
/// indices; each row from FockHamiltonian::rowEntries, the diagonal block and the off-diagonal block
/// preallocated exactly), PETSc's scatter gathers the remote amplitudes x_c of every product
///
///   (H x)_r = Σ_c ⟨c|H|r⟩ x_c,    r ∈ [b_rank, b_rank+1),
///
/// and SLEPc's Krylov–Schur (EPSKRYLOVSCHUR, Hermitian problem, smallest real part) finds
/// λ_0 = inf spec H with the residual ‖H v − λ_0 v‖₂ recomputed by SLEPc (EPS_ERROR_ABSOLUTE).
/// Bytes moved per H·x: 8 bytes per distinct remote column of the local rows (reported as
/// `ghost_values`); the wall time of one product is measured after the solve (8 products between barriers,
/// `product_seconds`), for bench_distributed's states per second per rank. The eigenvector is gathered on every rank (VecScatterCreateToAll), so the marginals
/// and every later step run unchanged, identically on each rank.
///
/// The same contract as lowestEigenpairs (lanczos.hpp): NumericalError when SLEPc does not converge.
#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/manybody/lanczos.hpp>
#include <cbec/mpi/communicator.hpp>

namespace cbec {

struct DistributedEigenPairs : EigenPairs {
  std::size_t local_rows = 0;          ///< rows stored on this rank
  std::size_t local_nonzeros = 0;      ///< stored entries on this rank
  std::size_t ghost_values = 0;        ///< remote amplitudes this rank receives per H·x
  double product_seconds = 0;          ///< wall time of one distributed H·x (mean of 8 after the solve, all ranks)
};

/// Lowest eigenpair (options.count = 1) of H on the ranks of `ranks` (any number, one included).
DistributedEigenPairs lowestEigenpairDistributed(const FockHamiltonian& H, const mpi::Communicator& ranks,
                                                 const LanczosOptions& options = {});

}  // namespace cbec
