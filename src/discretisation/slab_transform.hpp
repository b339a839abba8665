#pragma once
/// @file slab_transform.hpp (internal)
/// The multidimensional r2c/c2r transform of an n^d grid split into slabs over the world's ranks (slab.hpp),
/// on one in-place buffer per rank, built from FFTW-MPI's distributed transposes and FFTW's one-process
/// plans of the lower-dimensional pieces:
///
///   2D  forward: the r2c of each local row (n real → n/2+1 complex); transpose n × (n/2+1) → (n/2+1) × n
///       (FFTW-MPI, all-to-all); the c2c along axis 0 of each local column.
///   3D  forward: the 2D r2c of each local plane (n × n real → n × (n/2+1)); transpose n × n tuples of
///       n/2+1 complex → axis 1 distributed; the c2c along axis 0 of each local slice (n/2+1 at once).
///   backward: the same steps in reverse (inverse c2c, transpose back, c2r), unnormalised like FFTW's.
///
/// The complex-to-complex variant (`complex`: the real-time flow's fields, fourier.hpp) is the same with c2c
/// pieces: the c2c of each local row (2D, n values) or plane (3D, n × n), the transpose of n × n entries of
/// 1 (2D) or n (3D) complex values, the c2c along axis 0 of each local column or slice (n at once in 3D);
/// its spectrum is transposed the same way, i = c·n + j0 (2D), i = (c·n + j0)·n + j2 (3D).
///
/// The spectrum stays transposed (FFTW_MPI_TRANSPOSED_OUT's layout): 2D  i = c·n + j0 (c the local column of
/// the half axis, j0 axis 0); 3D  i = (c·n + j0)(n/2+1) + j2 (c the local index of axis 1).
/// Every piece is one plan made with FFTW_ESTIMATE | FFTW_UNALIGNED for a shape that does not depend on the
/// number of ranks (one row, one plane, one slice) and executed on each local piece in turn (FFTW's new-array
/// execute): each row, plane and slice is transformed by the same arithmetic whatever P, and the transposes
/// only move data. So the transform of a field has the same bits for every P (the reproducible mode of
/// docs/scaling.md); it is not the bits of the one-process multidimensional plan (round-off apart).
#include <fftw3.h>

#include <cstddef>
#include <memory>

namespace cbec::fftw {

/// FFTW-MPI's default blocks for the transform above on the world's ranks (⌈m/P⌉ per rank, the last fewer or
/// none): the planes of axis 0 in real space, the columns of the transposed spectrum (2D: the n/2+1 of the half
/// axis; 3D: the n of axis 1), and the complex values of the buffer (fftw_mpi_local_size_many_transposed).
struct SlabLayout {
  int firstPlane = 0, planes = 0;
  int firstColumn = 0, columns = 0;
  size_t allocComplex = 0;
};

/// Whether this build has FFTW-MPI and MPI is set up (started by a launcher).
bool slabsAvailable();
/// The layout on this rank (collective: every rank calls it); `complex`: of the c2c transform.
SlabLayout slabLayout(int dimension, int points, bool complex = false);

class SlabTransform {
 public:
  /// Plans on `buffer` (layout.allocComplex values, overwritten); `measure`: FFTW_MEASURE for the transposes
  /// (data movement only: the bits do not depend on the plan). Collective.
  SlabTransform(int dimension, int points, const SlabLayout& layout, fftw_complex* buffer, bool measure,
                bool complex = false);
  ~SlabTransform();
  SlabTransform(const SlabTransform&) = delete;
  SlabTransform& operator=(const SlabTransform&) = delete;
  void forward();    ///< padded real rows (complex: rows of n values) → transposed spectrum (collective)
  void backward();   ///< transposed spectrum → padded real rows (complex: rows), times n^d (collective)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cbec::fftw
