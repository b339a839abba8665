// The Fock-space ground state on PETSc/SLEPc (distributed_eigensolver.hpp).
#include <cbec/manybody/distributed_eigensolver.hpp>

#include <cbec/io/errors.hpp>

#include <algorithm>
#include <string>
#include <vector>

#ifdef CBEC_WITH_SLEPC
#include <slepceps.h>
#endif

namespace cbec {

#ifdef CBEC_WITH_SLEPC
namespace {

void check(PetscErrorCode code, const char* what) {
  if (code != 0) throw NumericalError(std::string("manybody: PETSc/SLEPc failed in ") + what + " (error " + std::to_string(int(code)) + ")");
}

/// Owns the PETSc objects of one solve (destroyed in reverse order, also when an error is thrown).
struct PetscObjects {
  Mat A = nullptr;
  Vec x = nullptr, all = nullptr;
  EPS eps = nullptr;
  VecScatter gather = nullptr;
  ~PetscObjects() {
    if (gather) VecScatterDestroy(&gather);
    if (all) VecDestroy(&all);
    if (x) VecDestroy(&x);
    if (eps) EPSDestroy(&eps);
    if (A) MatDestroy(&A);
  }
};

/// H's local rows as a PETSc MPIAIJ matrix, preallocated exactly (diagonal / off-diagonal blocks).
void buildMatrix(const FockHamiltonian& H, const mpi::Communicator& ranks, PetscObjects& p, DistributedEigenPairs& r) {
  const std::size_t D = H.dimension();
  const auto [b, e] = ranks.block(D);
  std::vector<std::vector<std::pair<std::int64_t, double>>> rows(e - b);
  std::vector<PetscInt> dnz(e - b), onz(e - b);
  std::vector<char> remote;
  for (std::size_t row = b; row < e; ++row) {
    auto& entries = rows[row - b];
    H.rowEntries(row, entries);
    for (const auto& [c, v] : entries) (std::size_t(c) >= b && std::size_t(c) < e ? dnz : onz)[row - b]++;
    r.local_nonzeros += entries.size();
  }
  {  // distinct remote columns: the amplitudes received per product
    std::vector<std::int64_t> cols;
    for (const auto& entries : rows)
      for (const auto& [c, v] : entries)
        if (std::size_t(c) < b || std::size_t(c) >= e) cols.push_back(c);
    std::sort(cols.begin(), cols.end());
    r.ghost_values = std::size_t(std::unique(cols.begin(), cols.end()) - cols.begin());
  }
  r.local_rows = e - b;
  const PetscInt n = PetscInt(e - b), N = PetscInt(D);
  check(MatCreateAIJ(PETSC_COMM_WORLD, n, n, N, N, 0, dnz.data(), 0, onz.data(), &p.A), "MatCreateAIJ");
  check(MatSetOption(p.A, MAT_NEW_NONZERO_ALLOCATION_ERR, PETSC_TRUE), "MatSetOption");
  std::vector<PetscInt> cols;
  std::vector<PetscScalar> vals;
  for (std::size_t row = b; row < e; ++row) {
    auto& entries = rows[row - b];
    cols.clear(), vals.clear();
    for (const auto& [c, v] : entries) cols.push_back(PetscInt(c)), vals.push_back(v);
    const PetscInt i = PetscInt(row);
    check(MatSetValues(p.A, 1, &i, PetscInt(cols.size()), cols.data(), vals.data(), INSERT_VALUES), "MatSetValues");
    std::vector<std::pair<std::int64_t, double>>().swap(entries);   // free as we go
  }
  check(MatAssemblyBegin(p.A, MAT_FINAL_ASSEMBLY), "MatAssemblyBegin");
  check(MatAssemblyEnd(p.A, MAT_FINAL_ASSEMBLY), "MatAssemblyEnd");
}

/// Mean wall time of one y = A x over 8 products, timed between barriers (every rank waits for the slowest).
double timeProducts(PetscObjects& p) {
  constexpr int kProducts = 8;
  Vec y = nullptr;
  check(VecDuplicate(p.x, &y), "VecDuplicate");
  check(MPI_Barrier(PETSC_COMM_WORLD), "MPI_Barrier");
  const double t0 = MPI_Wtime();
  for (int k = 0; k < kProducts; ++k) check(MatMult(p.A, p.x, y), "MatMult");
  check(MPI_Barrier(PETSC_COMM_WORLD), "MPI_Barrier");
  const double seconds = (MPI_Wtime() - t0) / kProducts;
  check(VecDestroy(&y), "VecDestroy");
  return seconds;
}

}  // namespace

DistributedEigenPairs lowestEigenpairDistributed(const FockHamiltonian& H, const mpi::Communicator& ranks,
                                                 const LanczosOptions& o) {
  if (o.count != 1) throw InputError("the distributed eigensolver computes the lowest eigenpair only (count = 1)");
  if (ranks.size() > 1 && &ranks != &mpi::Communicator::world())
    throw InputError("the distributed eigensolver runs on the world communicator");
  mpi::ensureSlepc();
  DistributedEigenPairs r;
  PetscObjects p;
  buildMatrix(H, ranks, p, r);
  check(EPSCreate(PETSC_COMM_WORLD, &p.eps), "EPSCreate");
  check(EPSSetOperators(p.eps, p.A, nullptr), "EPSSetOperators");
  check(EPSSetProblemType(p.eps, EPS_HEP), "EPSSetProblemType");
  check(EPSSetType(p.eps, EPSKRYLOVSCHUR), "EPSSetType");
  check(EPSSetWhichEigenpairs(p.eps, EPS_SMALLEST_REAL), "EPSSetWhichEigenpairs");
  const PetscInt D = PetscInt(H.dimension());
  const PetscInt ncv = std::min<PetscInt>(D, o.krylov_dimension > 0 ? o.krylov_dimension : 30);
  check(EPSSetDimensions(p.eps, 1, ncv, PETSC_DEFAULT), "EPSSetDimensions");
  check(EPSSetTolerances(p.eps, o.tolerance, o.max_restarts), "EPSSetTolerances");
  check(EPSSolve(p.eps), "EPSSolve");
  PetscInt converged = 0, iterations = 0;
  check(EPSGetConverged(p.eps, &converged), "EPSGetConverged");
  check(EPSGetIterationNumber(p.eps, &iterations), "EPSGetIterationNumber");
  if (converged < 1)
    throw NumericalError("manybody: SLEPc Krylov-Schur did not converge (dimension " + std::to_string(D) + ", tolerance " +
                         std::to_string(o.tolerance) + ", " + std::to_string(iterations) + " restarts)");
  PetscScalar lambda = 0;
  check(MatCreateVecs(p.A, &p.x, nullptr), "MatCreateVecs");
  check(EPSGetEigenpair(p.eps, 0, &lambda, nullptr, p.x, nullptr), "EPSGetEigenpair");
  PetscReal residual = 0;
  check(EPSComputeError(p.eps, 0, EPS_ERROR_ABSOLUTE, &residual), "EPSComputeError");
  r.product_seconds = timeProducts(p);
  check(VecScatterCreateToAll(p.x, &p.gather, &p.all), "VecScatterCreateToAll");
  check(VecScatterBegin(p.gather, p.x, p.all, INSERT_VALUES, SCATTER_FORWARD), "VecScatterBegin");
  check(VecScatterEnd(p.gather, p.x, p.all, INSERT_VALUES, SCATTER_FORWARD), "VecScatterEnd");
  const PetscScalar* a = nullptr;
  check(VecGetArrayRead(p.all, &a), "VecGetArrayRead");
  r.vectors.resize(D, 1);
  for (PetscInt i = 0; i < D; ++i) r.vectors(i, 0) = a[i];
  check(VecRestoreArrayRead(p.all, &a), "VecRestoreArrayRead");
  // the sign convention of lanczos.hpp's callers: the largest component positive (same on every rank)
  Eigen::Index imax = 0;
  r.vectors.col(0).cwiseAbs().maxCoeff(&imax);
  if (r.vectors(imax, 0) < 0) r.vectors.col(0) *= -1.0;
  r.values.resize(1);
  r.values(0) = lambda;
  r.residuals = {double(residual)};
  r.operator_applications = long(iterations) * long(ncv);   // upper bound: one restart applies ≤ ncv products
  r.converged = true;
  return r;
}
#else
DistributedEigenPairs lowestEigenpairDistributed(const FockHamiltonian&, const mpi::Communicator&, const LanczosOptions&) {
  mpi::ensureSlepc();   // throws: built without PETSc/SLEPc
  return {};
}
#endif

}  // namespace cbec
