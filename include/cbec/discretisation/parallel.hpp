#pragma once
/// @file parallel.hpp
/// Pointwise passes over fields on a caller-given number of OpenMP threads, and sums whose value does
/// not depend on that number:
///
///   forEach(T, n, f):    f(begin, end) on T disjoint contiguous ranges covering [0, n) (writes only)
///   sum<K>(T, n, f):     S_k = Σ_b s_k(b),  s_k(b) = f(b·B, min(n, (b+1)·B))[k],  B = kBlock,
///                        the block sums added serially in block order b = 0, 1, …
///
/// The blocks of a sum are fixed (B = 4096 indices) whatever the thread count T; each block's partial
/// sums are formed by one thread in index order, and the blocks are then added in order. So a sum has the
/// same bits for every T (OpenMP's own reduction clause combines partial sums in an unspecified order),
/// and a solver's reductions are reproducible run to run. The thread count travels with the objects
/// (FourierTransform, Hamiltonian, set by the drivers from the caller's options) and is applied as a
/// num_threads clause on each region: no global OpenMP state (omp_set_num_threads, OMP_NUM_THREADS) is
/// set or needed. T ≤ 1, a short range, or a translation unit compiled without OpenMP: the same blocks,
/// serially, the same result.
#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace cbec::parallel {

/// Indices per block of a sum (and the smallest range worth splitting).
inline constexpr size_t kBlock = 4096;

/// f(begin, end) for disjoint contiguous ranges covering [0, n), one per thread; serial when n < 2·grain
/// (grain: the fewest items worth a thread, e.g. kBlock / row length when the items are rows).
template <class F>
void forEach(int threads, size_t n, F&& f, size_t grain = kBlock) {
#ifdef _OPENMP
  if (threads > 1 && n >= 2 * grain) {
#pragma omp parallel num_threads(threads)
    {
      const size_t T = static_cast<size_t>(omp_get_num_threads()), t = static_cast<size_t>(omp_get_thread_num());
      const size_t begin = n * t / T, end = n * (t + 1) / T;
      if (begin < end) f(begin, end);
    }
    return;
  }
#endif
  (void)threads;
  if (n > 0) f(size_t{0}, n);
}

/// K sums over [0, n): f(begin, end) returns the block's K partial sums (std::array<double, K>), formed
/// in index order; the blocks are added in block order (the result does not depend on `threads`).
template <size_t K, class F>
std::array<double, K> sum(int threads, size_t n, F&& f) {
  using Acc = std::array<double, K>;
  const size_t blocks = (n + kBlock - 1) / kBlock;
  Acc total{};
  if (blocks == 0) return total;
  std::vector<Acc> part(blocks);
  auto block = [&](size_t b) { part[b] = f(b * kBlock, std::min(n, (b + 1) * kBlock)); };
#ifdef _OPENMP
  if (threads > 1 && blocks > 1) {
#pragma omp parallel for schedule(static) num_threads(threads)
    for (size_t b = 0; b < blocks; ++b) block(b);
  } else {
    for (size_t b = 0; b < blocks; ++b) block(b);
  }
#else
  (void)threads;
  for (size_t b = 0; b < blocks; ++b) block(b);
#endif
  for (const Acc& p : part)
    for (size_t k = 0; k < K; ++k) total[k] += p[k];
  return total;
}

}  // namespace cbec::parallel
