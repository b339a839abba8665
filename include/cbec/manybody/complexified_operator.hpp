#pragma once
/// @file complexified_operator.hpp
/// A real symmetric operator A : ℝ^D → ℝ^D acting on complex vectors by linearity,
///
///   A (x + i y) = A x + i A y,
///
/// so that a real Fock-space Hamiltonian (real h_ij, V_ijkl) drives the complex time evolution
/// e^{-itH}Ψ (krylov_exponential.hpp) without a second implementation.
#include <cbec/manybody/linear_operator.hpp>

#include <complex>

namespace cbec {

class ComplexifiedOperator final : public LinearOperator<std::complex<double>> {
 public:
  /// Keeps a reference: `real` must outlive this object.
  explicit ComplexifiedOperator(const LinearOperator<double>& real) : real_(real) {}
  std::size_t dimension() const override { return real_.dimension(); }
  /// y_i = (A Re x)_i + i (A Im x)_i for begin ≤ i < end (thread-safe: no shared buffers).
  void applyRows(const std::complex<double>* x, std::complex<double>* y, std::size_t begin,
                 std::size_t end) const override;

 private:
  const LinearOperator<double>& real_;
};

}  // namespace cbec
