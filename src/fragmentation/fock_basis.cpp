// The occupation-number basis and its combinatorial number system (fock_basis.hpp).
#include <cbec/fragmentation/fock_basis.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <numeric>

namespace cbec {

namespace {
constexpr std::uint64_t kMaxDimension = std::uint64_t{1} << 62;
}

FockBasis::FockBasis(int orbitals, int particles) : M_(orbitals), N_(particles) {
  if (M_ < 1) throw InputError(fmt::format("FockBasis: orbitals must be >= 1, got {}", M_));
  if (N_ < 0) throw InputError(fmt::format("FockBasis: particles must be >= 0, got {}", N_));
  const std::size_t rows = static_cast<std::size_t>(N_) + M_;
  if (rows * M_ > 100'000'000)
    throw InputError(fmt::format("FockBasis: {} particles in {} orbitals is too large a basis", N_, M_));
  // Pascal's triangle, saturating at 2^62 (any entry that large means the dimension is too).
  table_.assign(rows * M_, 0);
  for (std::size_t p = 0; p < rows; ++p) {
    table_[p * M_] = 1;
    for (int q = 1; q < M_ && q <= static_cast<int>(p); ++q) {
      const std::uint64_t s = table_[(p - 1) * M_ + q - 1] + (q <= static_cast<int>(p) - 1 ? table_[(p - 1) * M_ + q] : 0);
      table_[p * M_ + q] = s > kMaxDimension ? kMaxDimension + 1 : s;
    }
  }
  const std::uint64_t d = binomial(N_ + M_ - 1, M_ - 1);
  if (d > kMaxDimension)
    throw InputError(fmt::format("FockBasis: dimension C({}, {}) exceeds 2^62", N_ + M_ - 1, M_ - 1));
  dim_ = static_cast<std::size_t>(d);
}

std::vector<int> suffixSums(const Occupations& n) {
  std::vector<int> u(n.size() + 1, 0);
  for (std::size_t i = n.size(); i-- > 0;) u[i] = u[i + 1] + n[i];
  return u;
}

std::size_t FockBasis::index(const Occupations& n) const {
  if (static_cast<int>(n.size()) != M_)
    throw InputError(fmt::format("FockBasis::index: occupation vector has {} entries, basis has {} orbitals",
                                 n.size(), M_));
  long long total = 0;
  for (int v : n) {
    if (v < 0) throw InputError("FockBasis::index: negative occupation number");
    total += v;
  }
  if (total != N_)
    throw InputError(fmt::format("FockBasis::index: occupations sum to {}, basis has N = {}", total, N_));
  return indexFromSuffixSums(suffixSums(n).data());
}

Occupations FockBasis::occupations(std::size_t idx) const {
  if (idx >= dim_) throw InputError(fmt::format("FockBasis::occupations: index {} >= dimension {}", idx, dim_));
  // Colex unranking: the largest bar position b with C(b, q) ≤ remaining, for q = M-1, …, 1.
  std::vector<int> u(M_ + 1, 0);
  u[0] = N_;
  std::uint64_t rem = idx;
  int hi = N_ + M_ - 2;
  for (int q = M_ - 1; q >= 1; --q) {
    int lo = q - 1, top = hi;  // C(q-1, q) = 0 ≤ rem always
    while (lo < top) {
      const int mid = lo + (top - lo + 1) / 2;
      if (binomial(mid, q) <= rem) lo = mid;
      else top = mid - 1;
    }
    rem -= binomial(lo, q);
    u[M_ - q] = lo - (q - 1);  // b_{q-1} = U_{M-q} + q-1
    hi = lo - 1;
  }
  Occupations n(M_);
  for (int i = 0; i < M_; ++i) n[i] = u[i] - u[i + 1];
  return n;
}

Occupations FockBasis::first() const {
  Occupations n(M_, 0);
  n[0] = N_;
  return n;
}

bool FockBasis::next(Occupations& n) const {
  // Descending lexicographic successor: move one particle from the last occupied orbital p < M-1
  // to p+1, and gather everything behind p into p+1.
  int p = M_ - 2;
  while (p >= 0 && n[p] == 0) --p;
  if (p < 0) return false;
  const int tail = n[M_ - 1] + (p + 1 < M_ - 1 ? std::accumulate(n.begin() + p + 1, n.end() - 1, 0) : 0);
  --n[p];
  for (int i = p + 1; i < M_; ++i) n[i] = 0;
  n[p + 1] = tail + 1;
  return true;
}

}  // namespace cbec
