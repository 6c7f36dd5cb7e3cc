// The change feed (change_feed.h) on SQLite: two Databases on one file
// stand in for two instances (the PostgreSQL case, with NOTIFY, is
// postgres/pg_change_feed_test.cpp).
#include "store/change_feed.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "store/test_util.h"
#include "store/turn.h"

namespace warmcity::store {
namespace {

using testing_util::query_int;
using testing_util::ScratchDir;

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds within) {
  const auto until = std::chrono::steady_clock::now() + within;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

class ChangeFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    a_ = open();
    b_ = open();
  }
  std::unique_ptr<Database> open() {
    auto db = Database::open(Options{.path = dir_.file("feed.db")}, change_feed_migrations());
    EXPECT_TRUE(db.ok()) << db.status().message();
    return db.ok() ? std::move(*db) : nullptr;
  }
  void change(Database& db, std::string topic, int64_t item) {
    ASSERT_TRUE(db.write([&](Connection& c) { return record_change(c, topic, item); }).ok());
  }
  // What a follower of `topic` on `feed` receives, call by call.
  void record_into(ChangeFeed& feed, const std::string& topic) {
    feed.follow(topic, [this](const std::vector<int64_t>& items) {
      std::lock_guard<std::mutex> lock(mu_);
      got_.push_back(items);
      return Status::Ok();
    });
  }
  std::vector<std::vector<int64_t>> got() {
    std::lock_guard<std::mutex> lock(mu_);
    return got_;
  }

  ScratchDir dir_;
  std::unique_ptr<Database> a_, b_;
  std::mutex mu_;
  std::vector<std::vector<int64_t>> got_;
};
using store_change_feed = ChangeFeedTest;

TEST_F(store_change_feed, FollowsOnlyChangesAfterTheMarkInOrderWithoutRepeats) {
  change(*a_, "facilities", 7);  // before the mark: already in the snapshot
  ChangeFeed feed(*b_);
  ASSERT_TRUE(feed.mark().ok());
  record_into(feed, "facilities");
  ASSERT_TRUE(feed.check_now().ok());
  EXPECT_TRUE(got().empty());

  change(*a_, "facilities", 3);
  change(*a_, "facilities", 5);
  change(*a_, "facilities", 3);
  change(*a_, "areas", 1);  // nobody follows it here
  ASSERT_TRUE(feed.check_now().ok());
  ASSERT_EQ(got().size(), 1u);
  EXPECT_EQ(got()[0], (std::vector<int64_t>{3, 5}));

  ASSERT_TRUE(feed.check_now().ok());  // nothing new: no call
  EXPECT_EQ(got().size(), 1u);
  EXPECT_EQ(
      query_int(b_->reader(), "SELECT version FROM change_versions WHERE topic = 'facilities'"), 4);
}

TEST_F(store_change_feed, ItemZeroAndPrunedRowsMeanReloadAll) {
  ChangeFeed feed(*b_);
  ASSERT_TRUE(feed.mark().ok());
  record_into(feed, "areas");
  change(*a_, "areas", 4);
  change(*a_, "areas", 0);
  ASSERT_TRUE(feed.check_now().ok());
  ASSERT_EQ(got().size(), 1u);
  EXPECT_EQ(got()[0], std::vector<int64_t>{0});

  // Rows pruned before this process read them: it cannot know what changed.
  change(*a_, "areas", 8);
  change(*a_, "areas", 9);
  ASSERT_TRUE(a_->write([](Connection& c) {
                  return c.exec("DELETE FROM change_log WHERE item = 8");
                }).ok());
  ASSERT_TRUE(feed.check_now().ok());
  ASSERT_EQ(got().size(), 2u);
  EXPECT_EQ(got()[1], std::vector<int64_t>{0});
}

TEST_F(store_change_feed, AFailedFollowerGetsTheSameItemsAgain) {
  ChangeFeed feed(*b_);
  ASSERT_TRUE(feed.mark().ok());
  int calls = 0;
  std::vector<int64_t> last;
  feed.follow("calendar", [&](const std::vector<int64_t>& items) {
    last = items;
    return ++calls == 1 ? Status::Unavailable("database away") : Status::Ok();
  });
  change(*a_, "calendar", 2027);
  EXPECT_FALSE(feed.check_now().ok());
  ASSERT_TRUE(feed.check_now().ok());
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(last, std::vector<int64_t>{2027});
  ASSERT_TRUE(feed.check_now().ok());
  EXPECT_EQ(calls, 2);
}

TEST_F(store_change_feed, TheThreadChecksWithinItsIntervalAndStops) {
  ChangeFeed feed(*b_, std::chrono::milliseconds(50));
  ASSERT_TRUE(feed.mark().ok());
  record_into(feed, "categories");
  ASSERT_TRUE(feed.start().ok());
  change(*a_, "categories", 0);
  EXPECT_TRUE(eventually([&] { return !got().empty(); }, std::chrono::seconds(5)));
  feed.stop();
  feed.stop();  // idempotent
  EXPECT_GT(feed.checks(), 0u);
}

TEST_F(store_change_feed, SqliteAlwaysTakesItsTurn) {
  Result<bool> mine = false;
  ASSERT_TRUE(a_->write([&](Connection& c) {
                  mine = take_turn(c, "appeals.sweep");
                  return mine.status();
                }).ok());
  EXPECT_TRUE(mine.ok() && *mine);
  EXPECT_NE(turn_key("appeals.sweep"), turn_key("appeals.sweeq"));
  EXPECT_EQ(turn_key(""), static_cast<int64_t>(14695981039346656037ull));
}

}  // namespace
}  // namespace warmcity::store
