#include "core/work_pool.h"

#include <atomic>
#include <chrono>
#include <future>

#include <gtest/gtest.h>

namespace warmcity::core {
namespace {

TEST(WorkPool, RunsTasksAndTheDestructorDrainsTheQueue) {
  std::atomic<int> ran{0};
  {
    WorkPool pool(2);
    for (int i = 0; i < 50; ++i) ASSERT_TRUE(pool.try_post([&ran] { ++ran; }));
  }
  EXPECT_EQ(ran.load(), 50);
}

TEST(WorkPool, ShutdownDropsQueuedTasksAndRefusesNewOnes) {
  WorkPool pool(1);
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::promise<void> started;
  std::atomic<int> ran{0};
  auto marker = std::make_shared<int>(0);
  ASSERT_TRUE(pool.try_post([gate, &ran, &started] {
    started.set_value();
    gate.wait();
    ++ran;
  }));
  started.get_future().wait();  // the one thread is busy: the rest stay queued
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(pool.try_post([&ran, marker] { ++ran; }));
  }
  std::thread opener([&release] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    release.set_value();
  });
  pool.shutdown();
  opener.join();
  EXPECT_EQ(ran.load(), 1);          // the running task finished
  EXPECT_EQ(marker.use_count(), 1);  // the queued ones were destroyed unrun
  EXPECT_FALSE(pool.try_post([] {}));
  pool.shutdown();  // idempotent
}

}  // namespace
}  // namespace warmcity::core
