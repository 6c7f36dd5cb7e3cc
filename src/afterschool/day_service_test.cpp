// The day (day_service.h), on SQLite and on PostgreSQL: check-in on a
// session day for a child enrolled, by the programme's staff only; the
// check-out by a pickup adult's code (a wrong, revoked or expired adult's
// code refused and counted; five wrong codes close the codes for the day),
// by phone and photo, recording who, how, when and which staff member.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "afterschool/day_test_world.h"

namespace warmcity::afterschool {
namespace {

using DayServiceTest = DayWorld;

std::string error_code(const Status& s) { return s.message().substr(0, s.message().find(':')); }

TEST_F(DayServiceTest, ACheckInIsRecordedWithItsStaffMember) {
  Result<Attendance> a = check_in(1, 101, staff(), "adult", "王奶奶");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_GT(a->id, 0);
  EXPECT_EQ(a->programme_id, 1);
  EXPECT_EQ(a->child_id, 101);
  EXPECT_EQ(a->day, "2026-09-14");
  EXPECT_EQ(a->checked_in_at, kDayNow);
  EXPECT_EQ(a->checked_in_by, 3);
  EXPECT_EQ(a->brought_by, "adult");
  EXPECT_EQ(a->brought_by_name, "王奶奶");
  EXPECT_EQ(attendance_state(&*a), "here");
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_attendance WHERE child_id = 101 AND "
                  "day = '2026-09-14' AND checked_in_by = 3 AND checked_out_at IS NULL"),
            1);
  // A volunteer on the staff list checks in too.
  EXPECT_TRUE(check_in(1, 102, volunteer()).ok());
  Result<Attendance> again = check_in(1, 101);
  EXPECT_EQ(again.status().code(), Code::kConflict);
  EXPECT_EQ(error_code(again.status()), "already_checked_in");
}

TEST_F(DayServiceTest, OnlyOnASessionDay) {
  at_minute(16 * 60 + 40, 17);  // 2026-10-01, a Thursday and a holiday
  Result<Attendance> holiday = check_in(1, 101);
  EXPECT_EQ(holiday.status().code(), Code::kConflict);
  EXPECT_EQ(error_code(holiday.status()), "no_session");
  at_minute(16 * 60 + 40, 5);  // Saturday 2026-09-19
  EXPECT_EQ(error_code(check_in(1, 101).status()), "no_session");
  at_minute(16 * 60 + 40, 1);
  ASSERT_TRUE(exec("UPDATE afterschool_programmes SET status = 'closed' WHERE id = 1").ok());
  EXPECT_EQ(error_code(check_in(1, 101).status()), "no_session");
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_attendance"), 0);
}

TEST_F(DayServiceTest, OnlyForAChildEnrolled) {
  Result<Attendance> a = check_in(1, 103);  // 小刚 is in programme 2
  EXPECT_EQ(a.status().code(), Code::kConflict);
  EXPECT_EQ(error_code(a.status()), "not_enrolled");
  ASSERT_TRUE(exec("UPDATE afterschool_enrolments SET status = 'withdrawn' WHERE id = 2").ok());
  EXPECT_EQ(error_code(check_in(1, 102).status()), "not_enrolled");
  EXPECT_EQ(check_in(1, 999).status().code(), Code::kNotFound);
  EXPECT_EQ(check_in(999, 101).status().code(), Code::kNotFound);
  EXPECT_EQ(error_code(check_out(1, by_code(103, "123456")).status()), "not_enrolled");
  EXPECT_EQ(error_code(check_out(1, by_code(101, "123456")).status()), "not_checked_in");
}

TEST_F(DayServiceTest, OnlyTheProgrammesStaff) {
  EXPECT_EQ(check_in(1, 101, other_staff()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(check_in(1, 101, organiser()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(check_in(1, 101, admin()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(check_in(1, 101, guardian()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(check_in(1, 101, anonymous()).status().code(), Code::kUnauthenticated);
  ASSERT_TRUE(check_in(1, 101).ok());
  EXPECT_EQ(check_out(1, by_code(101, "123456"), guardian()).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(check_out(1, by_code(101, "123456"), other_staff()).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(check_out(1, by_code(101, "123456"), anonymous()).status().code(),
            Code::kUnauthenticated);
  // A staff member whose account was disabled is no longer staff.
  ASSERT_TRUE(exec("UPDATE users SET disabled = 1 WHERE id = 3").ok());
  EXPECT_EQ(check_out(1, by_code(101, "123456")).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_attendance WHERE checked_out_at IS NULL"), 1);
}

TEST_F(DayServiceTest, ACodeCheckOutRecordsWhoHowWhenAndWhichStaff) {
  ASSERT_TRUE(check_in(1, 101).ok());
  now_ += 90 * kMinute;
  Result<Attendance> a = check_out(1, by_code(101, "123456"), volunteer());
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(attendance_state(&*a), "gone");
  EXPECT_EQ(a->checked_out_at, kDayNow + 90 * kMinute);
  EXPECT_EQ(a->checked_out_by, 5);
  EXPECT_EQ(a->pickup_method, "code");
  EXPECT_EQ(a->pickup_adult_id, 201);
  EXPECT_EQ(a->pickup_name, "王奶奶");
  EXPECT_EQ(a->pickup_relation, "亲属");
  EXPECT_FALSE(a->late);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_attendance WHERE child_id = 101 AND "
                  "pickup_adult_id = 201 AND pickup_method = 'code' AND checked_out_by = 5 "
                  "AND late = 0"),
            1);
  Result<Attendance> again = check_out(1, by_code(101, "123456"));
  EXPECT_EQ(error_code(again.status()), "already_checked_out");
}

TEST_F(DayServiceTest, WrongRevokedAndExpiredCodesAreRefusedAlike) {
  ASSERT_TRUE(check_in(1, 101).ok());
  for (const char* code : {"000000", "222222", "333333"}) {
    Result<Attendance> a = check_out(1, by_code(101, code));
    EXPECT_EQ(a.status().code(), Code::kPermissionDenied) << code;
    EXPECT_EQ(error_code(a.status()), "pickup_refused") << code;
  }
  // Another child's adult: 王奶奶 may take 小红 with her code, nobody else's.
  ASSERT_TRUE(check_in(1, 102).ok());
  EXPECT_EQ(error_code(check_out(1, by_code(102, "444444")).status()), "pickup_refused");
  EXPECT_EQ(count("SELECT code_failures FROM afterschool_attendance WHERE child_id = 101"), 3);
  EXPECT_EQ(count("SELECT code_failures FROM afterschool_attendance WHERE child_id = 102"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_attendance WHERE checked_out_at IS NOT NULL"),
            0);
  Result<Attendance> right = check_out(1, by_code(102, "123456"));
  ASSERT_TRUE(right.ok()) << right.status().message();
  EXPECT_EQ(right->pickup_adult_id, 201);
}

TEST_F(DayServiceTest, FiveWrongCodesCloseTheCodesForTheChildThatDay) {
  ASSERT_TRUE(check_in(1, 101).ok());
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(error_code(check_out(1, by_code(101, "99999" + std::to_string(i))).status()),
              "pickup_refused");
  Result<Attendance> closed = check_out(1, by_code(101, "123456"));
  EXPECT_EQ(closed.status().code(), Code::kResourceExhausted);
  EXPECT_EQ(error_code(closed.status()), "too_many_codes");
  EXPECT_EQ(count("SELECT code_failures FROM afterschool_attendance WHERE child_id = 101"), 5);
  // The phone and photo check still works.
  Result<Attendance> phone = check_out(1, by_phone(101, "13800000201"));
  ASSERT_TRUE(phone.ok()) << phone.status().message();
  EXPECT_EQ(phone->pickup_method, "phone");
  EXPECT_EQ(phone->pickup_adult_id, 201);
}

TEST_F(DayServiceTest, PhoneCheckOutNeedsAnActiveAdultWithAPhoto) {
  ASSERT_TRUE(check_in(1, 101).ok());
  Result<Attendance> no_photo = check_out(1, by_phone(101, "13800000204"));
  EXPECT_EQ(no_photo.status().code(), Code::kConflict);
  EXPECT_EQ(error_code(no_photo.status()), "no_photo");
  EXPECT_EQ(error_code(check_out(1, by_phone(101, "13800000202")).status()), "pickup_refused");
  EXPECT_EQ(error_code(check_out(1, by_phone(101, "13800000203")).status()), "pickup_refused");
  EXPECT_EQ(error_code(check_out(1, by_phone(101, "13900000010")).status()), "pickup_refused");
  EXPECT_EQ(count("SELECT code_failures FROM afterschool_attendance WHERE child_id = 101"), 0);
  // The photo compared was another adult's (204) than the phone's (201).
  CheckOutRequest other = by_phone(101, "13800000201");
  other.pickup_adult_id = 204;
  EXPECT_EQ(error_code(check_out(1, other).status()), "pickup_refused");
  CheckOutRequest same = by_phone(101, "13800000201");
  same.pickup_adult_id = 201;
  Result<Attendance> a = check_out(1, same);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->pickup_name, "王奶奶");
}

TEST_F(DayServiceTest, AChildWithdrawnAfterArrivingStillGoesHome) {
  ASSERT_TRUE(check_in(1, 101).ok());
  ASSERT_TRUE(exec("UPDATE afterschool_enrolments SET status = 'withdrawn' WHERE id = 1").ok());
  EXPECT_TRUE(check_out(1, by_code(101, "123456")).ok());
}

TEST_F(DayServiceTest, YesterdaysCheckInIsNotTodays) {
  ASSERT_TRUE(check_in(1, 101).ok());
  at_minute(16 * 60 + 40, 1);
  EXPECT_EQ(error_code(check_out(1, by_code(101, "123456")).status()), "not_checked_in");
  EXPECT_TRUE(check_in(1, 101).ok());
}

// Through the router: roles, bodies, ids and the contract's answers.
using DayRoutesTest = DayWorld;

constexpr char kCheckIns[] = "/api/v1/afterschool-programmes/1/check-ins";
constexpr char kCheckOuts[] = "/api/v1/afterschool-programmes/1/check-outs";

nlohmann::json body_of(const http::Response& r) {
  return nlohmann::json::parse(r.body, nullptr, false);
}

TEST_F(DayRoutesTest, TheDayThroughItsRoutes) {
  http::Response in =
      call(http::Method::kPost, kCheckIns, 3, R"({"child_id": 101, "brought_by": "from_school"})");
  ASSERT_EQ(in.status, 201) << in.body;
  EXPECT_EQ(body_of(in)["state"], "here");
  EXPECT_EQ(body_of(in)["checked_in_at"], "2026-09-14T16:40:00+08:00");
  EXPECT_TRUE(body_of(in)["picked_up_by"].is_null());
  http::Response again =
      call(http::Method::kPost, kCheckIns, 3, R"({"child_id": 101, "brought_by": "from_school"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(body_of(again)["error"], "already_checked_in");
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(call(http::Method::kPost, kCheckOuts, 3,
                   R"({"child_id": 101, "method": "code", "code": "000000"})")
                  .status,
              403);
  http::Response closed = call(http::Method::kPost, kCheckOuts, 3,
                               R"({"child_id": 101, "method": "code", "code": "123456"})");
  EXPECT_EQ(closed.status, 429);
  EXPECT_EQ(body_of(closed)["error"], "too_many_codes");
  http::Response out = call(http::Method::kPost, kCheckOuts, 3,
                            R"({"child_id": 101, "method": "phone", "phone": "13800000201",
                                "visual_check": true})");
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(body_of(out)["state"], "gone");
  EXPECT_EQ(body_of(out)["picked_up_by"],
            nlohmann::json::parse(R"({"name": "王奶奶", "relation": "亲属", "method": "phone",
                                      "pickup_adult_id": 201, "pickup_proxy_id": null})"));
}

TEST_F(DayRoutesTest, RefusalsAtTheEdge) {
  const char* good = R"({"child_id": 101, "brought_by": "from_school"})";
  EXPECT_EQ(call(http::Method::kPost, kCheckIns, 0, good).status, 401);
  EXPECT_EQ(call(http::Method::kPost, kCheckIns, 10, good).status, 403);  // a guardian
  EXPECT_EQ(call(http::Method::kPost, kCheckIns, 4, good).status, 403);   // another programme's
  EXPECT_EQ(call(http::Method::kPost, kCheckOuts, 10,
                 R"({"child_id": 101, "method": "code", "code": "123456"})")
                .status,
            403);
  EXPECT_EQ(call(http::Method::kPost, kCheckIns, 3, "{\"child_id\": ").status, 400);
  EXPECT_EQ(call(http::Method::kPost, kCheckIns, 3, "[1, 2]").status, 400);
  EXPECT_EQ(call(http::Method::kPost, kCheckIns, 3, "").status, 400);
  http::Response typed =
      call(http::Method::kPost, kCheckIns, 3, R"({"child_id": "101", "brought_by": 1})");
  EXPECT_EQ(typed.status, 422);
  EXPECT_EQ(body_of(typed)["field"], "child_id");
  http::Response unknown = call(http::Method::kPost, kCheckIns, 3,
                                R"({"child_id": 101, "brought_by": "from_school", "x": 1})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(body_of(unknown)["field"], "x");
  http::Response no_check = call(http::Method::kPost, kCheckOuts, 3,
                                 R"({"child_id": 101, "method": "phone", "phone": "13800000201"})");
  EXPECT_EQ(no_check.status, 422);
  EXPECT_EQ(body_of(no_check)["field"], "visual_check");
  EXPECT_EQ(
      call(http::Method::kPost, "/api/v1/afterschool-programmes/abc/check-ins", 3, good).status,
      404);
  EXPECT_EQ(
      call(http::Method::kPost, "/api/v1/afterschool-programmes/987654/check-ins", 3, good).status,
      404);
  EXPECT_EQ(call(http::Method::kPost, kCheckIns, 3,
                 R"({"child_id": 987654, "brought_by": "from_school"})")
                .status,
            404);
  EXPECT_EQ(call(http::Method::kPost, kCheckOuts, 3,
                 R"({"child_id": 101, "method": "proxy", "proxy_id": 987654})")
                .status,
            409);  // not checked in comes first
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_attendance"), 0);
}

TEST_F(DayRoutesTest, RosterAndProxiesThroughTheirRoutes) {
  ASSERT_TRUE(check_in(1, 101).ok());
  http::Response r = call(http::Method::kGet, "/api/v1/afterschool-programmes/1/roster", 3);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_of(r)["date"], "2026-09-14");
  EXPECT_EQ(body_of(r)["day"]["open"], true);
  EXPECT_TRUE(body_of(r)["day"]["reason"].is_null());
  EXPECT_EQ(body_of(r)["children"][0]["child"]["name"], "张小明");
  http::Response csv =
      call(http::Method::kGet, "/api/v1/afterschool-programmes/1/roster.csv?date=2026-09-14", 3);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type.rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF姓名,", 0), 0u);
  EXPECT_EQ(
      call(http::Method::kGet, "/api/v1/afterschool-programmes/1/roster?date=2026-13-01", 3).status,
      422);
  EXPECT_EQ(call(http::Method::kGet, "/api/v1/afterschool-programmes/1/roster.csv", 0).status, 401);
  EXPECT_EQ(call(http::Method::kGet, "/api/v1/afterschool-programmes/1/roster", 10).status, 403);
  EXPECT_EQ(call(http::Method::kGet, "/api/v1/afterschool-programmes/1/roster", 1).status, 403);

  http::Response made = call(http::Method::kPost, "/api/v1/children/101/proxies", 3,
                             R"({"name": "赵红梅", "phone": "13835870004", "relation": "邻居"})");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(body_of(made)["confirmed"], false);
  EXPECT_TRUE(body_of(made)["confirm_channel"].is_null());
  const std::string confirm =
      "/api/v1/pickup-proxies/" + std::to_string(body_of(made)["id"].get<int64_t>()) + "/confirm";
  http::Response bad = call(http::Method::kPost, confirm, 3, R"({"by_phone": "yes"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(body_of(bad)["field"], "by_phone");
  http::Response ok = call(http::Method::kPost, confirm, 10, "");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(body_of(ok)["confirm_channel"], "app");
  EXPECT_EQ(call(http::Method::kPost, "/api/v1/pickup-proxies/987654/confirm", 10, "{}").status,
            404);
  EXPECT_EQ(call(http::Method::kPost, "/api/v1/children/101/proxies", 12,
                 R"({"name": "陌生人", "phone": "13835870098"})")
                .status,
            403);
  EXPECT_EQ(call(http::Method::kPost, "/api/v1/children/101/proxies", 10,
                 R"({"name": "陌生人", "phone": "12345"})")
                .status,
            422);
  http::Response listed = call(http::Method::kGet, "/api/v1/children/101/proxies", 11);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(body_of(listed)["items"].size(), 1u);
  http::Response gone = call(http::Method::kPost, kCheckOuts, 3,
                             R"({"child_id": 101, "method": "proxy", "proxy_id": )" +
                                 std::to_string(body_of(made)["id"].get<int64_t>()) + "}");
  ASSERT_EQ(gone.status, 200) << gone.body;
  const nlohmann::json by = body_of(gone)["picked_up_by"];
  EXPECT_EQ(by["name"], "赵红梅");
  EXPECT_EQ(by["relation"], "邻居");
  EXPECT_EQ(by["method"], "proxy");
  EXPECT_TRUE(by["pickup_adult_id"].is_null());
  EXPECT_EQ(by["pickup_proxy_id"], body_of(made)["id"]);
}

}  // namespace
}  // namespace warmcity::afterschool
