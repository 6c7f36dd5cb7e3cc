// Activities and their series (activity.h, clash.h, activity_service.h), on
// SQLite and on PostgreSQL: the series' dates, the body's rules, clashes with
// a venue's hours and bookings, edits of a series and of one occurrence,
// cancellations that cancel the sign-ups, the public list's filters.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "activities/activities_test_db.h"
#include "activities/activity.h"
#include "activities/activity_service.h"
#include "activities/clash.h"

namespace warmcity::activities {
namespace {

using core::LocalDate;

LocalDate d(const char* text) { return *core::parse_date(text); }

std::string first_field(const Status& s) {
  return s.field_errors().empty() ? "" : s.field_errors().front().field;
}

// ---- the series' dates (pure) ----

TEST(SeriesDates, WeeklyForACountKeepsTheWeekday) {
  Result<std::vector<LocalDate>> r = series_dates({d("2026-06-01"), "weekly", std::nullopt, 3});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ(core::format_date((*r)[2]), "2026-06-15");
}

TEST(SeriesDates, MonthlySkipsMonthsWithoutTheDay) {
  Result<std::vector<LocalDate>> r =
      series_dates({d("2026-01-31"), "monthly", d("2026-07-31"), std::nullopt});
  ASSERT_TRUE(r.ok());
  std::vector<std::string> got;
  for (LocalDate x : *r) got.push_back(core::format_date(x));
  EXPECT_EQ(got,
            (std::vector<std::string>{"2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31"}));
}

TEST(SeriesDates, RefusesNoEndTooManyAndTooFar) {
  Result<std::vector<LocalDate>> none =
      series_dates({d("2026-06-01"), "weekly", std::nullopt, std::nullopt});
  EXPECT_EQ(first_field(none.status()), "repeat_until");
  Result<std::vector<LocalDate>> far =
      series_dates({d("2026-06-01"), "weekly", d("2028-06-02"), std::nullopt});
  EXPECT_EQ(first_field(far.status()), "repeat_until");
  Result<std::vector<LocalDate>> count_far =
      series_dates({d("2026-06-01"), "monthly", std::nullopt, 30});
  EXPECT_EQ(first_field(count_far.status()), "repeat_count");
  Result<std::vector<LocalDate>> before =
      series_dates({d("2026-06-01"), "weekly", d("2026-05-01"), std::nullopt});
  EXPECT_EQ(first_field(before.status()), "repeat_until");
  Result<std::vector<LocalDate>> max = series_dates({d("2026-06-01"), "weekly", std::nullopt, 200});
  EXPECT_EQ(first_field(max.status()), "repeat_count");  // 200 weeks reach past 2 years
  Result<std::vector<LocalDate>> two_years =
      series_dates({d("2026-06-01"), "weekly", d("2028-06-01"), std::nullopt});
  ASSERT_TRUE(two_years.ok());
  EXPECT_EQ(two_years->size(), 105u);
}

TEST(SeriesDates, OneOffIsOneDate) {
  Result<std::vector<LocalDate>> r =
      series_dates({d("2026-06-01"), "none", std::nullopt, std::nullopt});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 1u);
}

TEST(ActivityBody, EveryRefusalNamesItsField) {
  const LocalDate today = d("2026-06-01");
  auto field_of = [&](const char* text) {
    Result<ActivityFields> f = read_activity(nlohmann::json::parse(text), today);
    return f.ok() ? std::string("ok") : first_field(f.status());
  };
  const std::string base =
      R"("title": "太极拳", "address": "凤山广场", "first_date": "2026-06-02", "start_time": "08:00")";
  EXPECT_EQ(field_of(("{" + base + R"(, "capacity": 20, "duration_minutes": 60})").c_str()), "ok");
  EXPECT_EQ(field_of(("{" + base + R"(, "capacity": 0, "duration_minutes": 60})").c_str()),
            "capacity");
  EXPECT_EQ(field_of(("{" + base + R"(, "capacity": -3, "duration_minutes": 60})").c_str()),
            "capacity");
  EXPECT_EQ(field_of(("{" + base + R"(, "capacity": 20, "duration_minutes": 0})").c_str()),
            "duration_minutes");
  EXPECT_EQ(field_of(("{" + base + R"(, "capacity": 20, "duration_minutes": -30})").c_str()),
            "duration_minutes");
  EXPECT_EQ(field_of(("{" + base + R"(, "capacity": "20", "duration_minutes": 60})").c_str()),
            "capacity");
  EXPECT_EQ(
      field_of(("{" + base + R"(, "capacity": 20, "duration_minutes": 60, "colour": 1})").c_str()),
      "colour");
  EXPECT_EQ(
      field_of(("{" + base + R"(, "capacity": 20, "duration_minutes": 60, "repeat": "weekly"})")
                   .c_str()),
      "repeat_until");
  EXPECT_EQ(field_of(R"({"title": "  ", "address": "x", "first_date": "2026-06-02",
      "start_time": "08:00", "capacity": 2, "duration_minutes": 5})"),
            "title");
  EXPECT_EQ(field_of(R"({"title": "a", "address": "x", "first_date": "2026-05-31",
      "start_time": "08:00", "capacity": 2, "duration_minutes": 5})"),
            "first_date");
  EXPECT_EQ(field_of(R"({"title": "a", "address": "x", "first_date": "2026-06-02",
      "start_time": "24:00", "capacity": 2, "duration_minutes": 5})"),
            "start_time");
  EXPECT_EQ(field_of(R"({"title": "a", "address": "x", "first_date": "2026-06-02",
      "start_time": "08:00", "capacity": 2, "duration_minutes": 5, "age_min": 60, "age_max": 10})"),
            "age_max");
}

TEST(ActivityBody, SeriesEditRefusesTheDates) {
  Result<SeriesPatch> p = read_series_patch(nlohmann::json::parse(R"({"repeat": "monthly"})"));
  EXPECT_EQ(first_field(p.status()), "repeat");
}

TEST(Clash, ClosedWhenTheHoursCloseDuringTheOccurrence) {
  core::Calendar none;
  const int64_t monday_19 = occurrence_start(d("2026-06-01"), 19 * 60);
  const std::optional<std::string> hours = "Mo-Fr 08:00-20:00";
  EXPECT_FALSE(venue_closed_during(hours, monday_19, monday_19 + 3600, none));
  EXPECT_TRUE(venue_closed_during(hours, monday_19, monday_19 + 7200, none));
  const int64_t saturday_9 = occurrence_start(d("2026-06-06"), 9 * 60);
  EXPECT_TRUE(venue_closed_during(hours, saturday_9, saturday_9 + 3600, none));
  EXPECT_FALSE(venue_closed_during(std::nullopt, saturday_9, saturday_9 + 3600, none));
}

TEST(Clash, TheOfficialHolidaysCloseAVenueClosedOnPH) {
  Result<core::Calendar> cal = core::Calendar::parse("year 2026\n2026-10-01 holiday 国庆节\n");
  ASSERT_TRUE(cal.ok()) << cal.status().message();
  const std::optional<std::string> hours = "Mo-Su 08:00-20:00; PH off";
  const int64_t holiday = occurrence_start(d("2026-10-01"), 9 * 60);
  EXPECT_TRUE(venue_closed_during(hours, holiday, holiday + 3600, *cal));
  const int64_t next_day = occurrence_start(d("2026-10-09"), 9 * 60);
  EXPECT_FALSE(venue_closed_during(hours, next_day, next_day + 3600, *cal));
}

// ---- the service, on both engines ----

constexpr int64_t kNow = 1'780'000'000;  // 2026-05-29 (Friday), district time

class ActivityServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    const std::string where = scratch_.where("activities.db");
    auto db = open_activities_test_db(where);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    Status s = db_->write([](store::Connection& c) -> Status {
      return c.exec(
          "INSERT INTO organisations (id, kind, name, created_at) VALUES "
          "(1, 'community', '凤山社区', 0), (2, 'volunteer_team', '夕阳红志愿队', 0);"
          "INSERT INTO users (id, username, display_name, role, password_hash, created_at, "
          "updated_at) VALUES (11, 'fs', '凤山甲', 'worker', 'x', 0, 0), "
          "(12, 'xy', '志愿乙', 'volunteer', 'x', 0, 0), "
          "(13, 'boss', '管理员', 'admin', 'x', 0, 0), "
          "(14, 'ju', '居民丁', 'resident', 'x', 0, 0);"
          "INSERT INTO memberships (user_id, organisation_id) VALUES (11, 1), (12, 2);"
          "INSERT INTO areas (id, level, parent_id, name, boundary, created_at, updated_at) "
          "VALUES (100, 'subdistrict', NULL, '凤山街道', '{}', 0, 0), "
          "(101, 'community', 100, '凤山社区', '{}', 0, 0);"
          "INSERT INTO facilities (id, kind, name, address, lat, lon, community_id, "
          "opening_hours, created_at, updated_at) VALUES "
          "(501, 'venue', '凤山文化站', '凤山路1号', 37.52, 111.14, 101, "
          "'Mo-Fr 08:00-21:00', 0, 0), "
          "(502, 'toilet', '公厕', '凤山路2号', 37.52, 111.14, 101, NULL, 0, 0), "
          "(503, 'venue', '远处体育馆', '城西', 37.70, 111.40, NULL, NULL, 0, 0)");
    });
    ASSERT_TRUE(s.ok()) << s.message();
    audit_ = std::make_unique<accounts::AuditLog>(*db_);
    service_ = std::make_unique<ActivityService>(*db_, *audit_, nullptr, [this] { return now_; });
  }
  void TearDown() override {
    service_.reset();
    if (db_) db_->stop();
  }

  Caller fengshan() const { return {11, "worker", {1}, "127.0.0.1"}; }
  Caller team() const { return {12, "volunteer", {2}, "127.0.0.1"}; }
  Caller admin() const { return {13, "admin", {}, "127.0.0.1"}; }
  Caller resident() const { return {14, "resident", {}, "127.0.0.1"}; }

  using Answer = std::pair<Status, ActivityWritten>;
  template <class F>
  Answer wait(F start) {
    std::promise<Answer> p;
    start([&p](Status s, ActivityWritten w) { p.set_value({s, std::move(w)}); });
    return p.get_future().get();
  }
  Answer create(ActivityFields f, const Caller& by) {
    return wait([&](ActivityDone done) { service_->create(f, by, std::move(done)); });
  }

  // A weekly series at the venue, Mondays 19:00–20:00 from 2026-06-01.
  ActivityFields weekly(int count = 4) const {
    ActivityFields f;
    f.title = "太极拳";
    f.venue_id = 501;
    f.capacity = 2;
    f.first_date = d("2026-06-01");
    f.start_minute = 19 * 60;
    f.duration_minutes = 60;
    f.series = {f.first_date, "weekly", std::nullopt, count};
    return f;
  }

  int64_t count(const std::string& sql) {
    return store::testing_util::query_int(db_->reader(), sql);
  }

  int64_t now_ = kNow;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<accounts::AuditLog> audit_;
  std::unique_ptr<ActivityService> service_;
  ScratchWhere scratch_;
};

TEST_F(ActivityServiceTest, CreatesAWeeklySeriesAtAVenueAudited) {
  Answer a = create(weekly(), fengshan());
  ASSERT_TRUE(a.first.ok()) << a.first.message();
  EXPECT_EQ(a.second.activity.organiser_org_id, 1);
  EXPECT_EQ(a.second.activity.community_id, 101);
  EXPECT_EQ(a.second.activity.venue_name, "凤山文化站");
  ASSERT_EQ(a.second.occurrences.size(), 4u);
  EXPECT_EQ(a.second.occurrences[3].date, "2026-06-22");
  EXPECT_EQ(a.second.occurrences[0].starts_at, occurrence_start(d("2026-06-01"), 19 * 60));
  EXPECT_EQ(a.second.occurrences[0].ends_at - a.second.occurrences[0].starts_at, 3600);
  EXPECT_EQ(a.second.occurrences[3].seq, 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity.create'"), 1);
}

TEST_F(ActivityServiceTest, WhoMayCreate) {
  EXPECT_EQ(create(weekly(), resident()).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(create(weekly(), Caller{}).first.code(), Code::kUnauthenticated);
  ActivityFields other = weekly();
  other.organiser_org_id = 1;
  EXPECT_EQ(create(other, team()).first.code(), Code::kPermissionDenied);
  Answer by_admin = create(weekly(), admin());  // admins name the organiser
  EXPECT_EQ(first_field(by_admin.first), "organiser_org_id");
  EXPECT_TRUE(create(other, admin()).first.ok());
}

TEST_F(ActivityServiceTest, RefusesAFacilityThatIsNoVenueAndAForeignCommunity) {
  ActivityFields f = weekly();
  f.venue_id = 502;
  EXPECT_EQ(first_field(create(f, fengshan()).first), "venue_id");
  f.venue_id = 501;
  f.community_id = 100;  // a subdistrict
  EXPECT_EQ(first_field(create(f, fengshan()).first), "community_id");
}

TEST_F(ActivityServiceTest, ClashesRefuseOrAreSkipped) {
  ASSERT_TRUE(create(weekly(), fengshan()).first.ok());
  ActivityFields other = weekly(2);
  other.title = "广场舞";
  other.series.first = other.first_date = d("2026-06-08");
  other.start_minute = 19 * 60 + 30;
  other.series.count = 2;
  Answer refused = create(other, team());
  ASSERT_EQ(refused.first.code(), Code::kConflict);
  EXPECT_EQ(refused.first.message(), "clash");
  ASSERT_EQ(refused.second.clashes.size(), 2u);
  EXPECT_EQ(refused.second.clashes[0].reason, "venue_booked");
  EXPECT_EQ(refused.second.clashes[0].title, "太极拳");
  EXPECT_EQ(refused.second.clashes[1].date, "2026-06-15");

  ActivityFields saturday = weekly(1);
  saturday.series.first = saturday.first_date = d("2026-06-06");
  Answer closed = create(saturday, team());
  ASSERT_EQ(closed.first.code(), Code::kConflict);
  EXPECT_EQ(closed.second.clashes.at(0).reason, "venue_closed");

  ActivityFields three = weekly(3);
  three.title = "书法";
  three.series.first = three.first_date = d("2026-06-22");  // 22nd clashes, 29th and 6 July free
  three.skip_clashes = true;
  Answer skipped = create(three, team());
  ASSERT_TRUE(skipped.first.ok()) << skipped.first.message();
  ASSERT_EQ(skipped.second.skipped.size(), 1u);
  EXPECT_EQ(skipped.second.skipped[0].date, "2026-06-22");
  ASSERT_EQ(skipped.second.occurrences.size(), 2u);
  EXPECT_EQ(skipped.second.occurrences[0].date, "2026-06-29");
}

TEST_F(ActivityServiceTest, SeriesEditGrowsRevisionsAndLeavesDetachedOnesAlone) {
  Answer made = create(weekly(), fengshan());
  ASSERT_TRUE(made.first.ok());
  const int64_t id = made.second.activity.id;
  const int64_t second = made.second.occurrences[1].id;
  OccurrencePatch one;
  one.start_minute = 9 * 60;
  one.capacity = 5;
  Answer alone = wait([&](ActivityDone done) {
    service_->update_occurrence(second, one, fengshan(), std::move(done));
  });
  ASSERT_TRUE(alone.first.ok()) << alone.first.message();
  EXPECT_TRUE(alone.second.occurrences[0].detached);
  EXPECT_EQ(alone.second.occurrences[0].revision, 1);
  EXPECT_EQ(alone.second.occurrences[0].starts_at, occurrence_start(d("2026-06-08"), 9 * 60));

  SeriesPatch p;
  p.title = "太极拳（提高班）";
  p.start_minute = 18 * 60;
  p.capacity = 3;
  Answer edited =
      wait([&](ActivityDone done) { service_->update(id, p, fengshan(), std::move(done)); });
  ASSERT_TRUE(edited.first.ok()) << edited.first.message();
  EXPECT_EQ(edited.second.activity.title, "太极拳（提高班）");
  ASSERT_EQ(edited.second.occurrences.size(), 3u);
  for (const OccurrenceRecord& o : edited.second.occurrences) {
    EXPECT_EQ(o.revision, 1);
    EXPECT_EQ(o.capacity, 3);
    EXPECT_NE(o.id, second);
  }
  Result<OccurrenceRecord> kept = service_->occurrence(second);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->capacity, 5);
  EXPECT_EQ(kept->starts_at, occurrence_start(d("2026-06-08"), 9 * 60));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity.update'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'occurrence.update'"), 1);

  // Another organiser's staff may not edit it.
  Answer foreign =
      wait([&](ActivityDone done) { service_->update(id, p, team(), std::move(done)); });
  EXPECT_EQ(foreign.first.code(), Code::kPermissionDenied);
}

// Occurrences have no venue of their own: a new venue reaches the detached
// dates too, so they are checked against it, and none may be skipped.
TEST_F(ActivityServiceTest, ANewVenueIsCheckedForEveryDateAheadDetachedOnesToo) {
  Answer made = create(weekly(3), fengshan());
  ASSERT_TRUE(made.first.ok()) << made.first.message();
  const int64_t id = made.second.activity.id;
  OccurrencePatch one;  // the second Monday moved to Tuesday morning
  one.date = d("2026-06-09");
  one.start_minute = 10 * 60;
  Answer alone = wait([&](ActivityDone done) {
    service_->update_occurrence(made.second.occurrences[1].id, one, fengshan(), std::move(done));
  });
  ASSERT_TRUE(alone.first.ok()) << alone.first.message();
  ActivityFields there = weekly(1);  // the far hall is booked that Tuesday morning
  there.title = "篮球赛";
  there.venue_id = 503;
  there.first_date = d("2026-06-09");
  there.start_minute = 10 * 60;
  there.series = {there.first_date, "weekly", std::nullopt, 1};
  ASSERT_TRUE(create(there, fengshan()).first.ok());

  SeriesPatch move;
  move.venue_id = 503;
  Answer refused =
      wait([&](ActivityDone done) { service_->update(id, move, fengshan(), std::move(done)); });
  EXPECT_EQ(refused.first.code(), Code::kConflict);
  ASSERT_EQ(refused.second.clashes.size(), 1u);
  EXPECT_EQ(refused.second.clashes[0].date, "2026-06-09");
  EXPECT_EQ(refused.second.clashes[0].reason, "venue_booked");
  move.skip_clashes = true;
  Answer skipping =
      wait([&](ActivityDone done) { service_->update(id, move, fengshan(), std::move(done)); });
  EXPECT_EQ(skipping.first.code(), Code::kUnprocessable);
  EXPECT_EQ(first_field(skipping.first), "skip_clashes");
  Result<ActivityRecord> still = load_activity(db_->reader(), id);
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(still->venue_id, std::optional<int64_t>(501));
}

// A series edit may not move a date ahead into the past.
TEST_F(ActivityServiceTest, ASeriesEditRefusesAStartThatHasPassed) {
  Answer made = create(weekly(2), fengshan());
  ASSERT_TRUE(made.first.ok()) << made.first.message();
  now_ = occurrence_start(d("2026-06-01"), 10 * 60);  // the first Monday, 10:00
  SeriesPatch earlier;
  earlier.start_minute = 8 * 60;
  Answer refused = wait([&](ActivityDone done) {
    service_->update(made.second.activity.id, earlier, fengshan(), std::move(done));
  });
  EXPECT_EQ(refused.first.code(), Code::kUnprocessable);
  EXPECT_EQ(first_field(refused.first), "start_time");
  ASSERT_FALSE(refused.first.field_errors().empty());
  EXPECT_NE(refused.first.field_errors().front().message.find("2026-06-01"), std::string::npos);
  Result<OccurrenceRecord> kept = service_->occurrence(made.second.occurrences[0].id);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->starts_at, occurrence_start(d("2026-06-01"), 19 * 60));
}

TEST_F(ActivityServiceTest, ACapacityBelowThePlacesHeldIsRefusedARaisedOneOffers) {
  Answer made = create(weekly(2), fengshan());
  ASSERT_TRUE(made.first.ok());
  const int64_t occ = made.second.occurrences[0].id;
  Status s = db_->write([&](store::Connection& c) -> Status {
    return c.exec(
        "INSERT INTO activity_signups (occurrence_id, name, phone, status, code, created_at, "
        "updated_at) VALUES (" +
        std::to_string(occ) + ", '甲', '13800000001', 'confirmed', '111111', 0, 0), (" +
        std::to_string(occ) + ", '乙', '13800000002', 'confirmed', '222222', 0, 0), (" +
        std::to_string(occ) + ", '丙', '13800000003', 'waiting', '333333', 0, 0); " +
        "UPDATE activity_occurrences SET taken = 2 WHERE id = " + std::to_string(occ));
  });
  ASSERT_TRUE(s.ok()) << s.message();
  SeriesPatch lower;
  lower.capacity = 1;
  Answer refused = wait([&](ActivityDone done) {
    service_->update(made.second.activity.id, lower, fengshan(), std::move(done));
  });
  ASSERT_EQ(refused.first.code(), Code::kConflict);
  EXPECT_EQ(refused.first.message(), "capacity_below_taken");
  EXPECT_EQ(refused.second.capacity_below_taken, std::vector<std::string>{"2026-06-01"});

  OccurrencePatch raise;
  raise.capacity = 3;
  Answer raised = wait([&](ActivityDone done) {
    service_->update_occurrence(occ, raise, fengshan(), std::move(done));
  });
  ASSERT_TRUE(raised.first.ok()) << raised.first.message();
  EXPECT_EQ(raised.second.occurrences[0].taken, 3);
  EXPECT_EQ(raised.second.occurrences[0].waiting, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM activity_signups WHERE status = 'offered'"), 1);

  // Cancelling the date cancels its active sign-ups and frees its places.
  Answer cancelled = wait([&](ActivityDone done) {
    service_->cancel_occurrence(occ, "场地维修", fengshan(), std::move(done));
  });
  ASSERT_TRUE(cancelled.first.ok()) << cancelled.first.message();
  EXPECT_EQ(cancelled.second.occurrences[0].status, "cancelled");
  EXPECT_EQ(cancelled.second.occurrences[0].taken, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM activity_signups WHERE status = 'cancelled'"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM activity_signup_events WHERE kind = 'cancelled'"), 3);
  Answer again = wait([&](ActivityDone done) {
    service_->cancel_occurrence(occ, "场地维修", fengshan(), std::move(done));
  });
  EXPECT_EQ(again.first.code(), Code::kConflict);
}

TEST_F(ActivityServiceTest, CancellingTheActivityCancelsWhatHasNotStarted) {
  Answer made = create(weekly(3), fengshan());
  ASSERT_TRUE(made.first.ok());
  now_ = made.second.occurrences[0].starts_at + 60;  // the first has started
  Answer c = wait([&](ActivityDone done) {
    service_->cancel(made.second.activity.id, "教练生病", fengshan(), std::move(done));
  });
  ASSERT_TRUE(c.first.ok()) << c.first.message();
  EXPECT_EQ(c.second.activity.status, "cancelled");
  EXPECT_EQ(c.second.activity.cancel_note, "教练生病");
  ASSERT_EQ(c.second.occurrences.size(), 3u);
  EXPECT_EQ(c.second.occurrences[0].status, "scheduled");
  EXPECT_EQ(c.second.occurrences[1].status, "cancelled");
  EXPECT_EQ(c.second.occurrences[2].status, "cancelled");
  Answer again = wait([&](ActivityDone done) {
    service_->cancel(made.second.activity.id, "x", fengshan(), std::move(done));
  });
  EXPECT_EQ(again.first.code(), Code::kConflict);
  // A started occurrence is not edited.
  OccurrencePatch p;
  p.capacity = 9;
  Answer started = wait([&](ActivityDone done) {
    service_->update_occurrence(made.second.occurrences[0].id, p, fengshan(), std::move(done));
  });
  EXPECT_EQ(started.first.message(), "occurrence_started");
}

TEST_F(ActivityServiceTest, TheListFiltersPagesAndFindsNearby) {
  ASSERT_TRUE(create(weekly(2), fengshan()).first.ok());
  ActivityFields far = weekly(2);
  far.title = "篮球赛";
  far.venue_id = 503;
  far.kind = "job_fair";
  ASSERT_TRUE(create(far, team()).first.ok());
  ActivityFields street = weekly(2);
  street.title = "义诊";
  street.venue_id.reset();
  street.address = "凤山广场";
  street.community_id = 101;
  ASSERT_TRUE(create(street, team()).first.ok());

  OccurrenceFilter all;
  all.from = core::local_midnight_unix(d("2026-06-01"));
  all.until = all.from + 14 * 86400;
  Result<OccurrencePage> page = service_->find(all);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), 6u);

  OccurrenceFilter community = all;
  community.community_id = 101;
  EXPECT_EQ(service_->find(community)->items.size(), 4u);
  OccurrenceFilter fair = all;
  fair.kind = "job_fair";
  EXPECT_EQ(service_->find(fair)->items.size(), 2u);
  OccurrenceFilter by_org = all;
  by_org.organiser_org_id = 2;
  EXPECT_EQ(service_->find(by_org)->items.size(), 4u);

  OccurrenceFilter near = all;
  near.near_lat = 37.521;
  near.near_lon = 111.141;
  near.radius_m = 1000;
  Result<OccurrencePage> close = service_->find(near);
  ASSERT_TRUE(close.ok());
  ASSERT_EQ(close->items.size(), 2u);
  EXPECT_EQ(close->items[0].title, "太极拳");
  ASSERT_TRUE(close->items[0].distance_m.has_value());
  EXPECT_LT(*close->items[0].distance_m, 1000);

  OccurrenceFilter paged = all;
  paged.limit = 4;
  Result<OccurrencePage> first = service_->find(paged);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->items.size(), 4u);
  ASSERT_TRUE(first->next.has_value());
  paged.after = first->next;
  Result<OccurrencePage> rest = service_->find(paged);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->items.size(), 2u);
  EXPECT_FALSE(rest->next.has_value());
  EXPECT_GT(rest->items[0].o.starts_at * 1'000'000 + rest->items[0].o.id,
            first->items[3].o.starts_at * 1'000'000 + first->items[3].o.id);
}

TEST_F(ActivityServiceTest, OrganisersAndTheirActivities) {
  ASSERT_TRUE(create(weekly(1), fengshan()).first.ok());
  Result<std::vector<Organiser>> mine = service_->organisers(fengshan());
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().name, "凤山社区");
  EXPECT_EQ(service_->organisers(admin())->size(), 2u);
  EXPECT_EQ(service_->organisers(resident()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(service_->organisers(Caller{}).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(service_->organiser_activities("active", fengshan())->size(), 1u);
  EXPECT_EQ(service_->organiser_activities("active", team())->size(), 0u);
  EXPECT_EQ(service_->organiser_activities("active", admin())->size(), 1u);
  EXPECT_EQ(service_->organiser_activities("active", resident()).status().code(),
            Code::kPermissionDenied);
}

}  // namespace
}  // namespace warmcity::activities
