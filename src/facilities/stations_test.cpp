#include "facilities/stations.h"

#include <gtest/gtest.h>

#include "core/calendar_loader.h"
#include "core/time.h"
#include "facilities/service_test_fixture.h"

namespace warmcity::facilities {
namespace {

int64_t at(const char* rfc3339) { return *core::parse_rfc3339(rfc3339); }

core::Calendar official() {
  Result<core::Calendar> c = core::load_calendar_dir("data/calendar");
  EXPECT_TRUE(c.ok()) << c.status().message();
  return c.ok() ? *c : core::Calendar();
}

TEST(Notices, WindowMustBeNonEmptyAndAtMost31Days) {
  const int64_t from = at("2026-07-01T08:00:00+08:00");
  EXPECT_TRUE(notice_window_errors(from, from + 1).empty());
  EXPECT_TRUE(notice_window_errors(from, from + kNoticeMaxWindow).empty());
  ASSERT_EQ(notice_window_errors(from, from).size(), 1u);
  EXPECT_EQ(notice_window_errors(from, from).at(0).field, "valid_until");
  EXPECT_EQ(notice_window_errors(from, from - 60).size(), 1u);
  EXPECT_EQ(notice_window_errors(from, from + kNoticeMaxWindow + 1).size(), 1u);
}

TEST(Stations, KindsDecideWhatAStationCarries) {
  Facility f;
  f.kind = Kind::kLoveStation;
  EXPECT_TRUE(check_notice_kind(f).ok());
  EXPECT_EQ(check_reception_kind(f).code(), Code::kConflict);
  f.kind = Kind::kLiaisonStation;
  EXPECT_EQ(check_notice_kind(f).code(), Code::kConflict);
  EXPECT_TRUE(check_reception_kind(f).ok());
  f.kind = Kind::kServiceCentre;
  EXPECT_TRUE(check_reception_kind(f).ok());
  f.kind = Kind::kParking;
  EXPECT_EQ(check_reception_kind(f).code(), Code::kConflict);
}

TEST(Receptions, TimesAreHoursAndMinutes) {
  EXPECT_EQ(parse_hhmm("00:00"), 0);
  EXPECT_EQ(parse_hhmm("09:30"), 570);
  EXPECT_EQ(parse_hhmm("24:00"), 1440);
  for (const char* bad : {"24:01", "9:30", "09:60", "25:00", "0930", "ab:cd", "09:30 "}) {
    EXPECT_FALSE(parse_hhmm(bad)) << bad;
  }
  EXPECT_EQ(format_hhmm(570), "09:30");
  EXPECT_EQ(format_hhmm(1440), "24:00");
}

TEST(Receptions, CurrentOrNextOnAWorkingDay) {
  const core::Calendar cal = official();
  // Tuesday and Thursday mornings.
  const std::vector<Reception> week = {{"王代表", 2, 9 * 60, 11 * 60},
                                       {"李代表", 4, 9 * 60, 11 * 60}};
  // Tuesday 2026-06-02 10:00: the Tuesday reception is under way.
  auto now = next_reception(week, cal, at("2026-06-02T10:00:00+08:00"));
  ASSERT_TRUE(now);
  EXPECT_EQ(now->representative, "王代表");
  EXPECT_EQ(now->from, at("2026-06-02T09:00:00+08:00"));
  EXPECT_EQ(now->until, at("2026-06-02T11:00:00+08:00"));
  // At 11:00 it has ended: Thursday's is next.
  auto next = next_reception(week, cal, at("2026-06-02T11:00:00+08:00"));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->representative, "李代表");
  EXPECT_EQ(next->from, at("2026-06-04T09:00:00+08:00"));
  EXPECT_FALSE(next_reception({}, cal, at("2026-06-02T10:00:00+08:00")));
}

TEST(Receptions, FollowTheOfficialCalendar) {
  const core::Calendar cal = official();
  struct Case {
    Reception slot;
    const char* now;
    const char* from;
    const char* until;
  } cases[] = {
      // Thursday 2026-10-01 is 国庆节: skipped; Thursday 10-08 is a working day.
      {{"李代表", 4, 9 * 60, 11 * 60},
       "2026-09-30T12:00:00+08:00",
       "2026-10-08T09:00:00+08:00",
       "2026-10-08T11:00:00+08:00"},
      // Sunday 2026-09-20 is a make-up working day (国庆节调休, data/calendar/2026.txt).
      {{"赵代表", 7, 14 * 60, 16 * 60},
       "2026-09-14T08:00:00+08:00",
       "2026-09-20T14:00:00+08:00",
       "2026-09-20T16:00:00+08:00"},
  };
  for (const Case& c : cases) {
    auto next = next_reception({c.slot}, cal, at(c.now));
    ASSERT_TRUE(next) << c.now;
    EXPECT_EQ(next->representative, c.slot.representative);
    EXPECT_EQ(next->from, at(c.from)) << c.now;
    EXPECT_EQ(next->until, at(c.until)) << c.now;
  }
  // An ordinary Sunday has none: nothing within a week of Monday 2026-06-01.
  EXPECT_FALSE(
      next_reception({{"赵代表", 7, 14 * 60, 16 * 60}}, cal, at("2026-06-01T08:00:00+08:00"), 7));
}

class StationServiceTest : public ServiceTest {
 protected:
  int64_t station(Kind kind, std::optional<int64_t> keeper_org) {
    Facility f;
    f.kind = kind;
    f.name = "凤山驿站";
    f.address = "凤山路 1 号";
    f.lat = 37.52;
    f.lon = 111.14;
    f.keeper_org_id = keeper_org;
    return create(std::move(f));
  }
  Result<Notice> post(int64_t id, const Editor& by) {
    std::promise<Result<Notice>> done;
    const int64_t now = core::now_unix();
    service_->add_notice({0, id, "今日免费绿豆汤", now - 60, now + 3600, 0, 0}, by,
                         [&done](Result<Notice> r) { done.set_value(std::move(r)); });
    return done.get_future().get();
  }
  Status remove(int64_t id, int64_t notice_id, const Editor& by) {
    std::promise<Status> done;
    service_->remove_notice(id, notice_id, by, [&done](const Status& s) { done.set_value(s); });
    return done.get_future().get();
  }
  Status receive(int64_t id, std::vector<Reception> schedule, const Editor& by) {
    std::promise<Status> done;
    service_->set_receptions(id, std::move(schedule), by,
                             [&done](const Status& s) { done.set_value(s); });
    return done.get_future().get();
  }
  int64_t audited(const char* action) {
    return store::testing_util::query_int(
        db_->reader(),
        std::string("SELECT COUNT(*) FROM audit_log WHERE action = '") + action + "'");
  }
};

TEST_F(StationServiceTest, NoticesAreCheckedStoredAndAudited) {
  const int64_t love = station(Kind::kLoveStation, 7);
  Result<Notice> n = post(love, keeper_);
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(n->created_by, 2);
  Result<std::vector<Notice>> shown = current_notices(db_->reader(), love, core::now_unix());
  ASSERT_TRUE(shown.ok());
  ASSERT_EQ(shown->size(), 1u);
  EXPECT_TRUE(current_notices(db_->reader(), love, core::now_unix() + 7200)->empty());
  // Before it starts it is still to come: a keeper's list has it, the facility's does not;
  // after it ends neither has it.
  const int64_t before = core::now_unix() - 7200;
  EXPECT_TRUE(current_notices(db_->reader(), love, before)->empty());
  ASSERT_EQ(pending_notices(db_->reader(), love, before)->size(), 1u);
  EXPECT_EQ(pending_notices(db_->reader(), love, core::now_unix())->front().id, n->id);
  EXPECT_TRUE(pending_notices(db_->reader(), love, core::now_unix() + 7200)->empty());
  EXPECT_EQ(post(love, other_keeper_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(post(station(Kind::kCanteen, 7), admin_).status().code(), Code::kConflict);
  EXPECT_EQ(post(999, admin_).status().code(), Code::kNotFound);
  EXPECT_EQ(remove(love, n->id, other_keeper_).code(), Code::kPermissionDenied);
  EXPECT_TRUE(remove(love, n->id, keeper_).ok());
  EXPECT_EQ(remove(love, n->id, keeper_).code(), Code::kNotFound);
  EXPECT_EQ(audited("facility.notice_add"), 1);
  EXPECT_EQ(audited("facility.notice_delete"), 1);
}

TEST_F(StationServiceTest, ReceptionsAreReplacedAndAudited) {
  const int64_t liaison = station(Kind::kLiaisonStation, 7);
  ASSERT_TRUE(receive(liaison, {{"王代表", 2, 540, 660}, {"李代表", 1, 540, 600}}, keeper_).ok());
  ASSERT_TRUE(receive(liaison, {{"赵代表", 3, 600, 660}}, admin_).ok());
  Result<std::vector<Reception>> stored = load_receptions(db_->reader(), liaison);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->at(0).representative, "赵代表");
  EXPECT_EQ(receive(liaison, {}, other_keeper_).code(), Code::kPermissionDenied);
  EXPECT_EQ(receive(station(Kind::kLoveStation, 7), {}, admin_).code(), Code::kConflict);
  EXPECT_EQ(audited("facility.receptions_set"), 2);
}

// Two receptions at the same start keep the order they were given in (the
// position column), and station_fields() shows them beside the row.
TEST_F(StationServiceTest, ReceptionsAtTheSameStartKeepTheirOrder) {
  const int64_t liaison = station(Kind::kLiaisonStation, 7);
  ASSERT_TRUE(receive(liaison,
                      {{"钱代表", 2, 540, 660}, {"孙代表", 1, 540, 600}, {"周代表", 1, 540, 570}},
                      keeper_)
                  .ok());
  Result<Facility> f = service_->get(liaison);
  ASSERT_TRUE(f.ok()) << f.status().message();
  Result<FacilityService::StationFields> shown = service_->station_fields(*f, core::now_unix());
  ASSERT_TRUE(shown.ok()) << shown.status().message();
  EXPECT_FALSE(shown->notices);
  ASSERT_TRUE(shown->receptions);
  std::vector<std::string> order;
  for (const Reception& r : *shown->receptions) order.push_back(r.representative);
  EXPECT_EQ(order, (std::vector<std::string>{"孙代表", "周代表", "钱代表"}));
  ASSERT_TRUE(receive(liaison, {{"周代表", 1, 540, 570}, {"孙代表", 1, 540, 600}}, keeper_).ok());
  order.clear();
  Result<std::vector<Reception>> stored = load_receptions(db_->reader(), liaison);
  ASSERT_TRUE(stored.ok());
  for (const Reception& r : *stored) order.push_back(r.representative);
  EXPECT_EQ(order, (std::vector<std::string>{"周代表", "孙代表"}));
}

TEST_F(StationServiceTest, ReadsCheckWhoMayReadThem) {
  const int64_t love = station(Kind::kLoveStation, 7);
  ASSERT_TRUE(post(love, keeper_).ok());
  EXPECT_TRUE(service_->kept(love, keeper_, "its notices").ok());
  EXPECT_TRUE(service_->kept(love, admin_, "its notices").ok());
  Result<Facility> denied = service_->kept(love, other_keeper_, "its notices");
  EXPECT_EQ(denied.status().code(), Code::kPermissionDenied);
  EXPECT_EQ(denied.status().message(),
            "only an admin or a keeper of this facility may read its notices");
  EXPECT_EQ(service_->kept(999, admin_, "its notices").status().code(), Code::kNotFound);
  Result<std::vector<Notice>> pending = service_->pending_notices(love, core::now_unix());
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->size(), 1u);
  Result<FacilityService::StationFields> shown =
      service_->station_fields(*service_->get(love), core::now_unix());
  ASSERT_TRUE(shown.ok());
  ASSERT_TRUE(shown->notices);
  EXPECT_EQ(shown->notices->size(), 1u);
  EXPECT_FALSE(shown->receptions);
}

}  // namespace
}  // namespace warmcity::facilities
