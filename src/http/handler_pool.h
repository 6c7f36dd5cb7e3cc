// HandlerPool: the threads that run request dispatches (authentication and the
// handler) off the I/O threads when ServerConfig::handler_threads > 0
// (http/session.cpp). On PostgreSQL every read is a network round trip; on an
// I/O thread it would hold up every connection of that thread, here it holds
// up one pool thread. Each pool thread keeps its own reader connection
// (store::Database::reader() is per thread), so the thread count bounds the
// database connections that dispatches use, and a request that finds no free
// thread within `wait` is waiting for a connection: it is refused instead.
//
// post() queues `run` with its `reject` and the time it was queued. Exactly
// one of the two is called, once:
//   - run(), on a pool thread that takes the task within `wait`;
//   - reject(kQueueFull) at once, on the caller's thread, when `max_queued`
//     tasks are waiting already;
//   - reject(kWaitedTooLong) once the task has waited longer than `wait`: on
//     the pool thread that takes it late, or on the pool's deadline thread,
//     which looks every kTick-or-sooner (wait/8, 1..100 ms) — so a task is
//     refused in time even when every pool thread is stuck (a database that
//     stopped answering);
//   - reject(kStopping) when shutdown() comes first (on the thread calling
//     shutdown()), or at once when post() comes after it.
// Tasks are taken in the order they were posted.
//
// Standalone rather than on core::WorkPool: that pool runs a task however
// long it waited, has one fixed queue bound, and its shutdown() drops queued
// tasks without a word. Here every task must be answered by its deadline even
// when all threads are blocked, which takes the deadline thread, the enqueue
// time and a reject per task — more than a wrapper around WorkPool can add.
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace warmcity::http {

class HandlerPool {
 public:
  enum class Refusal { kQueueFull, kWaitedTooLong, kStopping };
  using Task = std::function<void()>;
  using Reject = std::function<void(Refusal)>;
  using Clock = std::chrono::steady_clock;

  struct Stats {
    uint64_t queued = 0;  // waiting now
    uint64_t ran = 0;
    uint64_t rejected_full = 0;
    uint64_t rejected_waited = 0;
    uint64_t rejected_stopping = 0;
  };

  // REQUIRES: threads >= 1, wait > 0, max_queued >= 1.
  HandlerPool(int threads, std::chrono::milliseconds wait, size_t max_queued);
  ~HandlerPool();  // shutdown()
  HandlerPool(const HandlerPool&) = delete;
  HandlerPool& operator=(const HandlerPool&) = delete;

  void post(Task run, Reject reject);
  // Refuses every queued task (kStopping), lets running ones finish, joins
  // the threads. Idempotent; post() refuses afterwards.
  void shutdown();

  Stats stats() const;
  int threads() const { return static_cast<int>(workers_.size()); }
  std::chrono::milliseconds wait() const { return wait_; }

 private:
  struct Entry {
    Task run;
    Reject reject;
    Clock::time_point queued_at;
  };

  void work();
  void watch_deadlines();
  // REQUIRES: mu_ held. Moves the tasks at the front that have waited
  // longer than wait_ into `out`.
  void take_expired(Clock::time_point now, std::vector<Entry>& out);

  const std::chrono::milliseconds wait_;
  const std::chrono::milliseconds tick_;  // how often the deadline thread looks
  const size_t max_queued_;
  mutable std::mutex mu_;
  std::condition_variable work_cv_;      // workers wait for a task
  std::condition_variable deadline_cv_;  // the deadline thread waits for its tick
  std::deque<Entry> queue_;              // guarded by mu_
  bool stopping_ = false;                // guarded by mu_
  std::atomic<uint64_t> ran_{0};
  std::atomic<uint64_t> rejected_full_{0};
  std::atomic<uint64_t> rejected_waited_{0};
  std::atomic<uint64_t> rejected_stopping_{0};
  std::vector<std::thread> workers_;
  std::thread deadline_thread_;
  std::once_flag joined_;
};

}  // namespace warmcity::http
