#pragma once
// A fixed set of threads that runs one parallel loop at a time: the CPU backend splits a batch
// over it. Tasks are handed out as contiguous ranges, the calling thread doing the first range,
// so a loop over T tasks with P threads costs one wake-up of P-1 workers. Kernels that use it
// make their results independent of the thread count (each task's arithmetic is fixed, and
// reductions over tasks run in task order afterwards).
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace bp {

class WorkerPool {
 public:
  explicit WorkerPool(int threads = 1);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }
  // Stops the workers and starts threads-1 new ones (threads >= 1). Not during run().
  void resize(int threads);

  // Calls body(task, thread) for every task in [0, tasks), thread in [0, threads()); blocks
  // until all calls returned. The first exception thrown by a call is rethrown here.
  void run(int64_t tasks, const std::function<void(int64_t task, int thread)>& body);

 private:
  void work(int thread, uint64_t seen);
  void run_range(int thread);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(int64_t, int)>* body_ = nullptr;
  int64_t tasks_ = 0;
  uint64_t generation_ = 0;
  int pending_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
};

}  // namespace bp
