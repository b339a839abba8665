#pragma once
/// @file fock_hamiltonian.hpp
/// The mode Hamiltonian H of mode_hamiltonian.hpp (M 1.1 in a finite basis) acting on the symmetry sector
/// of fock_sector.hpp, matrix-free, as a LinearOperator<double> (linear_operator.hpp):
///
///   (H x)_r = Σ_c ⟨c|H|r⟩ x_c        (H is real symmetric, so row r is read off H|r⟩: "pull" form;
///                                     disjoint row blocks write disjoint y entries → thread-safe).
///
/// H|n_A, n_B⟩ is enumerated term by term with the bosonic amplitudes
///   a_k|…n_k…⟩ = √n_k |…n_k-1…⟩,   a†_i|…n_i…⟩ = √(n_i+1) |…n_i+1…⟩,
/// intra-species terms grouped by unordered pairs, (λ/2) Σ_{i≤j,k≤l} C_{ij,kl} a†_i a†_j a_l a_k with
/// C_{ij,kl} = Σ over the distinct orderings of (i,j) and (k,l) of V, and only non-zero C and V stored
/// (selection rules of the tensors give exact zeros). The FockBasis rank of a target state is updated
/// from the source's suffix sums in O(1) per term (prefix tables of the combinatorial number system,
/// exact modulo 2^64); targets outside the sector (energy truncation) are dropped (Galerkin projection).
///
/// @code
///   cbec::ModeHamiltonian model = ...;          // h, V per species, V12, prefactors, sector
///   cbec::FockHamiltonian H(model);
///   std::vector<double> x(H.dimension(), 1.0), y(H.dimension());
///   H.apply(x.data(), y.data());                // or H.applyRows(x, y, b, e) per block
/// @endcode
#include <cbec/manybody/fock_sector.hpp>
#include <cbec/manybody/linear_operator.hpp>
#include <cbec/manybody/mode_hamiltonian.hpp>

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace cbec {

class FockHamiltonian final : public LinearOperator<double> {
 public:
  /// Validates the model; builds the species state tables, the sector and the sparse term lists.
  explicit FockHamiltonian(ModeHamiltonian model);
  ~FockHamiltonian() override;

  std::size_t dimension() const override { return sector_->dimension(); }
  void applyRows(const double* x, double* y, std::size_t begin, std::size_t end) const override;

  const ModeHamiltonian& model() const { return model_; }
  const FockSector& sector() const { return *sector_; }
  /// Species s = 0 (A) or 1 (B; a one-state vacuum for one-species models).
  const SpeciesStates& states(int s) const { return s == 0 ? *statesA_ : *statesB_; }
  /// Occupations of the species-s component of sector index `row`.
  Occupations occupations(std::size_t row, int s) const;
  /// Stored non-zero terms (one-body + intra pairs + inter), for bench figures.
  std::size_t storedTerms() const;

  /// Store H as a sparse matrix (CSR: 12 bytes per non-zero, repeated columns merged, plus 8 per row) if
  /// it takes at most maxBytes; applyRows then reads it instead of enumerating the terms of every row
  /// again (one enumeration instead of one per Lanczos step). Returns whether H is stored.
  bool assemble(double maxBytes);
  bool assembled() const { return !csr_start_.empty(); }
  /// Row `row` of H as (column, ⟨column|H|row⟩) pairs, ascending columns, repeated columns merged and
  /// exact zeros dropped (the rows a distributed matrix stores, distributed_eigensolver.hpp).
  void rowEntries(std::size_t row, std::vector<std::pair<std::int64_t, double>>& entries) const;
  std::size_t nonZeros() const { return csr_value_.size(); }

  struct Terms;   // sparse term lists (private layout, fock_hamiltonian.cpp)

 private:
  ModeHamiltonian model_;
  std::unique_ptr<SpeciesStates> statesA_, statesB_;
  std::unique_ptr<FockSector> sector_;
  std::unique_ptr<Terms> terms_;
  std::vector<std::size_t> csr_start_;
  std::vector<std::uint32_t> csr_col_;
  std::vector<double> csr_value_;
  template <class Emit>
  void forEachTerm(std::size_t begin, std::size_t end, Emit&& emit) const;
};

/// y = A x with the rows split into `threads` contiguous blocks run concurrently (threads ≤ 1: serial).
void applyParallel(const LinearOperator<double>& A, const double* x, double* y, int threads);

}  // namespace cbec
