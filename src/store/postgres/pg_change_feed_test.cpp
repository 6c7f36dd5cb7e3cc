// The change feed and turns (change_feed.h, turn.h) between two Databases on
// one PostgreSQL database, as two warmcity instances have them.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "store/change_feed.h"
#include "store/postgres/pg_test_util.h"
#include "store/turn.h"

namespace warmcity::store {
namespace {

using pg_testing::ScratchDatabase;

std::unique_ptr<Database> open(const std::string& url) {
  auto db = Database::open({url}, change_feed_migrations());
  EXPECT_TRUE(db.ok()) << db.status().message();
  return db.ok() ? std::move(*db) : nullptr;
}

TEST(PgChangeFeed, ANotifyWakesTheOtherInstanceLongBeforeItsPeriodicCheck) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  std::unique_ptr<Database> a = open(scratch.url());
  std::unique_ptr<Database> b = open(scratch.url());
  ASSERT_TRUE(a && b);
  // A periodic check every 30 s: only the NOTIFY can make this fast.
  ChangeFeed feed(*b, std::chrono::seconds(30));
  ASSERT_TRUE(feed.mark().ok());
  std::promise<std::vector<int64_t>> got;
  std::atomic<bool> once{false};
  feed.follow("facilities", [&](const std::vector<int64_t>& items) {
    if (!once.exchange(true)) got.set_value(items);
    return Status::Ok();
  });
  ASSERT_TRUE(feed.start().ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the LISTEN is in
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(a->write([](Connection& c) { return record_change(c, "facilities", 42); }).ok());
  std::future<std::vector<int64_t>> f = got.get_future();
  ASSERT_EQ(f.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  EXPECT_EQ(f.get(), std::vector<int64_t>{42});
}

TEST(PgChangeFeed, VersionsOfATopicCommitInOrderAcrossWriters) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  std::unique_ptr<Database> a = open(scratch.url());
  std::unique_ptr<Database> b = open(scratch.url());
  ASSERT_TRUE(a && b);
  constexpr int kEach = 200;
  auto writes = [](Database& db, int64_t base) {
    for (int i = 0; i < kEach; ++i) {
      db.submit([base, i](Connection& c) { return record_change(c, "t", base + i); }, nullptr);
    }
    return db.write([](Connection&) { return Status::Ok(); });
  };
  ChangeFeed feed(*b, std::chrono::milliseconds(20));
  ASSERT_TRUE(feed.mark().ok());
  std::vector<int64_t> seen;
  std::mutex mu;
  feed.follow("t", [&](const std::vector<int64_t>& items) {
    std::lock_guard<std::mutex> lock(mu);
    EXPECT_NE(items, std::vector<int64_t>{0}) << "no row may be missed";
    seen.insert(seen.end(), items.begin(), items.end());
    return Status::Ok();
  });
  ASSERT_TRUE(feed.start().ok());
  std::thread other([&] { EXPECT_TRUE(writes(*a, 1000).ok()); });
  EXPECT_TRUE(writes(*b, 5000).ok());
  other.join();
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < until) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (seen.size() == 2 * kEach) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  feed.stop();
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(seen.size(), 2u * kEach);
}

TEST(PgTurn, OneTransactionAtATimeHoldsATurn) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  std::unique_ptr<Database> a = open(scratch.url());
  std::unique_ptr<Database> b = open(scratch.url());
  ASSERT_TRUE(a && b);
  std::promise<void> held, release;
  std::shared_future<void> go = release.get_future().share();
  Result<bool> first = false, second = false, third = false;
  a->submit(
      [&](Connection& c) {
        first = take_turn(c, "appeals.sweep");
        held.set_value();
        go.wait();
        return first.status();
      },
      nullptr);
  held.get_future().wait();
  ASSERT_TRUE(b->write([&](Connection& c) {
                 second = take_turn(c, "appeals.sweep");
                 return second.status();
               }).ok());
  release.set_value();
  ASSERT_TRUE(a->write([](Connection&) { return Status::Ok(); }).ok());
  ASSERT_TRUE(b->write([&](Connection& c) {
                 third = take_turn(c, "appeals.sweep");  // a's transaction ended
                 return third.status();
               }).ok());
  ASSERT_TRUE(first.ok() && second.ok() && third.ok());
  EXPECT_TRUE(*first);
  EXPECT_FALSE(*second);
  EXPECT_TRUE(*third);
}

// wait_turn: a second instance's job waits for the first's transaction to
// end, then holds the turn itself; an unrelated name never waits.
TEST(PgTurn, AWaitedTurnWaitsForTheOtherTransactionToEnd) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  std::unique_ptr<Database> a = open(scratch.url());
  std::unique_ptr<Database> b = open(scratch.url());
  ASSERT_TRUE(a && b);
  std::promise<void> held, release;
  std::shared_future<void> go = release.get_future().share();
  Status first = Status::Ok();
  a->submit(
      [&](Connection& c) {
        first = wait_turn(c, "canteen_orders.elder:7");
        held.set_value();
        go.wait();
        return first;
      },
      nullptr);
  held.get_future().wait();
  // Another name: no wait while a holds elder 7.
  ASSERT_TRUE(b->write([](Connection& c) { return wait_turn(c, "canteen_orders.elder:8"); }).ok());
  std::atomic<bool> b_has_it{false};
  std::thread waiter([&] {
    Status s = b->write([&](Connection& c) {
      Status t = wait_turn(c, "canteen_orders.elder:7");
      b_has_it = true;
      return t;
    });
    EXPECT_TRUE(s.ok()) << s.message();
  });
  // While a's transaction lasts, b must not get the turn (it may be slow to
  // ask: this can only pass wrongly, never fail wrongly).
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(b_has_it.load());
  release.set_value();
  waiter.join();
  EXPECT_TRUE(b_has_it.load());
  ASSERT_TRUE(first.ok()) << first.message();
}

}  // namespace
}  // namespace warmcity::store
