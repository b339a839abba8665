#pragma once
/// @file parallel.hpp
/// Pointwise passes over fields on a caller-given number of threads, and sums whose value does not
/// depend on that number:
///
///   forEach(T, n, f):    f(begin, end) on disjoint contiguous ranges covering [0, n) (writes only)
///   sum<K>(T, n, f):     S_k = Σ_b s_k(b),  s_k(b) = f(b·B, min(n, (b+1)·B))[k],  B = kBlock,
///                        the block sums added serially in block order b = 0, 1, …
///   claimed(T, C, f):    f(t, c) once for every chunk c = 0..C-1, t < T the thread that took it
///
/// The blocks of a sum are fixed (B = 4096 indices) whatever the thread count T; each block's partial
/// sums are formed by one thread in index order, and the blocks are then added in order. So a sum has the
/// same bits for every T, and a solver's reductions are reproducible run to run. The thread count travels
/// with the objects (FourierTransform, Hamiltonian, set by the drivers from the caller's options): no
/// global state is set or read. T ≤ 1 or a short range: the same blocks, serially, the same result.
///
/// A pass is cut into chunks (about 8 per thread: ranges of forEach, groups of blocks of sum) that the
/// threads take one at a time, so a thread that the machine does not run (a shared machine, another
/// program on the other core) holds up at most the chunk it took: the calling thread takes the rest, and
/// a helper that wakes after the last chunk is gone does not take part (the pass ends without it). On a
/// busy machine a pass on 2 threads thus costs about what it costs on one, instead of waiting for a core.
///
/// The T - 1 helpers of a pass are threads kept asleep between passes (detail::Workers: they wait on a
/// condition variable, i.e. in the kernel, and never spin): handing a pass to them costs about 4 µs,
/// where starting and joining std::threads cost 16–80 µs (the version before). When the helpers are
/// busy with another caller's pass (two solves on two threads of a program, or a pass started from
/// inside a pass) the pass starts its own std::threads and joins them.
/// OpenMP teams were tried first: GCC's libgomp spins at every barrier, and on a shared machine (load 5
/// on 2 cores) a solve on 2 threads then ran 45× slower than on one (512²: 25 s instead of 0.55 s);
/// a sleeping helper gives its core away, and a pass here is 0.1–10 ms of work.
#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace cbec::mpi { class Communicator; }

namespace cbec::parallel {

/// Indices per block of a sum (and the smallest range worth a thread).
inline constexpr size_t kBlock = 4096;
/// Chunks per thread of a pass (forEach, sum): the most a descheduled thread can hold up is 1/(8T).
inline constexpr size_t kChunksPerThread = 8;

namespace detail {

/// Helper threads that sleep between passes (a condition variable: no spinning). One set per program,
/// grown to the largest T - 1 asked for; it serves one pass at a time (run() returns false while
/// another pass holds it, and the caller then starts its own threads).
class Workers {
 public:
  using Job = void (*)(void* context, size_t t);
  static Workers& instance();
  /// job(context, t) on the caller (t = 0) and on those of helpers t = 1..T-1 that wake before the
  /// caller's job(context, 0) has returned; all of them done on return (so job must take its work from
  /// a shared counter, and the caller's call must finish it). false (nothing run) if the helpers serve
  /// another pass. job must not throw.
  bool run(size_t T, Job job, void* context);
  ~Workers();

 private:
  Workers() = default;
  void loop(size_t index, unsigned long seen);
  std::mutex use_;                      // held by the pass the helpers serve
  std::mutex state_;                    // guards the fields below
  std::condition_variable wake_, done_;
  std::vector<std::thread> helpers_;    // helper i runs t = i + 1
  Job job_ = nullptr;
  void* context_ = nullptr;
  size_t T_ = 0, running_ = 0;          // helpers inside job_
  unsigned long generation_ = 0;
  bool open_ = false, stop_ = false;    // open_: helpers may still join the current pass
};

}  // namespace detail

/// The workers of a pass: the threads of this process and, when the range is split over processes (a slab of
/// a grid, discretisation/slab.hpp), the ranks and where this process's part [offset, offset + n) lies in the
/// whole range [0, total). A plain thread count (ranks = null) is the one-process pass of everything below.
struct Team {
  int threads = 1;
  const mpi::Communicator* ranks = nullptr;   ///< null: the whole range is on this process
  size_t offset = 0;                          ///< the whole range's index of this process's index 0
  size_t total = 0;                           ///< length of the whole range
  /// Every rank's (offset, length), 2P values in rank order, when known (a slab's): the exchange of a sum is
  /// then one MPI_Allgatherv (else two: the lengths first).
  const std::vector<size_t>* parts = nullptr;
  Team(int t = 1) : threads(t) {}   // NOLINT: a thread count is a one-process team
  Team(int t, const mpi::Communicator* r, size_t off, size_t tot, const std::vector<size_t>* p = nullptr)
      : threads(t), ranks(r), offset(off), total(tot), parts(p) {}
  bool split() const { return ranks != nullptr; }
};

namespace detail {
/// A split sum's share of the global blocks (kBlock indices each) on the part [g0, g0 + n) of [0, total):
/// the blocks [bFirst, bEnd) lie wholly in it, [w0, w1) their indices; [g0, w0) and [w1, g0 + n) are the
/// indices of blocks shared with a neighbour.
struct SplitBlocks {
  size_t bFirst, bEnd, w0, w1;
  SplitBlocks(size_t g0, size_t n, size_t total) {
    const size_t g1 = g0 + n;
    bFirst = (g0 + kBlock - 1) / kBlock;
    bEnd = n == 0 ? bFirst : std::max(bFirst, g1 == total ? (g1 + kBlock - 1) / kBlock : g1 / kBlock);
    w0 = std::min(g1, bFirst * kBlock);
    w1 = std::max(w0, std::min(g1, bEnd * kBlock));
  }
};
/// The split sum's exchange: every rank's message (its offset, its element terms outside whole blocks and its
/// whole blocks' sums, K values each) gathered in rank order and folded into the K sums in the global order of
/// sum<K> below. Defined in parallel.cpp (through mpi::Communicator: no MPI header here).
std::vector<double> combineSplitSum(const Team& team, size_t K, const std::vector<double>& message);
}  // namespace detail

/// f(t, c) once for every chunk c in [0, C), t < T the index of the thread that took c (t = 0: the caller;
/// a thread may take several chunks, or none); all done on return. Serial (t = 0) when T < 2 or C < 2.
template <class F>
void claimed(size_t T, size_t C, F&& f) {
  T = std::min(T, C);
  if (T < 2) {
    for (size_t c = 0; c < C; ++c) f(size_t{0}, c);
    return;
  }
  struct Pass {
    F& f;
    size_t C;
    std::atomic<size_t> next{0};
    void operator()(size_t t) {
      for (size_t c = next.fetch_add(1, std::memory_order_relaxed); c < C; c = next.fetch_add(1, std::memory_order_relaxed))
        f(t, c);
    }
  } pass{f, C};
  auto job = [](void* context, size_t t) { (*static_cast<Pass*>(context))(t); };
  if (detail::Workers::instance().run(T, job, &pass)) return;
  std::vector<std::thread> helpers;
  helpers.reserve(T - 1);
  for (size_t t = 1; t < T; ++t) helpers.emplace_back([&pass, t] { pass(t); });
  pass(0);
  for (std::thread& h : helpers) h.join();
}

/// f(begin, end) for disjoint contiguous ranges covering [0, n) (chunks of at least `grain` items, about
/// kChunksPerThread per thread); serial, one call f(0, n), when n < 2·grain or threads < 2
/// (grain: the fewest items worth a thread, e.g. kBlock / row length when the items are rows).
template <class F>
void forEach(int threads, size_t n, F&& f, size_t grain = kBlock) {
  const size_t T = threads > 1 ? std::min(static_cast<size_t>(threads), n / std::max<size_t>(grain, 1)) : 1;
  if (T < 2) {
    if (n > 0) f(size_t{0}, n);
    return;
  }
  const size_t C = std::min(T * kChunksPerThread, n / std::max<size_t>(grain, 1));
  claimed(T, C, [&](size_t, size_t c) { f(n * c / C, n * (c + 1) / C); });
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
  if (T < 2) {
    range(0, blocks);
  } else {
    const size_t C = std::min(T * kChunksPerThread, blocks);
    claimed(T, C, [&](size_t, size_t c) { range(blocks * c / C, blocks * (c + 1) / C); });
  }
  for (const Acc& p : part)
    for (size_t k = 0; k < K; ++k) total[k] += p[k];
  return total;
}

/// The same K sums over a range split over processes (Team::split()): the value sum<K> would give on one process
/// over the whole range [0, total), bit for bit, whatever the number of ranks and where their parts begin.
/// The blocks are the global ones, B·b ≤ i < B·(b+1) in the whole range's index; a rank forms the sums of the
/// blocks wholly its own as above (f over the block, in index order) and, for the blocks it shares with a
/// neighbour, each element's terms alone (f(i, i + 1): the term itself, 0 + t = t exactly); all ranks then
/// receive every rank's part in rank order (= index order for contiguous slabs), fold the shared blocks'
/// terms from zero in index order and add the blocks in block order, as sum<K> does. f must add one term per
/// element to each of its K sums (true of every pass in cbec) and, as ever, write only element i's outputs.
template <size_t K, class F>
std::array<double, K> sum(const Team& team, size_t n, F&& f) {
  if (!team.split()) return sum<K>(team.threads, n, f);
  using Acc = std::array<double, K>;
  const size_t g0 = team.offset, g1 = g0 + n;
  const detail::SplitBlocks sb(g0, n, team.total);
  const size_t bFirst = sb.bFirst, w0 = sb.w0, w1 = sb.w1, blocks = sb.bEnd - sb.bFirst;
  // message: g0, n, then the terms of [g0, w0), the block sums of [w0, w1), the terms of [w1, g1)
  std::vector<double> msg;
  msg.reserve(2 + K * ((w0 - g0) + blocks + (g1 - w1)));
  msg.push_back(static_cast<double>(g0));
  msg.push_back(static_cast<double>(n));
  auto terms = [&](size_t a, size_t b) {
    for (size_t g = a; g < b; ++g) {
      const Acc t = f(g - g0, g - g0 + 1);
      msg.insert(msg.end(), t.begin(), t.end());
    }
  };
  terms(g0, w0);
  if (blocks > 0) {
    std::vector<Acc> part(blocks);
    auto range = [&](size_t b0, size_t b1) {
      for (size_t b = b0; b < b1; ++b)
        part[b] = f((bFirst + b) * kBlock - g0, std::min(w1, (bFirst + b + 1) * kBlock) - g0);
    };
    const size_t T = team.threads > 1 ? std::min(static_cast<size_t>(team.threads), blocks / 2) : 1;
    if (T < 2) {
      range(0, blocks);
    } else {
      const size_t C = std::min(T * kChunksPerThread, blocks);
      claimed(T, C, [&](size_t, size_t c) { range(blocks * c / C, blocks * (c + 1) / C); });
    }
    for (const Acc& p : part) msg.insert(msg.end(), p.begin(), p.end());
  }
  terms(w1, g1);
  const std::vector<double> s = detail::combineSplitSum(team, K, msg);
  Acc out{};
  for (size_t k = 0; k < K; ++k) out[k] = s[k];
  return out;
}

}  // namespace cbec::parallel
