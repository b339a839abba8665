#include <cbec/discretisation/parallel.hpp>

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
