// The distributed Fock-space eigensolver (PETSc MPIAIJ + SLEPc Krylov–Schur) against Spectra's Lanczos on
// this process. ctest runs this binary on one rank (in-process PETSc) and under mpirun -np 2 and 3
// (tests/CMakeLists.txt: mpi.distributed_eigensolver.np*), where tiny sectors leave a rank without rows.
#include <cbec/manybody/distributed_eigensolver.hpp>
#include <cbec/manybody/mixture_modes.hpp>
#include <cbec/mpi/communicator.hpp>

#include <gtest/gtest.h>

#include "../support/gaussian_mixture.hpp"

namespace {

// MPI set up for the whole binary when a launcher started it (one rank otherwise).
cbec::mpi::Session session(nullptr, nullptr);

struct Case {
  int N_A, N_B, K;
};

void compare(const Case& c) {
  if (!cbec::mpi::builtWithSlepc()) GTEST_SKIP() << "built without PETSc/SLEPc";
  const auto mixture = cbec::testing::gaussianMixture(2, {3.0, 2.0}, 1.5, c.N_A + c.N_B);
  const cbec::MixtureModes mm = cbec::mixtureModeHamiltonian(mixture, {c.N_A, c.N_B}, c.K, c.K, 1.25);
  const cbec::FockHamiltonian H(mm.model);
  if (c.K == 1) ASSERT_LT(H.dimension(), 3u);   // on 3 ranks one of them owns no row
  cbec::LanczosOptions o;
  o.dense_below = 0;   // the Krylov path even for tiny sectors
  const auto& ranks = cbec::mpi::Communicator::world();
  const cbec::DistributedEigenPairs d = cbec::lowestEigenpairDistributed(H, ranks, o);
  const cbec::EigenPairs s = H.dimension() <= 64 ? cbec::lowestEigenpairs(H, cbec::LanczosOptions{})
                                                 : cbec::lowestEigenpairs(H, o);
  EXPECT_NEAR(d.values(0), s.values(0), 1e-10 * std::abs(s.values(0))) << "dimension " << H.dimension();
  EXPECT_LT(d.residuals[0], 1e-8 * std::abs(s.values(0)));
  // the same ground state (up to the sign convention, largest component positive)
  EXPECT_NEAR(std::abs(d.vectors.col(0).dot(s.vectors.col(0))), 1.0, 1e-9);
  // every row lives on exactly one rank
  EXPECT_EQ(std::size_t(ranks.sum(double(d.local_rows))), H.dimension());
  if (!ranks.distributed()) EXPECT_EQ(d.ghost_values, 0u);
}

TEST(DistributedEigensolver, TinySectorRanksMayOwnNoRows) { compare({1, 1, 1}); }
TEST(DistributedEigensolver, SmallSector) { compare({2, 1, 4}); }
TEST(DistributedEigensolver, ThousandsOfStates) { compare({3, 2, 8}); }

TEST(DistributedEigensolver, ContiguousBlocksCoverEveryItemOnce) {
  const auto& ranks = cbec::mpi::Communicator::world();
  for (std::size_t n : {0u, 1u, 2u, 5u, 1000u}) {
    std::size_t next = 0;
    for (int r = 0; r < ranks.size(); ++r) {
      const auto [b, e] = ranks.blockOf(n, r);
      EXPECT_EQ(b, next);
      EXPECT_LE(e - b, n / ranks.size() + 1);
      next = e;
    }
    EXPECT_EQ(next, n);
  }
}

}  // namespace
