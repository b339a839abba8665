// The slab transform over FFTW-MPI (slab_transform.hpp). Compiled with the MPI flags (src/CMakeLists.txt): one
// of the files that see mpi.h.
#include "slab_transform.hpp"

#include "fftw_planner.hpp"

#include <cbec/io/errors.hpp>
#include <cbec/mpi/communicator.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#ifdef CBEC_WITH_FFTW_MPI
#include <fftw3-mpi.h>
#endif

namespace cbec::fftw {

#ifdef CBEC_WITH_FFTW_MPI
namespace {
void initMpiOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    initThreadsOnce();
    fftw_mpi_init();
  });
}

/// The transposed matrix of the forward transform: rows (axis 0) × columns, each entry `howmany` doubles.
struct Matrix {
  ptrdiff_t rows, columns, howmany;
};
Matrix matrixOf(int d, int n, bool complex) {
  const ptrdiff_t nh = complex ? n : n / 2 + 1;   // the last axis' values per row: n/2+1 (r2c) or n (c2c)
  if (complex) return d == 2 ? Matrix{n, n, 2} : Matrix{n, n, 2 * nh};
  return d == 2 ? Matrix{n, nh, 2} : Matrix{n, n, 2 * nh};
}
}  // namespace

bool slabsAvailable() { return mpi::Communicator::world().launched(); }

SlabLayout slabLayout(int d, int n, bool complex) {
  if (d < 2) throw InputError("grid slabs: the grid must be 2- or 3-dimensional (a 1D grid is not split)");
  initMpiOnce();
  const Matrix m = matrixOf(d, n, complex);
  const ptrdiff_t dims[2] = {m.rows, m.columns};
  ptrdiff_t n0 = 0, s0 = 0, n1 = 0, s1 = 0;
  const ptrdiff_t alloc = fftw_mpi_local_size_many_transposed(2, dims, m.howmany, FFTW_MPI_DEFAULT_BLOCK,
                                                              FFTW_MPI_DEFAULT_BLOCK, MPI_COMM_WORLD, &n0, &s0, &n1, &s1);
  SlabLayout l;
  l.firstPlane = static_cast<int>(s0);
  l.planes = static_cast<int>(n0);
  l.firstColumn = static_cast<int>(s1);
  l.columns = static_cast<int>(n1);
  const ptrdiff_t doubles = std::max({alloc, n0 * m.columns * m.howmany, n1 * m.rows * m.howmany, m.howmany});
  l.allocComplex = static_cast<size_t>((doubles + 1) / 2);
  return l;
}

struct SlabTransform::Impl {
  int d = 2, n = 0;
  bool complex = false;   // c2c pieces (pieceR2C/pieceC2R then hold the forward/backward c2c of a row or plane)
  SlabLayout l;
  fftw_complex* buf = nullptr;
  fftw_plan pieceR2C = nullptr, pieceC2R = nullptr;   // one row (2D) or one plane (3D), in place
  fftw_plan axisFwd = nullptr, axisBwd = nullptr;     // axis 0 of one column (2D) or slice (3D), in place
  fftw_plan toColumns = nullptr, toPlanes = nullptr;  // the transposes
  ~Impl() {
    std::lock_guard<std::mutex> lock(plannerMutex());
    for (fftw_plan p : {pieceR2C, pieceC2R, axisFwd, axisBwd, toColumns, toPlanes})
      if (p) fftw_destroy_plan(p);
  }
  size_t nh() const { return static_cast<size_t>(complex ? n : n / 2 + 1); }
  size_t pieceComplex() const { return d == 2 ? nh() : static_cast<size_t>(n) * nh(); }   // one row / plane
  size_t columnComplex() const { return d == 2 ? static_cast<size_t>(n) : static_cast<size_t>(n) * nh(); }
};

SlabTransform::SlabTransform(int d, int n, const SlabLayout& layout, fftw_complex* buffer, bool measure, bool complex)
    : impl_(std::make_unique<Impl>()) {
  initMpiOnce();
  Impl& p = *impl_;
  p.d = d, p.n = n, p.l = layout, p.buf = buffer, p.complex = complex;
  const unsigned piece = FFTW_ESTIMATE | FFTW_UNALIGNED;
  const int nh = complex ? n : n / 2 + 1;
  std::lock_guard<std::mutex> lock(plannerMutex());
  fftw_plan_with_nthreads(1);
  double* real = reinterpret_cast<double*>(buffer);
  if (complex) {
    p.pieceR2C = d == 2 ? fftw_plan_dft_1d(n, buffer, buffer, FFTW_FORWARD, piece)
                        : fftw_plan_dft_2d(n, n, buffer, buffer, FFTW_FORWARD, piece);
    p.pieceC2R = d == 2 ? fftw_plan_dft_1d(n, buffer, buffer, FFTW_BACKWARD, piece)
                        : fftw_plan_dft_2d(n, n, buffer, buffer, FFTW_BACKWARD, piece);
  }
  if (complex && d == 2) {
    p.axisFwd = fftw_plan_dft_1d(n, buffer, buffer, FFTW_FORWARD, piece);
    p.axisBwd = fftw_plan_dft_1d(n, buffer, buffer, FFTW_BACKWARD, piece);
  } else if (complex) {
    const int len[1] = {n};
    p.axisFwd = fftw_plan_many_dft(1, len, nh, buffer, nullptr, nh, 1, buffer, nullptr, nh, 1, FFTW_FORWARD, piece);
    p.axisBwd = fftw_plan_many_dft(1, len, nh, buffer, nullptr, nh, 1, buffer, nullptr, nh, 1, FFTW_BACKWARD, piece);
  } else if (d == 2) {
    p.pieceR2C = fftw_plan_dft_r2c_1d(n, real, buffer, piece);
    p.pieceC2R = fftw_plan_dft_c2r_1d(n, buffer, real, piece);
    p.axisFwd = fftw_plan_dft_1d(n, buffer, buffer, FFTW_FORWARD, piece);
    p.axisBwd = fftw_plan_dft_1d(n, buffer, buffer, FFTW_BACKWARD, piece);
  } else {
    p.pieceR2C = fftw_plan_dft_r2c_2d(n, n, real, buffer, piece);
    p.pieceC2R = fftw_plan_dft_c2r_2d(n, n, buffer, real, piece);
    const int len[1] = {n};
    p.axisFwd = fftw_plan_many_dft(1, len, nh, buffer, nullptr, nh, 1, buffer, nullptr, nh, 1, FFTW_FORWARD, piece);
    p.axisBwd = fftw_plan_many_dft(1, len, nh, buffer, nullptr, nh, 1, buffer, nullptr, nh, 1, FFTW_BACKWARD, piece);
  }
  const Matrix m = matrixOf(d, n, complex);
  const unsigned moving = measure ? FFTW_MEASURE : FFTW_ESTIMATE;
  p.toColumns = fftw_mpi_plan_many_transpose(m.rows, m.columns, m.howmany, FFTW_MPI_DEFAULT_BLOCK, FFTW_MPI_DEFAULT_BLOCK,
                                             real, real, MPI_COMM_WORLD, moving);
  p.toPlanes = fftw_mpi_plan_many_transpose(m.columns, m.rows, m.howmany, FFTW_MPI_DEFAULT_BLOCK, FFTW_MPI_DEFAULT_BLOCK,
                                            real, real, MPI_COMM_WORLD, moving);
  if (!p.pieceR2C || !p.pieceC2R || !p.axisFwd || !p.axisBwd || !p.toColumns || !p.toPlanes)
    throw NumericalError(fmt::format("FFTW-MPI: could not create the slab plans of a {}^{} grid", n, d));
}

SlabTransform::~SlabTransform() = default;

void SlabTransform::forward() {
  Impl& p = *impl_;
  const size_t piece = p.pieceComplex(), column = p.columnComplex();
  for (int r = 0; r < p.l.planes; ++r) {
    fftw_complex* at = p.buf + static_cast<size_t>(r) * piece;
    if (p.complex) fftw_execute_dft(p.pieceR2C, at, at);
    else fftw_execute_dft_r2c(p.pieceR2C, reinterpret_cast<double*>(at), at);
  }
  fftw_execute(p.toColumns);
  for (int c = 0; c < p.l.columns; ++c) {
    fftw_complex* at = p.buf + static_cast<size_t>(c) * column;
    fftw_execute_dft(p.axisFwd, at, at);
  }
}

void SlabTransform::backward() {
  Impl& p = *impl_;
  const size_t piece = p.pieceComplex(), column = p.columnComplex();
  for (int c = 0; c < p.l.columns; ++c) {
    fftw_complex* at = p.buf + static_cast<size_t>(c) * column;
    fftw_execute_dft(p.axisBwd, at, at);
  }
  fftw_execute(p.toPlanes);
  for (int r = 0; r < p.l.planes; ++r) {
    fftw_complex* at = p.buf + static_cast<size_t>(r) * piece;
    if (p.complex) fftw_execute_dft(p.pieceC2R, at, at);
    else fftw_execute_dft_c2r(p.pieceC2R, at, reinterpret_cast<double*>(at));
  }
}

#else   // a build without FFTW-MPI: no slabs

bool slabsAvailable() { return false; }
SlabLayout slabLayout(int, int, bool) { throw InputError("this cbec was built without FFTW-MPI: grids are not split over ranks"); }
struct SlabTransform::Impl {};
SlabTransform::SlabTransform(int, int, const SlabLayout&, fftw_complex*, bool, bool) {
  throw InputError("this cbec was built without FFTW-MPI: grids are not split over ranks");
}
SlabTransform::~SlabTransform() = default;
void SlabTransform::forward() {}
void SlabTransform::backward() {}

#endif

}  // namespace cbec::fftw
