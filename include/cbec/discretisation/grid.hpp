#pragma once
/// @file grid.hpp
/// Uniform periodic grid on the cube  C = centre + [-L/2, L/2)^d,  n points per direction:
///   x_j = centre + (-L/2 + j h),  h = L/n,   j = 0..n-1,
/// with the Fourier wave numbers k_j = (2π/L)·j for j < n/2 and (2π/L)(j - n) otherwise.
/// Fields are stored row-major (the last coordinate fastest), size n^d. Integrals use the
/// trapezoidal rule ∫f ≈ h^d Σ f_j, which is spectrally accurate for smooth, periodic integrands.
/// The centre offset lets a small box sit around a point z (e.g. a blow-up point).
/// Fields (real and complex, with their shape) are in field.hpp.
///
/// A slab of the grid (discretisation/slab.hpp: FFTW-MPI's decomposition over the ranks of a run) is the same
/// grid restricted to the planes [p0, p0 + m) of the first axis on this rank: size() and the fields are the
/// rank's m·n^{d-1} points (global index p0·n^{d-1} + local index), point() and sample() give their
/// coordinates, and dot(), integral(), norm() and boundaryMax() are the whole grid's, the sums taken in
/// parallel::sum's global block order (the same bits for every number of ranks).
#include <cbec/discretisation/field.hpp>
#include <cbec/discretisation/parallel.hpp>

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace cbec {

class Grid {
 public:
  /// d in {1,2,3}; n ≥ 4 and even; box L > 0; centre has d entries (empty = origin).
  Grid(int dimension, int points, double box, std::vector<double> centre = {});

  int dimension() const { return d_; }
  int points() const { return n_; }                ///< n per direction
  double box() const { return L_; }                ///< side L
  const std::vector<double>& centre() const { return centre_; }
  double spacing() const { return L_ / n_; }       ///< h
  double cellVolume() const { return dV_; }        ///< h^d
  size_t size() const { return size_; }            ///< n^d (on a slab: this rank's points)
  GridShape shape() const { return {d_, n_, ranks_ ? planes_ : -1}; }   ///< (d, n) for the fields on this grid

  // ---- slabs (slab.hpp) ----
  /// This grid's planes [first, first + count) of the first axis, on the ranks `ranks` (which outlive it).
  /// Collective: every rank's part is gathered once (the sums' exchange lengths).
  Grid slab(int first, int count, const mpi::Communicator& ranks) const;
  /// The whole grid of a slab (itself for a whole grid).
  Grid whole() const { return Grid(d_, n_, L_, centre_); }
  bool distributed() const { return ranks_ != nullptr; }
  const mpi::Communicator* ranks() const { return ranks_; }
  int firstPlane() const { return first_; }
  int planes() const { return planes_; }            ///< planes of the first axis held here (n for a whole grid)
  size_t planeSize() const { return stride_; }     ///< n^{d-1}
  size_t globalSize() const { return global_; }     ///< n^d
  size_t globalOffset() const { return static_cast<size_t>(first_) * stride_; }   ///< global index of point 0
  /// The workers of a pass over this grid's points: `threads`, and the ranks of a slab.
  parallel::Team team(int threads) const {
    return ranks_ ? parallel::Team(threads, ranks_, globalOffset(), global_, parts_.get()) : parallel::Team(threads);
  }
  /// Coordinates along axis i (n values), x_j = centre_i - L/2 + j h.
  std::vector<double> axis(int i) const;
  /// Coordinates of grid point `index` (row-major) written into x[0..d).
  void point(size_t index, double* x) const;
  /// Largest |k| per direction, π/h.
  double maxWaveNumber() const;

  /// ∫ f g ≈ h^d Σ f g
  double dot(const Field& f, const Field& g) const;
  double integral(const Field& f) const;
  double norm(const Field& f) const;   ///< L² norm
  /// ⟨f, g⟩ = ∫ conj(f) g ≈ h^d Σ conj(f) g
  std::complex<double> dot(const ComplexField& f, const ComplexField& g) const;
  double norm(const ComplexField& f) const;   ///< L² norm
  /// Sample a function of the position.
  template <class F> Field sample(F&& f) const {
    Field out(shape());
    std::array<double, 3> x{};
    for (size_t i = 0; i < size_; ++i) { point(i, x.data()); out[i] = f(x.data()); }
    return out;
  }
  /// max |f| on the faces of the box (first index 0 in some direction: the periodic boundary).
  double boundaryMax(const Field& f) const;
  std::string describe() const;

 private:
  int d_, n_;
  double L_, dV_;
  std::vector<double> centre_;
  size_t size_;
  size_t global_ = 0, stride_ = 1;                  // n^d, n^{d-1}
  int first_ = 0, planes_ = 0;
  const mpi::Communicator* ranks_ = nullptr;
  std::shared_ptr<const std::vector<size_t>> parts_;   // every rank's (global offset, size), rank order
};

}  // namespace cbec
