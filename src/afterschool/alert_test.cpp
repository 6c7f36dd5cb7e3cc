// Late pickups (alert_service.h, alert_store.h), on SQLite and on
// PostgreSQL: a child still here 30 minutes after the end raises one alert
// a day, its guardians are told once (one message per phone), a check-out
// after it is late and resolves it.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "afterschool/day_test_world.h"
#include "afterschool/module.h"

namespace warmcity::afterschool {
namespace {

using AlertTest = DayWorld;

TEST_F(AlertTest, NothingBeforeHalfAnHourPastTheEnd) {
  ASSERT_TRUE(check_in(1, 101).ok());
  at_minute(18 * 60 + 59);
  Result<int64_t> n = sweep();
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(*n, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_alerts"), 0);
  EXPECT_TRUE(sent().empty());
}

TEST_F(AlertTest, RaisedOnceAndTheGuardiansToldOnce) {
  ASSERT_TRUE(check_in(1, 101).ok());
  ASSERT_TRUE(check_in(1, 102).ok());
  ASSERT_TRUE(check_in(2, 103, other_staff()).ok());
  now_ += 10 * kMinute;
  ASSERT_TRUE(check_out(1, by_code(102, "123456")).ok());  // 小红 went home in time
  at_minute(19 * 60 + 5);
  Result<int64_t> n = sweep();
  ASSERT_TRUE(n.ok()) << n.status().message();
  // 小明's mother and father, 小刚's mother: one message per phone.
  EXPECT_EQ(*n, 3);
  std::vector<std::pair<std::string, std::string>> msgs = sent();
  ASSERT_EQ(msgs.size(), 3u);
  EXPECT_EQ(msgs[0].first, "13900000010");
  EXPECT_NE(msgs[0].second.find("张小明"), std::string::npos);
  EXPECT_EQ(msgs[0].second.find("张小红"), std::string::npos);
  EXPECT_EQ(msgs[1].first, "13900000011");
  EXPECT_EQ(msgs[2].first, "13900000012");
  EXPECT_NE(msgs[2].second.find("龙山四点半课堂"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_alerts WHERE day = '2026-09-14' AND "
                  "notified_at IS NOT NULL AND resolved_at IS NULL"),
            2);
  now_ += 5 * kMinute;
  Result<int64_t> again = sweep();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(sent().size(), 3u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_alerts"), 2);
}

TEST_F(AlertTest, ACheckOutAfterTheAlertIsLateAndResolvesIt) {
  ASSERT_TRUE(check_in(1, 101).ok());
  at_minute(19 * 60);
  ASSERT_TRUE(sweep().ok());
  at_minute(19 * 60 + 20);
  Result<Attendance> a = check_out(1, by_code(101, "123456"));
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_TRUE(a->late);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_alerts WHERE child_id = 101 AND "
                  "resolved_at = " +
                  std::to_string(now_.load())),
            1);
  EXPECT_EQ(count("SELECT late FROM afterschool_attendance WHERE child_id = 101"), 1);
  // Resolved alerts are told no more.
  ASSERT_TRUE(sweep().ok());
  EXPECT_EQ(sent().size(), 2u);
}

TEST_F(AlertTest, LateBeforeAnySweepSawIt) {
  ASSERT_TRUE(check_in(1, 101).ok());
  ASSERT_TRUE(check_in(1, 102).ok());
  at_minute(18 * 60 + 45);
  Result<Attendance> in_time = check_out(1, by_code(102, "123456"));
  ASSERT_TRUE(in_time.ok());
  EXPECT_FALSE(in_time->late);
  at_minute(19 * 60);
  Result<Attendance> late = check_out(1, by_code(101, "123456"));
  ASSERT_TRUE(late.ok()) << late.status().message();
  EXPECT_TRUE(late->late);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_alerts WHERE child_id = 101 AND "
                  "resolved_at IS NOT NULL AND notified_at IS NULL"),
            1);
  ASSERT_TRUE(sweep().ok());
  EXPECT_TRUE(sent().empty());
}

// The module the app wires: every part's routes on one router, and its
// sweep (the sweeper thread runs the same; 0 seconds: no thread here).
TEST_F(AlertTest, TheModuleRegistersEveryPartAndSweeps) {
  auto photos = photos::PhotoStore::open(scratch_.dir().file("photos"));
  ASSERT_TRUE(photos.ok()) << photos.status().message();
  accounts::AuditLog audit(*db_);
  std::vector<std::string> told;
  ModuleConfig config;
  config.sweep_interval_s = 0;
  config.calendar = [this] { return calendar_; };
  config.notify = [&told](const std::string& phone, const std::string&) { told.push_back(phone); };
  config.now = [this] { return now_.load(); };
  Module module(*db_, audit, *photos, std::move(config));
  http::Router router;
  module.register_routes(router);
  std::vector<std::string> patterns;
  for (const auto& r : router.routes()) patterns.push_back(r->pattern);
  for (const char* p :
       {"/api/v1/afterschool-programmes", "/api/v1/afterschool-counts", "/api/v1/children",
        "/api/v1/my-pickup-adults", "/api/v1/children/{id}/proxies",
        "/api/v1/pickup-proxies/{id}/confirm", "/api/v1/afterschool-programmes/{id}/check-ins",
        "/api/v1/afterschool-programmes/{id}/check-outs",
        "/api/v1/afterschool-programmes/{id}/roster",
        "/api/v1/afterschool-programmes/{id}/roster.csv"})
    EXPECT_NE(std::find(patterns.begin(), patterns.end(), p), patterns.end()) << p;
  ASSERT_TRUE(check_in(1, 101).ok());
  at_minute(19 * 60);
  std::promise<Result<int64_t>> swept;
  module.sweep([&swept](Result<int64_t> n) { swept.set_value(std::move(n)); });
  Result<int64_t> n = swept.get_future().get();
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(told, (std::vector<std::string>{"13900000010", "13900000011"}));
  module.stop();
}

}  // namespace
}  // namespace warmcity::afterschool
