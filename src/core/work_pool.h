// WorkPool: a few threads for slow work — argon2id hashing and verification
// in accounts, checking an import file and building an export in facilities —
// so that no I/O thread ever waits for it (an I/O thread serves many
// connections: http/session.cpp).
//
// try_post() queues a task unless the queue is full (the server is being
// flooded with logins, say): the caller then answers 503 at once instead of
// letting the queue grow. The destructor runs every task already queued,
// then joins the threads, so a task's reply is never dropped — except after
// shutdown(), which the server calls once it has stopped serving: queued
// tasks are then dropped unrun (nobody is left to read their replies).
// Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace warmcity::core {

class WorkPool {
 public:
  static constexpr size_t kMaxQueued = 1024;

  explicit WorkPool(int threads);
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // False when the queue is full or the pool is stopping; the task is then
  // not run and the caller must answer for it.
  [[nodiscard]] bool try_post(std::function<void()> task);
  // Drops every queued task without running it, lets running ones finish,
  // joins the threads. Idempotent; try_post() fails afterwards.
  void shutdown();

 private:
  void run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;  // guarded by mu_
  bool stopping_ = false;                    // guarded by mu_
  std::vector<std::thread> threads_;
};

}  // namespace warmcity::core
