#include "engine/core/worker_pool.h"

#include <algorithm>

namespace bp {

WorkerPool::WorkerPool(int threads) {
  resize(threads);
}

WorkerPool::~WorkerPool() {
  resize(1);
}

void WorkerPool::resize(int threads) {
  threads = std::max(1, threads);
  if (threads == this->threads()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
  workers_.clear();
  stop_ = false;
  // A worker starts from the generation current now: a run() issued before the thread gets to
  // look is still seen as new.
  const uint64_t start = generation_;
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this, i, start] { work(i, start); });
}

void WorkerPool::run_range(int thread) {
  const int64_t n = threads();
  const int64_t begin = tasks_ * thread / n, end = tasks_ * (thread + 1) / n;
  try {
    for (int64_t t = begin; t < end; ++t) (*body_)(t, thread);
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!error_) error_ = std::current_exception();
  }
}

void WorkerPool::run(int64_t tasks, const std::function<void(int64_t, int)>& body) {
  if (tasks <= 0) return;
  if (workers_.empty() || tasks == 1) {
    for (int64_t t = 0; t < tasks; ++t) body(t, 0);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    body_ = &body;
    tasks_ = tasks;
    pending_ = static_cast<int>(workers_.size());
    error_ = nullptr;
    ++generation_;
  }
  wake_.notify_all();
  run_range(0);
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [this] { return pending_ == 0; });
  body_ = nullptr;
  if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
}

void WorkerPool::work(int thread, uint64_t seen) {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
    }
    run_range(thread);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --pending_;
    }
    done_.notify_one();
  }
}

}  // namespace bp
