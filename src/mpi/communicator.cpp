// The ranks of one run (communicator.hpp).
#include <cbec/mpi/communicator.hpp>

#include <cbec/io/errors.hpp>

#include <cstdlib>
#include <stdexcept>
#include <cstring>

#ifdef CBEC_WITH_MPI
#include <mpi.h>
#endif
#ifdef CBEC_WITH_SLEPC
#include <slepcsys.h>
#endif

namespace cbec::mpi {

namespace {
Communicator* worldInstance = nullptr;
bool mpiStartedHere = false;
bool slepcStartedHere = false;
}  // namespace

bool builtWithMpi() {
#ifdef CBEC_WITH_MPI
  return true;
#else
  return false;
#endif
}

bool builtWithSlepc() {
#ifdef CBEC_WITH_SLEPC
  return true;
#else
  return false;
#endif
}

bool startedByLauncher() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK", "SLURM_PROCID"}) {
    const char* s = std::getenv(v);
    if (s && *s) return true;
  }
  return false;
}

const Communicator& Communicator::self() {
  static const Communicator one(0, 1, false);
  return one;
}

const Communicator& Communicator::world() { return worldInstance ? *worldInstance : self(); }

std::pair<std::size_t, std::size_t> Communicator::blockOf(std::size_t n, int rank) const {
  const std::size_t P = std::size_t(size_), r = std::size_t(rank);
  const std::size_t q = n / P, m = n % P;
  const std::size_t b = r * q + std::min(r, m);
  return {b, b + q + (r < m ? 1 : 0)};
}

#ifdef CBEC_WITH_MPI
std::vector<std::string> Communicator::allGather(const std::string& s) const {
  if (!world_) return {s};
  int n = int(s.size());
  std::vector<int> counts(size_), displs(size_);
  MPI_Allgather(&n, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
  int total = 0;
  for (int r = 0; r < size_; ++r) displs[r] = total, total += counts[r];
  std::string all(std::size_t(total), '\0');
  MPI_Allgatherv(s.data(), n, MPI_CHAR, all.data(), counts.data(), displs.data(), MPI_CHAR, MPI_COMM_WORLD);
  std::vector<std::string> out;
  for (int r = 0; r < size_; ++r) out.push_back(all.substr(std::size_t(displs[r]), std::size_t(counts[r])));
  return out;
}

std::vector<double> Communicator::allGather(const std::vector<double>& mine) const {
  if (!world_) return mine;
  int n = int(mine.size());
  std::vector<int> counts(size_), displs(size_);
  MPI_Allgather(&n, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
  long total = 0;
  for (int r = 0; r < size_; ++r) displs[r] = int(total), total += counts[r];
  if (total > 2147483647L) throw NumericalError("Communicator::allGather: more than 2^31 values");
  std::vector<double> all(std::size_t(total), 0.0);
  MPI_Allgatherv(mine.data(), n, MPI_DOUBLE, all.data(), counts.data(), displs.data(), MPI_DOUBLE, MPI_COMM_WORLD);
  return all;
}

std::vector<double> Communicator::allGather(const std::vector<double>& mine, const std::vector<int>& counts) const {
  if (!world_) return mine;
  if (counts.size() != std::size_t(size_) || counts[rank_] != int(mine.size()))
    throw NumericalError("Communicator::allGather: the lengths do not match the ranks");
  std::vector<int> displs(size_);
  long total = 0;
  for (int r = 0; r < size_; ++r) displs[r] = int(total), total += counts[r];
  std::vector<double> all(std::size_t(total), 0.0);
  MPI_Allgatherv(mine.data(), int(mine.size()), MPI_DOUBLE, all.data(), counts.data(), displs.data(), MPI_DOUBLE,
                 MPI_COMM_WORLD);
  return all;
}

std::vector<std::vector<double>> Communicator::exchangeDoubles(const std::vector<std::vector<double>>& outgoing) const {
  if (int(outgoing.size()) != size_) throw std::invalid_argument("Communicator::exchangeDoubles: one buffer per rank");
  if (!world_) return outgoing;
  std::vector<int> sendCounts(size_), recvCounts(size_), sendDispls(size_), recvDispls(size_);
  std::vector<double> send;
  for (int r = 0; r < size_; ++r) {
    sendCounts[r] = int(outgoing[r].size());
    sendDispls[r] = int(send.size());
    send.insert(send.end(), outgoing[r].begin(), outgoing[r].end());
  }
  MPI_Alltoall(sendCounts.data(), 1, MPI_INT, recvCounts.data(), 1, MPI_INT, MPI_COMM_WORLD);
  int total = 0;
  for (int r = 0; r < size_; ++r) recvDispls[r] = total, total += recvCounts[r];
  std::vector<double> recv(static_cast<std::size_t>(total));
  MPI_Alltoallv(send.data(), sendCounts.data(), sendDispls.data(), MPI_DOUBLE, recv.data(), recvCounts.data(),
                recvDispls.data(), MPI_DOUBLE, MPI_COMM_WORLD);
  std::vector<std::vector<double>> in(size_);
  for (int r = 0; r < size_; ++r)
    in[r].assign(recv.begin() + recvDispls[r], recv.begin() + recvDispls[r] + recvCounts[r]);
  return in;
}

double Communicator::sum(double x) const {
  if (!world_) return x;
  std::vector<double> each(size_);
  MPI_Allgather(&x, 1, MPI_DOUBLE, each.data(), 1, MPI_DOUBLE, MPI_COMM_WORLD);
  double s = 0;
  for (double v : each) s += v;   // rank order: the same bits on every rank
  return s;
}

bool Communicator::all(bool x) const {
  if (!world_) return x;
  int in = x ? 1 : 0, out = 0;
  MPI_Allreduce(&in, &out, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  return out == 1;
}

double Communicator::max(double x) const {
  if (!world_) return x;
  double out = 0;
  MPI_Allreduce(&x, &out, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  return out;
}

std::string Communicator::broadcast(const std::string& s, int from) const {
  if (!world_) return s;
  long n = long(s.size());
  MPI_Bcast(&n, 1, MPI_LONG, from, MPI_COMM_WORLD);
  std::string out = rank_ == from ? s : std::string(std::size_t(n), '\0');
  MPI_Bcast(out.data(), int(n), MPI_CHAR, from, MPI_COMM_WORLD);
  return out;
}

void Communicator::barrier() const {
  if (world_) MPI_Barrier(MPI_COMM_WORLD);
}

void Communicator::abort(int status) const {
  if (world_) MPI_Abort(MPI_COMM_WORLD, status);
  std::exit(status);
}

Session::Session(int* argc, char*** argv) {
  if (worldInstance || !startedByLauncher()) return;
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) {
    int provided = 0;
    // Threads of one rank (FFTW lanes, Fock row blocks) never call MPI: FUNNELED suffices.
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    mpiStartedHere = true;
  }
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  worldInstance = new Communicator(rank, size, true);
}

Session::~Session() {
#ifdef CBEC_WITH_SLEPC
  if (slepcStartedHere) SlepcFinalize();
#endif
  if (mpiStartedHere) MPI_Finalize();
  delete worldInstance;
  worldInstance = nullptr;
}
#else
std::vector<std::string> Communicator::allGather(const std::string& s) const { return {s}; }
std::vector<double> Communicator::allGather(const std::vector<double>& mine) const { return mine; }
std::vector<double> Communicator::allGather(const std::vector<double>& mine, const std::vector<int>&) const { return mine; }
std::vector<std::vector<double>> Communicator::exchangeDoubles(const std::vector<std::vector<double>>& outgoing) const {
  if (outgoing.size() != 1) throw std::invalid_argument("Communicator::exchangeDoubles: one buffer per rank");
  return outgoing;
}
double Communicator::sum(double x) const { return x; }
bool Communicator::all(bool x) const { return x; }
double Communicator::max(double x) const { return x; }
std::string Communicator::broadcast(const std::string& s, int) const { return s; }
void Communicator::barrier() const {}
void Communicator::abort(int status) const { std::exit(status); }
Session::Session(int*, char***) {}
Session::~Session() {}
#endif

void ensureSlepc() {
#ifdef CBEC_WITH_SLEPC
  PetscBool done = PETSC_FALSE;
  SlepcInitialized(&done);
  if (done) return;
  // cbec's own signal cleanup stays in charge; PETSc errors come back as codes (thrown by the caller).
  PetscOptionsSetValue(nullptr, "-no_signal_handler", nullptr);
  if (SlepcInitializeNoArguments() != 0) throw NumericalError("PETSc/SLEPc could not be initialised");
  PetscPushErrorHandler(PetscReturnErrorHandler, nullptr);
  slepcStartedHere = true;
#else
  throw NumericalError("this cbec was built without PETSc/SLEPc (CMake option CBEC_SLEPC): no distributed eigensolver");
#endif
}

}  // namespace cbec::mpi
