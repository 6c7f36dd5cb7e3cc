#include "http/handler_pool.h"

#include <algorithm>
#include <utility>

namespace warmcity::http {

namespace {

std::chrono::milliseconds tick_for(std::chrono::milliseconds wait) {
  return std::clamp(wait / 8, std::chrono::milliseconds(1), std::chrono::milliseconds(100));
}

}  // namespace

HandlerPool::HandlerPool(int threads, std::chrono::milliseconds wait, size_t max_queued)
    : wait_(std::max(wait, std::chrono::milliseconds(1))),
      tick_(tick_for(wait_)),
      max_queued_(std::max<size_t>(max_queued, 1)) {
  const int n = std::max(1, threads);
  workers_.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) workers_.emplace_back([this] { work(); });
  deadline_thread_ = std::thread([this] { watch_deadlines(); });
}

HandlerPool::~HandlerPool() { shutdown(); }

void HandlerPool::post(Task run, Reject reject) {
  Refusal refusal;
  {
    std::lock_guard lock(mu_);
    if (!stopping_ && queue_.size() < max_queued_) {
      queue_.push_back(Entry{std::move(run), std::move(reject), Clock::now()});
      work_cv_.notify_one();
      return;
    }
    refusal = stopping_ ? Refusal::kStopping : Refusal::kQueueFull;
  }
  (refusal == Refusal::kStopping ? rejected_stopping_ : rejected_full_).fetch_add(1);
  reject(refusal);
}

void HandlerPool::shutdown() {
  std::deque<Entry> refused;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    refused.swap(queue_);
  }
  work_cv_.notify_all();
  deadline_cv_.notify_all();
  for (Entry& e : refused) {
    rejected_stopping_.fetch_add(1);
    e.reject(Refusal::kStopping);
  }
  refused.clear();  // the tasks' captures die here, before the threads are joined
  std::call_once(joined_, [this] {
    for (std::thread& t : workers_) t.join();
    deadline_thread_.join();
  });
}

HandlerPool::Stats HandlerPool::stats() const {
  Stats s;
  {
    std::lock_guard lock(mu_);
    s.queued = queue_.size();
  }
  s.ran = ran_.load(std::memory_order_relaxed);
  s.rejected_full = rejected_full_.load(std::memory_order_relaxed);
  s.rejected_waited = rejected_waited_.load(std::memory_order_relaxed);
  s.rejected_stopping = rejected_stopping_.load(std::memory_order_relaxed);
  return s;
}

void HandlerPool::work() {
  for (;;) {
    Entry e;
    {
      std::unique_lock lock(mu_);
      work_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping (shutdown() took what was queued)
      e = std::move(queue_.front());
      queue_.pop_front();
    }
    if (Clock::now() - e.queued_at > wait_) {
      rejected_waited_.fetch_add(1);
      e.reject(Refusal::kWaitedTooLong);
    } else {
      ran_.fetch_add(1);
      e.run();
    }
  }
}

void HandlerPool::take_expired(Clock::time_point now, std::vector<Entry>& out) {
  // Every task waits the same `wait`, so the oldest — the front — expires first.
  while (!queue_.empty() && now - queue_.front().queued_at > wait_) {
    out.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
}

void HandlerPool::watch_deadlines() {
  std::vector<Entry> expired;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      deadline_cv_.wait_for(lock, tick_, [&] { return stopping_; });
      if (stopping_) return;
      take_expired(Clock::now(), expired);
    }
    for (Entry& e : expired) {
      rejected_waited_.fetch_add(1);
      e.reject(Refusal::kWaitedTooLong);
    }
    expired.clear();
  }
}

}  // namespace warmcity::http
