#pragma once
/// @file linear_operator.hpp
/// The one interface through which every Fock-space solver applies a Hamiltonian:
///
///   y = A x,   A : K^D → K^D  (K = ℝ or ℂ),  applied row block by row block,
///
///   applyRows(x, y, [b, e)):  y_i = Σ_j A_ij x_j  for b ≤ i < e  (reads all of x, writes y[b, e) only).
///
/// State indices split into contiguous blocks [b, e), so a serial Lanczos, a Krylov exponential and,
/// later, a PETSc/SLEPc shell matrix with one block per rank (or an OpenMP loop over blocks) drive the
/// same implementation. Implementations must be thread-safe for disjoint row blocks.
#include <cstddef>

namespace cbec {

template <class Scalar>
class LinearOperator {
 public:
  virtual ~LinearOperator() = default;
  /// D, the dimension of the space the operator acts on.
  virtual std::size_t dimension() const = 0;
  /// y_i = (A x)_i for begin ≤ i < end.
  virtual void applyRows(const Scalar* x, Scalar* y, std::size_t begin, std::size_t end) const = 0;
  /// y = A x over all rows.
  void apply(const Scalar* x, Scalar* y) const { applyRows(x, y, 0, dimension()); }
};

}  // namespace cbec
