// A programme's roster (roster_service.h) and its JSON and CSV, on SQLite
// and on PostgreSQL: the children by name with their states, guardians and
// late pickups; who may read it; every read audited with its purpose; the
// CSV for the school with its BOM.
#include <gtest/gtest.h>

#include <string>

#include "afterschool/day_test_world.h"
#include "afterschool/roster_json.h"

namespace warmcity::afterschool {
namespace {

using RosterTest = DayWorld;

TEST_F(RosterTest, TheChildrenByNameWithTheirDay) {
  ASSERT_TRUE(check_in(1, 101).ok());
  ASSERT_TRUE(check_in(1, 102, staff(), "adult", "王奶奶").ok());
  now_ += 30 * kMinute;
  ASSERT_TRUE(check_out(1, by_code(102, "123456")).ok());
  Result<Roster> r = roster(1);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->date, "2026-09-14");
  EXPECT_TRUE(r->day.open);
  EXPECT_EQ(r->programme.programme.name, "凤山四点半课堂");
  EXPECT_EQ(r->programme.organiser_name, "凤山社区居委会");
  EXPECT_EQ(r->programme.enrolled, 2);
  ASSERT_EQ(r->children.size(), 2u);
  const RosterChild& ming = r->children[0];  // 张小明 before 张小红
  EXPECT_EQ(ming.name, "张小明");
  EXPECT_EQ(ming.health_notes, "花生过敏");
  ASSERT_EQ(ming.guardians.size(), 2u);
  EXPECT_EQ(ming.guardians[0].display_name, "张妈妈");
  EXPECT_EQ(ming.guardians[0].phone, "13900000010");
  EXPECT_EQ(ming.guardians[1].relation, "父亲");
  ASSERT_TRUE(ming.attendance);
  EXPECT_EQ(attendance_state(&*ming.attendance), "here");
  ASSERT_TRUE(r->children[1].attendance);
  EXPECT_EQ(attendance_state(&*r->children[1].attendance), "gone");
  EXPECT_EQ(r->staffing.children, 1);  // here now
  EXPECT_EQ(r->staffing.required, 2);
  EXPECT_TRUE(r->alerts.empty());

  nlohmann::ordered_json j = roster_json(*r);
  EXPECT_EQ(j["programme"]["id"], 1);
  EXPECT_EQ(j["day"]["open"], true);
  EXPECT_EQ(j["children"][0]["child"]["name"], "张小明");
  EXPECT_EQ(j["children"][0]["state"], "here");
  EXPECT_EQ(j["children"][0]["child"]["guardians"][0]["phone"], "13900000010");
  EXPECT_EQ(j["children"][1]["state"], "gone");
  EXPECT_EQ(j["children"][1]["brought_by_name"], "王奶奶");
  EXPECT_EQ(j["children"][1]["picked_up_by"]["name"], "王奶奶");
  EXPECT_EQ(j["children"][1]["picked_up_by"]["method"], "code");
  EXPECT_EQ(j["children"][1]["late"], false);
  EXPECT_EQ(j["children"][1]["late_pickups_this_month"], 0);
  EXPECT_EQ(j["children"][0]["child"]["guardians"][1]["user_id"], 11);
  // The child's pickup adults, to choose whose photo to compare: no phone, no code.
  EXPECT_EQ(j["children"][0]["pickup_adults"].dump(),
            R"([{"id":201,"name":"王奶奶","relation":"亲属","has_photo":true,"active":true},)"
            R"({"id":202,"name":"邻居老李","relation":"亲属","has_photo":true,"active":false},)"
            R"({"id":203,"name":"表姑","relation":"亲属","has_photo":true,"active":false},)"
            R"({"id":204,"name":"张爷爷","relation":"亲属","has_photo":false,"active":true}])");
  // The staff list and, with nobody on duty yet, no duty.
  EXPECT_EQ(j["staff"].size(), 2u);
  EXPECT_EQ(j["staff"][0]["user_id"], 3);
  EXPECT_EQ(j["staff"][0]["recheck_due"], false);
  EXPECT_TRUE(j["duty"].empty());

  // Audited: who read which children, for what.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND "
                  "actor_user_id = 3 AND subject_type = 'afterschool_programme' AND "
                  "subject_id = '1' AND detail LIKE '%afterschool_roster%' AND "
                  "detail LIKE '%101%' AND detail LIKE '%102%'"),
            1);
}

TEST_F(RosterTest, TheDayOnDutyWithItsRechecks) {
  ASSERT_TRUE(exec("INSERT INTO afterschool_duty (programme_id, day, user_id, set_by, set_at) "
                   "VALUES (1, '2026-09-14', 5, 3, 0)")
                  .ok());
  ASSERT_TRUE(exec("UPDATE afterschool_staff SET background_checked_on = '2025-09-01' "
                   "WHERE user_id = 5")
                  .ok());
  Result<Roster> r = roster(1);
  ASSERT_TRUE(r.ok()) << r.status().message();
  nlohmann::ordered_json j = roster_json(*r);
  ASSERT_EQ(j["duty"].size(), 1u);
  EXPECT_EQ(j["duty"][0]["user_id"], 5);
  EXPECT_EQ(j["duty"][0]["role"], "volunteer");
  EXPECT_EQ(j["duty"][0]["recheck_due"], true);  // checked a year and more ago
  EXPECT_EQ(j["staffing"]["on_duty"], 0);        // and so not counted
}

TEST_F(RosterTest, ACsvForTheSchool) {
  ASSERT_TRUE(check_in(1, 101).ok());
  Result<Roster> r = roster(1, staff(), std::nullopt, RosterFormat::kCsv);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const std::string csv = roster_csv(*r);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF姓名,学校,年级,状态,到达,送来,离开,接走人,方式\r\n", 0), 0u);
  EXPECT_NE(csv.find("张小明,凤山小学,三年级,在班,16:40,放学直接来,,,\r\n"), std::string::npos);
  EXPECT_NE(csv.find("张小红,凤山小学,一年级,未到,,,,,\r\n"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND "
                  "detail LIKE '%\"format\":\"csv\"%'"),
            1);
}

TEST_F(RosterTest, OnlyTheProgrammesStaff) {
  EXPECT_EQ(roster(1, other_staff()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(roster(1, organiser()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(roster(1, admin()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(roster(1, guardian()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(roster(1, anonymous()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(roster(999).status().code(), Code::kNotFound);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 0);
}

TEST_F(RosterTest, AnotherDaysRoster) {
  ASSERT_TRUE(check_in(1, 101).ok());
  // A holiday's roster says why it is closed, and still lists the children.
  Result<Roster> holiday = roster(1, staff(), *core::parse_date("2026-10-01"));
  ASSERT_TRUE(holiday.ok()) << holiday.status().message();
  EXPECT_FALSE(holiday->day.open);
  EXPECT_EQ(holiday->day.reason, "holiday");
  ASSERT_EQ(holiday->children.size(), 2u);
  EXPECT_FALSE(holiday->children[0].attendance);
  // A child since withdrawn stays on the day it came.
  ASSERT_TRUE(exec("UPDATE afterschool_enrolments SET status = 'withdrawn' WHERE id = 1").ok());
  at_minute(16 * 60 + 40, 1);
  Result<Roster> yesterday = roster(1, staff(), *core::parse_date("2026-09-14"));
  ASSERT_TRUE(yesterday.ok());
  ASSERT_EQ(yesterday->children.size(), 2u);
  EXPECT_TRUE(yesterday->children[0].attendance);
  Result<Roster> today = roster(1);
  ASSERT_TRUE(today.ok());
  ASSERT_EQ(today->children.size(), 1u);
  EXPECT_EQ(today->children[0].name, "张小红");
}

TEST_F(RosterTest, TheRosterRaisesItsOwnProgrammesAlertsFirst) {
  ASSERT_TRUE(check_in(1, 101).ok());
  ASSERT_TRUE(check_in(2, 103, other_staff()).ok());
  at_minute(18 * 60 + 59);
  Result<Roster> before = roster(1);
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->alerts.empty());
  at_minute(19 * 60);
  Result<Roster> r = roster(1);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->alerts.size(), 1u);
  EXPECT_EQ(r->alerts[0].child_id, 101);
  EXPECT_EQ(r->alerts[0].name, "张小明");
  EXPECT_EQ(r->alerts[0].raised_at, now_.load());
  // Only its own programme's: 小刚 in programme 2 waits for the sweep.
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_alerts"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_alerts WHERE notified_at IS NULL"), 1);
  // Late pickups this month count on the roster once the child has gone.
  ASSERT_TRUE(check_out(1, by_code(101, "123456")).ok());
  Result<Roster> after = roster(1);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->alerts.empty());
  EXPECT_EQ(after->children[0].late_pickups_this_month, 1);
  EXPECT_TRUE(after->children[0].attendance->late);
}

}  // namespace
}  // namespace warmcity::afterschool
