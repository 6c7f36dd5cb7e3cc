// The calendar feeds' reads and tokens (feed_store.h, feed_service.h) and
// the dashboard's counts (activity_counts.h), on SQLite and on PostgreSQL:
// which occurrences each feed holds (its subject, the window 30 days back to
// 6 months ahead, a user's places only), a new link replacing the old, the
// ETag unchanged while nothing changes, and the month's figures.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "activities/activities_test_db.h"
#include "activities/activity_counts.h"
#include "activities/feed_service.h"
#include "activities/feed_store.h"
#include "activities/places.h"
#include "core/local_month.h"
#include "core/time.h"

namespace warmcity::activities {
namespace {

constexpr int64_t kFeedDay = 86400;

// 2026-06-20 12:00 district time.
int64_t feed_now() { return core::local_midnight_unix({2026, 6, 20}) + 12 * 3600; }

class FeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    const std::string where = scratch_.where("feeds.db");
    auto db = open_activities_test_db(where);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    const int64_t now = feed_now();
    auto at = [&](int64_t days) { return std::to_string(now + days * kFeedDay); };
    auto occurrence = [&](int id, int activity, int seq, int64_t days, int capacity,
                          const char* status, const char* note) {
      return "(" + std::to_string(id) + ", " + std::to_string(activity) + ", " +
             std::to_string(seq) + ", '2026-06-20', " + at(days) + ", " + at(days) + " + 3600, " +
             std::to_string(capacity) + ", '" + status + "', '" + note + "', " +
             std::to_string(now - 100) + ")";
    };
    const std::string sql =
        "INSERT INTO organisations (id, kind, name, created_at) VALUES "
        "(1, 'community', '西关社区', 0), (2, 'department', '区人社局', 0), "
        "(3, 'keeper', '图书馆', 0);"
        "INSERT INTO users (id, username, display_name, role, password_hash, disabled, "
        "created_at, updated_at) VALUES (21, 'zgl', '张桂兰', 'resident', 'x', 0, 0, 0), "
        "(22, 'ls', '李四', 'resident', 'x', 0, 0, 0), "
        "(23, 'gone', '停用者', 'resident', 'x', 1, 0, 0);"
        "INSERT INTO areas (id, level, parent_id, name, boundary, created_at, updated_at) "
        "VALUES (100, 'subdistrict', NULL, '凤山街道', '{}', 0, 0), "
        "(101, 'community', 100, '西关', '{}', 0, 0), "
        "(102, 'community', 100, '后瓦', '{}', 0, 0);"
        "INSERT INTO facilities (id, kind, name, address, lat, lon, community_id, created_at, "
        "updated_at) VALUES (501, 'venue', '凤山公园', '凤山路169号', 37.54, 111.12, 101, 0, 0), "
        "(502, 'toilet', '公厕', '凤山路2号', 37.54, 111.12, 101, 0, 0);"
        "INSERT INTO activities (id, kind, title, description, organiser_org_id, venue_id, "
        "address, community_id, capacity, first_date, start_minute, duration_minutes, repeat, "
        "repeat_count, created_by, created_at, updated_at) VALUES "
        "(1, 'activity', '太极拳', '请穿平底鞋', 1, 501, '', 101, 10, '2026-05-11', 480, 60, "
        "'weekly', 30, 1, 0, 0), "
        "(2, 'job_fair', '春风行动招聘会', '', 2, NULL, '西关社区居委会', 101, 100, "
        "'2026-06-25', 540, 180, 'none', NULL, 1, 0, 0);"
        "INSERT INTO activity_occurrences (id, activity_id, seq, local_date, starts_at, ends_at, "
        "capacity, status, cancel_note, updated_at) VALUES " +
        occurrence(1, 1, 1, -40, 10, "scheduled", "") + ", " +
        occurrence(2, 1, 2, -10, 10, "scheduled", "") + ", " +
        occurrence(3, 1, 3, 2, 10, "scheduled", "") + ", " +
        occurrence(4, 1, 4, 9, 10, "cancelled", "大风") + ", " +
        occurrence(5, 1, 5, 200, 10, "scheduled", "") + ", " +
        occurrence(6, 2, 1, 5, 100, "scheduled", "") + ";";
    Status s = db_->write([&](store::Connection& c) { return c.exec(sql); });
    ASSERT_TRUE(s.ok()) << s.message();
    // Sign-ups: 张桂兰 holds o3, lost o4 with its cancellation, waits on o6 and
    // cancelled o2 herself; 李四 holds o6; on o2 three callers came or not.
    sign_up(3, 21, "13835871246", "confirmed", "", now - 5 * kFeedDay);
    sign_up(4, 21, "13835871246", "cancelled", "", now - 100,
            {{"joined", ""}, {"cancelled", "本场活动取消"}});
    sign_up(6, 21, "13835871246", "waiting", "", now - kFeedDay);
    sign_up(2, 21, "13835871246", "cancelled", "", now - 12 * kFeedDay,
            {{"joined", ""}, {"cancelled", ""}});
    // 李四 only waited for o4 when it was called off, and an earlier sign-up
    // of hers there she cancelled herself a moment before: neither held a
    // place the cancellation took (both changed within a minute of it).
    sign_up(4, 22, "13835812371", "cancelled", "", now - 130, {{"joined", ""}, {"cancelled", ""}});
    sign_up(4, 22, "13835812371", "cancelled", "", now - 100,
            {{"waitlisted", ""}, {"cancelled", "本场活动取消"}});
    sign_up(6, 22, "13835812371", "confirmed", "", now - kFeedDay);
    sign_up(2, std::nullopt, "13835810001", "confirmed", "attended", now - 11 * kFeedDay);
    sign_up(2, std::nullopt, "13835810002", "confirmed", "no_show", now - 11 * kFeedDay);
    sign_up(2, std::nullopt, "13835810003", "confirmed", "", now - 11 * kFeedDay);
    sign_up(2, std::nullopt, "13835810004", "cancelled", "", now - 11 * kFeedDay);
    feeds_ = std::make_unique<FeedService>(*db_);
  }

  void sign_up(int64_t occurrence, std::optional<int64_t> user, const std::string& phone,
               const std::string& status, const std::string& attendance, int64_t updated,
               const std::vector<std::pair<std::string, std::string>>& events = {}) {
    Status s = db_->write([&](store::Connection& c) -> Status {
      auto q = c.prepare(
          "INSERT INTO activity_signups (occurrence_id, user_id, name, phone, status, code, "
          "attendance, created_at, updated_at) VALUES (?, ?, '居民', ?, ?, '123456', ?, ?, ?)");
      if (!q.ok()) return q.status();
      q->bind(1, occurrence)
          .bind(2, user)
          .bind(3, phone)
          .bind(4, status)
          .bind(5, attendance)
          .bind(6, updated)
          .bind(7, updated);
      if (Status r = q->run(); !r.ok()) return r;
      auto last = c.prepare("SELECT MAX(id) FROM activity_signups");
      if (!last.ok()) return last.status();
      Result<bool> row = last->step();
      if (!row.ok()) return row.status();
      const int64_t signup_id = last->column_int64(0);
      for (const auto& [kind, note] : events)
        if (Status e = add_signup_event(c, signup_id, kind, updated, user, note); !e.ok()) return e;
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.message();
  }

  std::vector<int64_t> ids(FeedScope scope, int64_t id) {
    const int64_t now = feed_now();
    auto rows = feed_occurrences(db_->reader(), scope, id, now - kFeedPastSeconds,
                                 now + kFeedAheadSeconds, kFeedMaxEvents);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    std::vector<int64_t> out;
    if (rows.ok()) {
      for (const FeedOccurrence& o : *rows) out.push_back(o.id);
    }
    return out;
  }

  std::optional<std::string> subject(FeedScope scope, int64_t id) {
    auto name = feed_subject_name(db_->reader(), scope, id);
    EXPECT_TRUE(name.ok()) << name.status().message();
    return name.ok() ? *name : std::nullopt;
  }

  Result<std::string> new_link(int64_t user) {
    std::promise<Result<std::string>> p;
    feeds_->new_link(user, feed_now(), [&p](Result<std::string> t) { p.set_value(std::move(t)); });
    return p.get_future().get();
  }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<FeedService> feeds_;
};

TEST_F(FeedTest, EachFeedHoldsItsSubjectsOccurrencesInTheWindowInTimeOrder) {
  // o1 (40 days ago) and o5 (200 days ahead) are outside; o4 is cancelled but shown.
  EXPECT_EQ(ids(FeedScope::kVenue, 501), (std::vector<int64_t>{2, 3, 4}));
  EXPECT_EQ(ids(FeedScope::kCommunity, 101), (std::vector<int64_t>{2, 3, 6, 4}));
  EXPECT_EQ(ids(FeedScope::kCommunity, 102), (std::vector<int64_t>{}));
  EXPECT_EQ(ids(FeedScope::kOrganiser, 1), (std::vector<int64_t>{2, 3, 4}));
  EXPECT_EQ(ids(FeedScope::kOrganiser, 2), (std::vector<int64_t>{6}));
}

TEST_F(FeedTest, AUsersFeedHoldsHerPlacesAndTheDatesCalledOffUnderHer) {
  // Not o6 (only waiting), not o2 (she cancelled it herself, and it was held).
  EXPECT_EQ(ids(FeedScope::kUser, 21), (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(ids(FeedScope::kUser, 22), (std::vector<int64_t>{6}));
}

TEST_F(FeedTest, SubjectsOfTheWrongKindAreNotThere) {
  EXPECT_EQ(subject(FeedScope::kVenue, 501), "凤山公园");
  EXPECT_EQ(subject(FeedScope::kVenue, 502), std::nullopt);  // a toilet
  EXPECT_EQ(subject(FeedScope::kVenue, 999), std::nullopt);
  EXPECT_EQ(subject(FeedScope::kCommunity, 101), "西关");
  EXPECT_EQ(subject(FeedScope::kCommunity, 100), std::nullopt);  // a sub-district
  EXPECT_EQ(subject(FeedScope::kOrganiser, 2), "区人社局");
  EXPECT_EQ(subject(FeedScope::kOrganiser, 3), std::nullopt);  // a keeper
  EXPECT_EQ(subject(FeedScope::kUser, 21), "张桂兰");
  EXPECT_EQ(subject(FeedScope::kUser, 23), std::nullopt);  // disabled
}

TEST_F(FeedTest, PublicFeedIsStableAndNamesItsEvents) {
  auto a = feeds_->public_feed(FeedScope::kVenue, 501, "http://h", feed_now());
  ASSERT_TRUE(a.ok()) << a.status().message();
  auto b = feeds_->public_feed(FeedScope::kVenue, 501, "http://h", feed_now());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->body, b->body);
  EXPECT_EQ(a->etag, b->etag);
  EXPECT_EQ(a->etag.size(), 34u);
  EXPECT_EQ(a->etag.front(), '"');
  for (const char* uid :
       {"UID:occurrence-2@warmcity", "UID:occurrence-3@warmcity", "UID:occurrence-4@warmcity"}) {
    EXPECT_NE(a->body.find(uid), std::string::npos) << uid;
  }
  EXPECT_EQ(a->body.find("UID:occurrence-1@"), std::string::npos);
  EXPECT_NE(a->body.find("URL:http://h/#/activities/1\r\n"), std::string::npos);
  EXPECT_NE(a->body.find("LOCATION:凤山公园（凤山路169号）"), std::string::npos);
  EXPECT_NE(a->body.find("DESCRIPTION:已取消：大风"), std::string::npos);
  EXPECT_NE(a->body.find("STATUS:CANCELLED"), std::string::npos);
  // A change to an occurrence changes the text and its ETag.
  Status s = db_->write([](store::Connection& c) {
    return c.exec("UPDATE activity_occurrences SET revision = revision + 1 WHERE id = 3");
  });
  ASSERT_TRUE(s.ok());
  auto c = feeds_->public_feed(FeedScope::kVenue, 501, "http://h", feed_now());
  ASSERT_TRUE(c.ok());
  EXPECT_NE(c->etag, a->etag);
  EXPECT_EQ(feeds_->public_feed(FeedScope::kVenue, 502, "http://h", feed_now()).status().code(),
            Code::kNotFound);
  EXPECT_EQ(feeds_->public_feed(FeedScope::kUser, 21, "http://h", feed_now()).status().code(),
            Code::kNotFound);
}

TEST_F(FeedTest, ANewLinkReplacesTheOld) {
  Result<std::string> first = new_link(21);
  ASSERT_TRUE(first.ok()) << first.status().message();
  auto feed = feeds_->private_feed(*first, "http://h", feed_now());
  ASSERT_TRUE(feed.ok()) << feed.status().message();
  EXPECT_NE(feed->body.find("UID:occurrence-3@warmcity"), std::string::npos);
  EXPECT_EQ(feed->body.find("UID:occurrence-6@warmcity"), std::string::npos);
  Result<std::string> second = new_link(21);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(*first, *second);
  EXPECT_EQ(feeds_->private_feed(*first, "http://h", feed_now()).status().code(), Code::kNotFound);
  EXPECT_TRUE(feeds_->private_feed(*second, "http://h", feed_now()).ok());
  // Only the hash is kept.
  auto q = db_->reader().prepare("SELECT token_sha256 FROM activity_feed_tokens");
  ASSERT_TRUE(q.ok());
  Result<bool> row = q->step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(q->column_text(0).size(), 64u);
  EXPECT_NE(q->column_text(0), *second);
  EXPECT_FALSE(*q->step());
  // Malformed and unknown tokens, and a disabled user's.
  EXPECT_EQ(feeds_->private_feed("x", "http://h", feed_now()).status().code(), Code::kNotFound);
  EXPECT_EQ(feeds_->private_feed(std::string(43, 'A'), "http://h", feed_now()).status().code(),
            Code::kNotFound);
  Result<std::string> gone = new_link(23);
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(feeds_->private_feed(*gone, "http://h", feed_now()).status().code(), Code::kNotFound);
}

TEST_F(FeedTest, CountsTakeTheMonthsHeldOccurrences) {
  auto june = core::parse_month("2026-06");
  ASSERT_TRUE(june.ok());
  // As of the 20th: only o2 has been held (o3, o6 are ahead, o4 called off).
  auto n = activity_counts(db_->reader(), *june, feed_now());
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(n->occurrences, 1);
  EXPECT_EQ(n->activities, 1);
  EXPECT_EQ(n->confirmed, 3);
  EXPECT_EQ(n->attended, 1);
  EXPECT_EQ(n->no_shows, 1);
  EXPECT_EQ(n->filled_permille, 300);  // 3 of 10
  // After the month: o2, o3 and o6, of both activities; 5 of 120 places.
  n = activity_counts(db_->reader(), *june, feed_now() + 40 * kFeedDay);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->occurrences, 3);
  EXPECT_EQ(n->activities, 2);
  EXPECT_EQ(n->confirmed, 5);
  EXPECT_EQ(n->filled_permille, 41);
  auto may = core::parse_month("2026-05");
  n = activity_counts(db_->reader(), *may, feed_now());
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->occurrences, 1);
  EXPECT_EQ(n->confirmed, 0);
  EXPECT_EQ(n->filled_permille, 0);
  auto empty = core::parse_month("2025-01");
  n = activity_counts(db_->reader(), *empty, feed_now());
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->occurrences, 0);
  EXPECT_EQ(n->activities, 0);
  EXPECT_EQ(n->filled_permille, 0);
}

}  // namespace
}  // namespace warmcity::activities
