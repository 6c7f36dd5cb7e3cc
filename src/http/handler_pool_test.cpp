#include "http/handler_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace warmcity::http {
namespace {

using namespace std::chrono_literals;
using Refusal = HandlerPool::Refusal;

// Occupies one pool thread until release() (or destruction).
class Blocker {
 public:
  explicit Blocker(HandlerPool& pool) {
    pool.post(
        [gate = gate_, started = &started_] {
          started->set_value();
          gate.wait();
        },
        [](Refusal) { ADD_FAILURE() << "the blocking task was refused"; });
    started_.get_future().wait();
  }
  ~Blocker() { release(); }
  void release() {
    if (!released_) release_.set_value();
    released_ = true;
  }

 private:
  std::promise<void> release_;
  std::shared_future<void> gate_ = release_.get_future().share();
  std::promise<void> started_;
  bool released_ = false;
};

// Records what happened to one posted task.
struct Outcome {
  std::promise<std::string> what;
  std::thread::id on;
  HandlerPool::Task run() {
    return [this] {
      on = std::this_thread::get_id();
      what.set_value("ran");
    };
  }
  HandlerPool::Reject reject() {
    return [this](Refusal r) {
      on = std::this_thread::get_id();
      what.set_value(r == Refusal::kQueueFull       ? "full"
                     : r == Refusal::kWaitedTooLong ? "waited"
                                                    : "stopping");
    };
  }
};

TEST(HandlerPool, RunsTasksInTheOrderPosted) {
  HandlerPool pool(1, 5s, 100);
  std::mutex mu;
  std::vector<int> order;
  std::promise<void> done;
  for (int i = 0; i < 50; ++i) {
    pool.post(
        [&, i] {
          std::lock_guard lock(mu);
          order.push_back(i);
          if (i == 49) done.set_value();
        },
        [](Refusal) { ADD_FAILURE() << "refused"; });
  }
  ASSERT_EQ(done.get_future().wait_for(10s), std::future_status::ready);
  std::lock_guard lock(mu);
  ASSERT_EQ(order.size(), 50u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(order[static_cast<size_t>(i)], i);
  EXPECT_EQ(pool.stats().ran, 50u);
}

TEST(HandlerPool, RunsOnItsOwnThreads) {
  HandlerPool pool(2, 5s, 10);
  Outcome o;
  pool.post(o.run(), o.reject());
  auto f = o.what.get_future();
  ASSERT_EQ(f.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(f.get(), "ran");
  EXPECT_NE(o.on, std::this_thread::get_id());
}

TEST(HandlerPool, ATaskThatWaitsPastTheDeadlineIsRefusedWhileEveryThreadIsStuck) {
  HandlerPool pool(1, 30ms, 10);
  Blocker busy(pool);  // the one thread stays busy throughout
  Outcome late;
  const auto posted = std::chrono::steady_clock::now();
  pool.post(late.run(), late.reject());
  auto f = late.what.get_future();
  // The deadline thread answers: the only worker is still blocked.
  ASSERT_EQ(f.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(f.get(), "waited");
  EXPECT_GE(std::chrono::steady_clock::now() - posted, 30ms);
  EXPECT_EQ(pool.stats().rejected_waited, 1u);
  EXPECT_EQ(pool.stats().queued, 0u);
  busy.release();
}

TEST(HandlerPool, ATaskTakenWithinTheDeadlineRuns) {
  HandlerPool pool(1, 2s, 10);
  Outcome o;
  {
    Blocker busy(pool);
    pool.post(o.run(), o.reject());
    std::this_thread::sleep_for(20ms);  // well inside the 2 s
  }
  auto f = o.what.get_future();
  ASSERT_EQ(f.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(f.get(), "ran");
}

TEST(HandlerPool, AFullQueueRefusesAtOnceOnTheCallersThread) {
  HandlerPool pool(1, 10s, 2);
  Blocker busy(pool);
  Outcome a, b, c;
  pool.post(a.run(), a.reject());
  pool.post(b.run(), b.reject());
  pool.post(c.run(), c.reject());  // the queue holds two
  auto fc = c.what.get_future();
  ASSERT_EQ(fc.wait_for(0s), std::future_status::ready);  // answered inside post()
  EXPECT_EQ(fc.get(), "full");
  EXPECT_EQ(c.on, std::this_thread::get_id());
  EXPECT_EQ(pool.stats().queued, 2u);
  EXPECT_EQ(pool.stats().rejected_full, 1u);
  busy.release();
  auto fa = a.what.get_future();
  auto fb = b.what.get_future();
  ASSERT_EQ(fb.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(fa.get(), "ran");
  EXPECT_EQ(fb.get(), "ran");
}

TEST(HandlerPool, ShutdownRefusesQueuedTasksLetsTheRunningOneFinishAndRefusesLaterPosts) {
  HandlerPool pool(1, 10s, 100);
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::promise<void> started;
  std::atomic<bool> finished{false};
  pool.post(
      [&] {
        started.set_value();
        gate.wait();
        finished = true;
      },
      [](Refusal) { ADD_FAILURE() << "refused"; });
  started.get_future().wait();
  std::vector<std::unique_ptr<Outcome>> queued;
  for (int i = 0; i < 5; ++i) {
    queued.push_back(std::make_unique<Outcome>());
    pool.post(queued.back()->run(), queued.back()->reject());
  }
  auto stopper = std::async(std::launch::async, [&pool] { pool.shutdown(); });
  // The queued tasks are answered before the running one ends…
  for (auto& o : queued) {
    auto f = o->what.get_future();
    ASSERT_EQ(f.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(f.get(), "stopping");
  }
  // …and shutdown() waits for the running one, then returns.
  EXPECT_EQ(stopper.wait_for(50ms), std::future_status::timeout);
  release.set_value();
  ASSERT_EQ(stopper.wait_for(10s), std::future_status::ready);
  EXPECT_TRUE(finished.load());

  Outcome after;
  pool.post(after.run(), after.reject());
  auto f = after.what.get_future();
  ASSERT_EQ(f.wait_for(0s), std::future_status::ready);
  EXPECT_EQ(f.get(), "stopping");
  pool.shutdown();  // idempotent
  EXPECT_EQ(pool.stats().rejected_stopping, 6u);
}

TEST(HandlerPool, EveryTaskIsRunOrRefusedExactlyOnceUnderLoad) {
  std::atomic<int> ran{0}, refused{0};
  constexpr int kPosters = 4, kEach = 2000;
  {
    HandlerPool pool(3, 1ms, 64);
    std::vector<std::thread> posters;
    for (int p = 0; p < kPosters; ++p) {
      posters.emplace_back([&] {
        for (int i = 0; i < kEach; ++i) {
          pool.post(
              [&ran] {
                ++ran;
                std::this_thread::sleep_for(std::chrono::microseconds(20));
              },
              [&refused](Refusal) { ++refused; });
        }
      });
    }
    for (auto& t : posters) t.join();
  }  // the destructor refuses what is still queued
  EXPECT_EQ(ran.load() + refused.load(), kPosters * kEach);
  EXPECT_GT(ran.load(), 0);
}

}  // namespace
}  // namespace warmcity::http
