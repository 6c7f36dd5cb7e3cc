// The dashboard's after-school figures (afterschool_counts.h), on SQLite and
// on PostgreSQL: per site its programmes, the children enrolled now, those
// attending in the month (distinct), the attendances and late pickups; the
// totals; the route's roles and its month.
#include "afterschool/afterschool_counts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "afterschool/programme_test_world.h"

namespace warmcity::afterschool {
namespace {

using nlohmann::json;
using AfterschoolCountsTest = ProgrammeWorld;

TEST_F(AfterschoolCountsTest, PerSiteAndInAll) {
  const int64_t a = made();
  ProgrammeFields second = fields();
  second.name = "龙凤周末班";
  second.weekdays = "6";
  const int64_t a2 = made(second);
  ProgrammeFields other = fields();
  other.site_id = 603;
  other.name = "龙山社区四点半课堂";
  const int64_t b = made(other);
  const std::vector<int64_t> kids = enrol_children(a, 3);
  const std::vector<int64_t> weekend = enrol_children(a2, 1);
  const std::vector<int64_t> longshan = enrol_children(b, 2);
  // A withdrawn enrolment is not counted.
  ASSERT_TRUE(exec("UPDATE afterschool_enrolments SET status = 'withdrawn' WHERE child_id = " +
                   std::to_string(longshan[1]))
                  .ok());
  // September: kid 0 on two days (once late), kid 1 once; the weekend child
  // once; October: kid 2 once, late.
  attend(a, kids[0], "2026-09-14", true, true);
  attend(a, kids[0], "2026-09-15", true);
  attend(a, kids[1], "2026-09-15", true);
  attend(a2, weekend[0], "2026-09-19", true);
  attend(b, longshan[0], "2026-09-30", true, true);
  attend(a, kids[2], "2026-10-08", true, true);

  Result<core::Month> sept = core::parse_month("2026-09");
  ASSERT_TRUE(sept.ok());
  Result<AfterschoolCounts> n = afterschool_counts(db_->reader(), *sept);
  ASSERT_TRUE(n.ok()) << n.status().message();
  ASSERT_EQ(n->sites.size(), 2u);
  const SiteCounts& longfeng = n->sites[0].site_id == 601 ? n->sites[0] : n->sites[1];
  const SiteCounts& longshan_site = n->sites[0].site_id == 601 ? n->sites[1] : n->sites[0];
  EXPECT_EQ(longfeng.site_name, "龙凤社区四点半课堂");
  EXPECT_EQ(longfeng.programmes, 2);
  EXPECT_EQ(longfeng.enrolled, 4);
  EXPECT_EQ(longfeng.attending, 3);
  EXPECT_EQ(longfeng.attendances, 4);
  EXPECT_EQ(longfeng.late_pickups, 1);
  EXPECT_EQ(longshan_site.site_id, 603);
  EXPECT_EQ(longshan_site.programmes, 1);
  EXPECT_EQ(longshan_site.enrolled, 1);
  EXPECT_EQ(longshan_site.attending, 1);
  EXPECT_EQ(longshan_site.attendances, 1);
  EXPECT_EQ(longshan_site.late_pickups, 1);
  EXPECT_EQ(n->enrolled, 5);
  EXPECT_EQ(n->attending, 4);
  EXPECT_EQ(n->late_pickups, 2);

  Result<core::Month> oct = core::parse_month("2026-10");
  ASSERT_TRUE(oct.ok());
  Result<AfterschoolCounts> o = afterschool_counts(db_->reader(), *oct);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->attending, 1);
  EXPECT_EQ(o->late_pickups, 1);
  EXPECT_EQ(o->enrolled, 5);

  // A closed programme: its site stays listed with what happened, its
  // children no longer count as enrolled.
  ProgrammePatch close;
  close.status = "closed";
  ASSERT_TRUE(update(b, close, organiser()).first.ok());
  Result<AfterschoolCounts> after = afterschool_counts(db_->reader(), *sept);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->sites.size(), 2u);
  const SiteCounts& closed = after->sites[0].site_id == 603 ? after->sites[0] : after->sites[1];
  EXPECT_EQ(closed.programmes, 0);
  EXPECT_EQ(closed.enrolled, 0);
  EXPECT_EQ(closed.attending, 1);
  EXPECT_EQ(closed.late_pickups, 1);
  EXPECT_EQ(after->enrolled, 4);
  EXPECT_EQ(after->attending, 4);
}

TEST_F(AfterschoolCountsTest, NothingYet) {
  Result<core::Month> m = core::parse_month("2026-09");
  ASSERT_TRUE(m.ok());
  Result<AfterschoolCounts> n = afterschool_counts(db_->reader(), *m);
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_TRUE(n->sites.empty());
  EXPECT_EQ(n->enrolled, 0);
  EXPECT_EQ(n->attending, 0);
  EXPECT_EQ(n->late_pickups, 0);
}

TEST_F(AfterschoolCountsTest, TheRoute) {
  const int64_t a = made();
  const std::vector<int64_t> kids = enrol_children(a, 2);
  attend(a, kids[0], "2026-09-14", true, true);
  for (int64_t who : {int64_t{6}, int64_t{1}}) {  // a department user, an admin
    http::Response r = call(http::Method::kGet, "/api/v1/afterschool-counts?month=2026-09", who);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json_of(r), json({{"month", "2026-09"},
                                {"sites", json::array({{{"site_id", 601},
                                                        {"site_name", "龙凤社区四点半课堂"},
                                                        {"programmes", 1},
                                                        {"enrolled", 2},
                                                        {"attending", 1},
                                                        {"attendances", 1},
                                                        {"late_pickups", 1}}})},
                                {"enrolled", 2},
                                {"attending", 1},
                                {"late_pickups", 1}}));
  }
  EXPECT_EQ(call(http::Method::kGet, "/api/v1/afterschool-counts", 6).status, 200);
  http::Response bad = call(http::Method::kGet, "/api/v1/afterschool-counts?month=2026-13", 6);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(json_of(bad)["field"], "month");
  EXPECT_EQ(call(http::Method::kGet, "/api/v1/afterschool-counts?month=09-2026", 6).status, 422);
  // Organiser staff, programme staff, residents: 403; anonymous: 401.
  for (int64_t who : {int64_t{2}, int64_t{4}, int64_t{10}})
    EXPECT_EQ(call(http::Method::kGet, "/api/v1/afterschool-counts?month=2026-09", who).status, 403)
        << who;
  EXPECT_EQ(call(http::Method::kGet, "/api/v1/afterschool-counts?month=2026-09", 0).status, 401);
}

}  // namespace
}  // namespace warmcity::afterschool
