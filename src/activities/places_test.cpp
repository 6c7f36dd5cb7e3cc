// An occurrence's places and its line (places.h), on SQLite and on
// PostgreSQL: never more places held than the capacity, the line kept in
// order, a freed place offered to the first in line, an offer lapsing to the
// next.
#include "activities/places.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "activities/activities_test_db.h"

namespace warmcity::activities {
namespace {

constexpr int64_t kNow = 1'780'000'000;
constexpr int64_t kStart = kNow + 86'400;

class PlacesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    const std::string where = scratch_.where("places.db");
    auto db = open_activities_test_db(where);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    Status s = db_->write([](store::Connection& c) -> Status {
      return c.exec(
          "INSERT INTO organisations (id, kind, name, created_at) VALUES "
          "(1, 'community', '凤山社区', 0);"
          "INSERT INTO activities (id, title, organiser_org_id, address, capacity, "
          "offer_window_minutes, first_date, start_minute, duration_minutes, created_by, "
          "created_at, updated_at) VALUES (1, '太极拳', 1, '凤山广场', 2, 60, '2026-06-02', 480, "
          "60, 1, 0, 0);"
          "INSERT INTO activity_occurrences (id, activity_id, seq, local_date, starts_at, ends_at, "
          "capacity, updated_at) VALUES (1, 1, 1, '2026-06-02', " +
          std::to_string(kStart) + ", " + std::to_string(kStart + 3600) + ", 2, 0)");
    });
    ASSERT_TRUE(s.ok()) << s.message();
  }

  // A sign-up as the service makes one: a place when take_place gives one,
  // else the line. Returns its id.
  int64_t sign_up(const std::string& phone) {
    int64_t id = 0;
    Status s = db_->write([&](store::Connection& c) -> Status {
      if (Status h = hold_occurrence(c, 1); !h.ok()) return h;
      Result<bool> placed = take_place(c, 1);
      if (!placed.ok()) return placed.status();
      auto q = c.prepare(
          "INSERT INTO activity_signups (occurrence_id, name, phone, status, code, created_at, "
          "updated_at) VALUES (1, '居民', ?, ?, '123456', ?, ?) RETURNING id");
      if (!q.ok()) return q.status();
      q->bind(1, phone).bind(2, *placed ? "confirmed" : "waiting").bind(3, kNow).bind(4, kNow);
      Result<int64_t> made = q->returning_id();
      if (!made.ok()) return made.status();
      id = *made;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return id;
  }

  std::string status_of(int64_t signup_id) {
    auto q = db_->reader().prepare("SELECT status FROM activity_signups WHERE id = ?");
    EXPECT_TRUE(q.ok());
    q->bind(1, signup_id);
    Result<bool> row = q->step();
    EXPECT_TRUE(row.ok() && *row);
    return q->column_text(0);
  }

  int64_t taken() {
    auto q = db_->reader().prepare("SELECT taken FROM activity_occurrences WHERE id = 1");
    EXPECT_TRUE(q.ok());
    Result<bool> row = q->step();
    EXPECT_TRUE(row.ok() && *row);
    return q->column_int64(0);
  }

  int64_t position(int64_t signup_id) {
    Result<int64_t> p = line_position(db_->reader(), signup_id);
    EXPECT_TRUE(p.ok());
    return p.ok() ? *p : -1;
  }

  // Cancels a confirmed sign-up and offers its place, as the service does.
  std::vector<Offer> cancel(int64_t signup_id, int64_t now) {
    std::vector<Offer> offers;
    Status s = db_->write([&](store::Connection& c) -> Status {
      if (Status h = hold_occurrence(c, 1); !h.ok()) return h;
      auto q = c.prepare("UPDATE activity_signups SET status = 'cancelled' WHERE id = ?");
      if (!q.ok()) return q.status();
      q->bind(1, signup_id);
      if (Status r = q->run(); !r.ok()) return r;
      if (Status r = release_place(c, 1); !r.ok()) return r;
      Result<std::vector<Offer>> made = offer_free_places(c, 1, now);
      if (!made.ok()) return made.status();
      offers = std::move(*made);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return offers;
  }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(PlacesTest, FullOccurrencePutsNewcomersInLineInOrder) {
  int64_t a = sign_up("13800000001");
  int64_t b = sign_up("13800000002");
  int64_t c = sign_up("13800000003");
  int64_t d = sign_up("13800000004");
  EXPECT_EQ(status_of(a), "confirmed");
  EXPECT_EQ(status_of(b), "confirmed");
  EXPECT_EQ(status_of(c), "waiting");
  EXPECT_EQ(status_of(d), "waiting");
  EXPECT_EQ(taken(), 2);
  EXPECT_EQ(position(c), 1);
  EXPECT_EQ(position(d), 2);
  EXPECT_EQ(position(a), 0);
}

TEST_F(PlacesTest, FreedPlaceIsOfferedToTheFirstInLineAndNobodyJumpsIt) {
  int64_t a = sign_up("13800000001");
  sign_up("13800000002");
  int64_t c = sign_up("13800000003");
  int64_t d = sign_up("13800000004");
  std::vector<Offer> offers = cancel(a, kNow);
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].signup_id, c);
  EXPECT_EQ(offers[0].expires_at, kNow + 60 * 60);  // the activity's 60-minute window
  EXPECT_EQ(status_of(c), "offered");
  EXPECT_EQ(taken(), 2);      // the offer holds the place
  EXPECT_EQ(position(d), 1);  // now next in line
  int64_t e = sign_up("13800000005");
  EXPECT_EQ(status_of(e), "waiting");  // no free place while the offer waits
}

TEST_F(PlacesTest, OfferNeverOutlastsTheStart) {
  int64_t a = sign_up("13800000001");
  sign_up("13800000002");
  sign_up("13800000003");
  std::vector<Offer> offers = cancel(a, kStart - 600);
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].expires_at, kStart);
}

TEST_F(PlacesTest, LapsedOfferPassesToTheNextInLine) {
  int64_t a = sign_up("13800000001");
  sign_up("13800000002");
  int64_t c = sign_up("13800000003");
  int64_t d = sign_up("13800000004");
  cancel(a, kNow);
  std::vector<Offer> next;
  Status s = db_->write([&](store::Connection& conn) -> Status {
    Result<std::vector<Offer>> made = lapse_expired_offers(conn, kNow + 59 * 60);
    if (!made.ok()) return made.status();
    EXPECT_TRUE(made->empty());  // not yet: the window is an hour
    made = lapse_expired_offers(conn, kNow + 60 * 60);
    if (!made.ok()) return made.status();
    next = std::move(*made);
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].signup_id, d);
  EXPECT_EQ(status_of(c), "lapsed");
  EXPECT_EQ(status_of(d), "offered");
  EXPECT_EQ(taken(), 2);
}

TEST_F(PlacesTest, TakenCanNeverPassCapacity) {
  sign_up("13800000001");
  sign_up("13800000002");
  Status s = db_->write([](store::Connection& c) -> Status {
    return c.exec("UPDATE activity_occurrences SET taken = taken + 1 WHERE id = 1");
  });
  EXPECT_EQ(s.code(), Code::kConflict);  // the table's CHECK
  EXPECT_EQ(taken(), 2);
}

}  // namespace
}  // namespace warmcity::activities
