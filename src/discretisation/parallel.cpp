#include <cbec/discretisation/parallel.hpp>

#include <cbec/mpi/communicator.hpp>

namespace cbec::parallel::detail {

Workers& Workers::instance() {
  static Workers workers;
  return workers;
}

Workers::~Workers() {
  {
    std::lock_guard<std::mutex> lock(state_);
    stop_ = true;
  }
  wake_.notify_all();
  for (std::thread& h : helpers_) h.join();
}

bool Workers::run(size_t T, Job job, void* context) {
  std::unique_lock<std::mutex> use(use_, std::try_to_lock);
  if (!use) return false;
  {
    std::lock_guard<std::mutex> lock(state_);
    // a new helper starts having seen the generations so far, so it may join this pass
    while (helpers_.size() + 1 < T) helpers_.emplace_back(&Workers::loop, this, helpers_.size() + 1, generation_);
    job_ = job;
    context_ = context;
    T_ = T;
    open_ = true;
    ++generation_;
  }
  wake_.notify_all();
  job(context, 0);   // returns when every chunk has been taken
  std::unique_lock<std::mutex> lock(state_);
  open_ = false;     // a helper waking from now on stays out of this pass
  done_.wait(lock, [&] { return running_ == 0; });
  return true;
}

// Helper `index` sleeps until a pass newer than `seen` is posted, and joins it if it is still open and
// has T > index.
void Workers::loop(size_t index, unsigned long seen) {
  std::unique_lock<std::mutex> lock(state_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
    if (stop_) return;
    seen = generation_;
    if (!open_ || index >= T_) continue;
    const Job job = job_;
    void* const context = context_;
    ++running_;
    lock.unlock();
    job(context, index);
    lock.lock();
    if (--running_ == 0) done_.notify_one();
  }
}

}  // namespace cbec::parallel::detail

namespace cbec::parallel::detail {

// Every rank's message in rank order: g0, n, the terms of [g0, w0) (K each), the sums of the blocks
// [bFirst, bEnd) (K each), the terms of [w1, g0 + n). Shared blocks are folded from zero in index order, whole
// blocks taken as formed, and the blocks added in block order: sum<K>'s arithmetic over the whole range.
std::vector<double> combineSplitSum(const Team& team, size_t K, const std::vector<double>& message) {
  std::vector<double> all;
  if (team.parts) {   // every rank's message length from its part: one collective
    std::vector<int> counts;
    for (size_t r = 0; r + 1 < team.parts->size(); r += 2) {
      const size_t g0 = (*team.parts)[r], n = (*team.parts)[r + 1];
      const SplitBlocks sb(g0, n, team.total);
      counts.push_back(static_cast<int>(2 + K * ((sb.w0 - g0) + (sb.bEnd - sb.bFirst) + (g0 + n - sb.w1))));
    }
    all = team.ranks->allGather(message, counts);
  } else {
    all = team.ranks->allGather(message);
  }
  const size_t blocks = (team.total + kBlock - 1) / kBlock;
  std::vector<double> part(blocks * K, 0.0);
  size_t pos = 0;
  auto fold = [&](size_t a, size_t b) {
    for (size_t g = a; g < b; ++g)
      for (size_t k = 0; k < K; ++k) part[(g / kBlock) * K + k] += all[pos++];
  };
  while (pos + 2 <= all.size()) {
    const size_t g0 = static_cast<size_t>(all[pos]), n = static_cast<size_t>(all[pos + 1]);
    pos += 2;
    const SplitBlocks sb(g0, n, team.total);
    fold(g0, sb.w0);
    for (size_t b = sb.bFirst; b < sb.bEnd; ++b)
      for (size_t k = 0; k < K; ++k) part[b * K + k] = all[pos++];
    fold(sb.w1, g0 + n);
  }
  std::vector<double> total(K, 0.0);
  for (size_t b = 0; b < blocks; ++b)
    for (size_t k = 0; k < K; ++k) total[k] += part[b * K + k];
  return total;
}

}  // namespace cbec::parallel::detail
