#pragma once
/// @file fock_basis.hpp
/// The occupation-number (Fock) basis of N bosons in M orbitals φ_0, …, φ_{M-1}:
///
///   |n⟩ = |n_0, …, n_{M-1}⟩ = φ_0^{⊗n_0} ∨ … ∨ φ_{M-1}^{⊗n_{M-1}},   n_0 + … + n_{M-1} = N   (F 1.15)
///
/// dimension D = C(N+M-1, M-1). States are numbered 0, …, D-1 in descending lexicographic order
/// (the first orbital most occupied first): for M = 2 the index of (N-j, j) is j, the order of (F 2.8).
///
/// Ranking uses the combinatorial number system ("stars and bars"): with suffix sums
/// U_i = n_i + … + n_{M-1}, the bar positions b_r = U_{M-1-r} + r (r = 0, …, M-2) are strictly
/// increasing, and
///
///   index(n) = Σ_{i=1}^{M-1} C(U_i + M-1-i, M-i)
///
/// is their colexicographic rank. No hash maps and no stored list of states: a state costs O(M) to
/// rank and O(M log N) to unrank, so bases of 10^7 and more states are handled by looping once over
/// indices (next() walks the basis in index order in amortised O(1)).
///
/// @code
///   cbec::FockBasis basis(3, 2);          // 2 bosons in 3 orbitals: dimension 6
///   basis.index({1, 0, 1});               // == 2  (order 200, 110, 101, 020, 011, 002)
///   basis.occupations(4);                 // == {0, 1, 1}
/// @endcode
#include <cstddef>
#include <cstdint>
#include <vector>

namespace cbec {

/// An occupation vector (n_0, …, n_{M-1}).
using Occupations = std::vector<int>;

class FockBasis {
 public:
  /// M ≥ 1 orbitals, N ≥ 0 particles. Throws InputError if the dimension exceeds 2^62 or the
  /// binomial table (N+M)·M entries would exceed 10^8.
  FockBasis(int orbitals, int particles);

  int orbitals() const { return M_; }
  int particles() const { return N_; }
  std::size_t dimension() const { return dim_; }

  /// Index of an occupation vector (size M, entries ≥ 0, sum N; checked, InputError otherwise).
  std::size_t index(const Occupations& n) const;
  /// The occupation vector of an index in [0, dimension()).
  Occupations occupations(std::size_t index) const;

  /// The first state (N, 0, …, 0), and the successor in index order; next() returns false after
  /// the last state (0, …, 0, N).
  Occupations first() const;
  bool next(Occupations& n) const;

  /// C(p, q) for 0 ≤ p ≤ N+M-1, 0 ≤ q ≤ M-1 (exact; 0 when q > p): the table behind index().
  std::uint64_t binomial(int p, int q) const {
    return q > p ? 0 : table_[static_cast<std::size_t>(p) * M_ + q];
  }

  /// The terms of index(): for suffix sums U_i (i = 1, …, M-1) of an occupation vector,
  /// index = Σ_i binomial(U_i + M-1-i, M-i). Exposed so that the index of a sum of two occupation
  /// vectors m + a is computed from their suffix sums without forming m + a.
  std::size_t indexFromSuffixSums(const int* suffix) const {
    std::size_t r = 0;
    for (int i = 1; i < M_; ++i) r += binomial(suffix[i] + M_ - 1 - i, M_ - i);
    return r;
  }

 private:
  int M_, N_;
  std::size_t dim_;
  std::vector<std::uint64_t> table_;
};

/// Suffix sums U_i = n_i + … + n_{M-1} (size M+1, U_M = 0).
std::vector<int> suffixSums(const Occupations& n);

}  // namespace cbec
