#pragma once
/// @file parallel.hpp
/// Pointwise passes over fields on a caller-given number of threads, and sums whose value does not
/// depend on that number:
///
///   forEach(T, n, f):    f(begin, end) on T disjoint contiguous ranges covering [0, n) (writes only)
///   sum<K>(T, n, f):     S_k = Σ_b s_k(b),  s_k(b) = f(b·B, min(n, (b+1)·B))[k],  B = kBlock,
///                        the block sums added serially in block order b = 0, 1, …
///
/// The blocks of a sum are fixed (B = 4096 indices) whatever the thread count T; each block's partial
/// sums are formed by one thread in index order, and the blocks are then added in order. So a sum has the
/// same bits for every T, and a solver's reductions are reproducible run to run. The thread count travels
/// with the objects (FourierTransform, Hamiltonian, set by the drivers from the caller's options): no
/// global state is set or read. T ≤ 1 or a short range: the same blocks, serially, the same result.
///
/// The T - 1 helper threads are started for the pass and joined at its end (std::thread, about 20 µs).
/// OpenMP teams were tried first: GCC's libgomp spins at every barrier, and on a shared machine (load 5
/// on 2 cores) a solve on 2 threads then ran 45× slower than on one (512²: 25 s instead of 0.55 s);
/// joining sleeps instead, and a pass here is 0.1–10 ms of work.
#include <algorithm>
#include <array>
#include <cstddef>
#include <thread>
#include <vector>

namespace cbec::parallel {

/// Indices per block of a sum (and the smallest range worth a thread).
inline constexpr size_t kBlock = 4096;

/// g(t, T) for t = 0..T-1, t = 0 on the calling thread, the others on helper threads joined before return.
template <class G>
void onThreads(size_t T, G&& g) {
  std::vector<std::thread> helpers;
  helpers.reserve(T - 1);
  for (size_t t = 1; t < T; ++t) helpers.emplace_back([&g, t, T] { g(t, T); });
  g(size_t{0}, T);
  for (std::thread& h : helpers) h.join();
}

/// f(begin, end) for disjoint contiguous ranges covering [0, n), one per thread; serial when n < 2·grain
/// (grain: the fewest items worth a thread, e.g. kBlock / row length when the items are rows).
template <class F>
void forEach(int threads, size_t n, F&& f, size_t grain = kBlock) {
  const size_t T = threads > 1 ? std::min(static_cast<size_t>(threads), n / std::max<size_t>(grain, 1)) : 1;
  if (T < 2) {
    if (n > 0) f(size_t{0}, n);
    return;
  }
  onThreads(T, [&](size_t t, size_t T) { f(n * t / T, n * (t + 1) / T); });
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
  auto range = [&](size_t b0, size_t b1) {
    for (size_t b = b0; b < b1; ++b) part[b] = f(b * kBlock, std::min(n, (b + 1) * kBlock));
  };
  const size_t T = threads > 1 ? std::min(static_cast<size_t>(threads), blocks / 2) : 1;
  if (T < 2) range(0, blocks);
  else onThreads(T, [&](size_t t, size_t T) { range(blocks * t / T, blocks * (t + 1) / T); });
  for (const Acc& p : part)
    for (size_t k = 0; k < K; ++k) total[k] += p[k];
  return total;
}

}  // namespace cbec::parallel
