// The day's pure rules (day.h, alert.h) and its bodies (day_json.h,
// proxy_json.h): the attendance's states, which adult is active, the
// check-out's refusals by state and by wrong codes, when a child is late,
// the guardians' messages (one per phone), and every refusal of a body (a
// 422 naming its field, unknown and another method's fields refused).
#include <gtest/gtest.h>

#include <string>

#include "afterschool/alert.h"
#include "afterschool/day.h"
#include "afterschool/day_json.h"
#include "afterschool/proxy_json.h"

namespace warmcity::afterschool {
namespace {

using nlohmann::json;

core::LocalDate date_of(const char* s) { return *core::parse_date(s); }

std::string first_field(const Status& s) {
  return s.field_errors().empty() ? "" : s.field_errors().front().field;
}

TEST(DayRules, StatesFollowTheAttendance) {
  EXPECT_EQ(attendance_state(nullptr), "expected");
  Attendance a;
  EXPECT_EQ(attendance_state(&a), "here");
  a.checked_out_at = 5;
  EXPECT_EQ(attendance_state(&a), "gone");
  EXPECT_EQ(check_out_state(nullptr).code(), Code::kConflict);
  EXPECT_EQ(check_out_state(nullptr).message().rfind("not_checked_in:", 0), 0u);
  EXPECT_EQ(check_out_state(&a).message().rfind("already_checked_out:", 0), 0u);
  a.checked_out_at.reset();
  EXPECT_TRUE(check_out_state(&a).ok());
}

TEST(DayRules, AnAdultIsActiveUntilRevokedOrPastTheirDate) {
  PickupAdultFacts a;
  EXPECT_TRUE(adult_active(a, date_of("2026-09-14")));
  a.valid_until = "2026-09-14";
  EXPECT_TRUE(adult_active(a, date_of("2026-09-14")));  // the last day still holds
  EXPECT_FALSE(adult_active(a, date_of("2026-09-15")));
  a.valid_until.reset();
  a.revoked_at = 1;
  EXPECT_FALSE(adult_active(a, date_of("2026-09-14")));
}

TEST(DayRules, FiveWrongCodesCloseTheCodesForTheDay) {
  Attendance a;
  a.code_failures = kMaxCodeFailures - 1;
  EXPECT_TRUE(codes_left(a).ok());
  a.code_failures = kMaxCodeFailures;
  EXPECT_EQ(codes_left(a).code(), Code::kResourceExhausted);
  EXPECT_EQ(codes_left(a).message().rfind("too_many_codes:", 0), 0u);
}

TEST(DayRules, LateIsThirtyMinutesAfterTheEnd) {
  // 2026-09-14 18:30 + 30 min, district time = 11:00 UTC.
  EXPECT_EQ(late_from(date_of("2026-09-14"), 18 * 60 + 30), 1'789'383'600);
  EXPECT_EQ(late_cutoff(1'789'383'600), "18:30");
  EXPECT_EQ(late_cutoff(1'789'383'600 - 60), "18:29");
  // 00:10 district time: no session has ended 30 minutes before today began.
  EXPECT_EQ(late_cutoff(1'789'315'800), "");
}

TEST(DayRules, PickupMethods) {
  EXPECT_EQ(parse_pickup_method("code"), PickupMethod::kCode);
  EXPECT_EQ(parse_pickup_method("phone"), PickupMethod::kPhone);
  EXPECT_EQ(parse_pickup_method("proxy"), PickupMethod::kProxy);
  EXPECT_FALSE(parse_pickup_method("Code"));
  EXPECT_EQ(pickup_method_name(PickupMethod::kProxy), "proxy");
}

TEST(LateMessages, OneMessagePerGuardianPhone) {
  std::vector<LateAlertRow> rows = {
      {1, "凤山四点半课堂", "18:30", 101, "张小明", "13900000010"},
      {1, "凤山四点半课堂", "18:30", 101, "张小明", "13900000011"},
      {1, "凤山四点半课堂", "18:30", 102, "张小红", "13900000010"},
      {1, "凤山四点半课堂", "18:30", 103, "无手机", ""},
  };
  std::vector<LateMessage> m = late_messages(rows);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].phone, "13900000010");
  EXPECT_NE(m[0].text.find("张小明"), std::string::npos);
  EXPECT_NE(m[0].text.find("张小红"), std::string::npos);
  EXPECT_EQ(m[1].phone, "13900000011");
  EXPECT_NE(m[1].text.find("张小明"), std::string::npos);
  EXPECT_EQ(m[1].text.find("张小红"), std::string::npos);
  EXPECT_TRUE(late_messages({}).empty());
}

TEST(DayBodies, CheckIn) {
  Result<CheckInRequest> ok =
      read_check_in(json::parse(R"({"child_id": 7, "brought_by": "from_school"})"));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->child_id, 7);
  EXPECT_FALSE(ok->adult_name);
  Result<CheckInRequest> adult = read_check_in(
      json::parse(R"({"child_id": 7, "brought_by": "adult", "adult_name": " 王奶奶 "})"));
  ASSERT_TRUE(adult.ok()) << adult.status().message();
  EXPECT_EQ(adult->adult_name, "王奶奶");
  auto field = [](const char* body) {
    Result<CheckInRequest> r = read_check_in(json::parse(body));
    EXPECT_FALSE(r.ok()) << body;
    if (r.ok()) return std::string();
    EXPECT_EQ(r.status().code(), Code::kUnprocessable) << body;
    return first_field(r.status());
  };
  EXPECT_EQ(field(R"({"brought_by": "from_school"})"), "child_id");
  EXPECT_EQ(field(R"({"child_id": "7", "brought_by": "from_school"})"), "child_id");
  EXPECT_EQ(field(R"({"child_id": 0, "brought_by": "from_school"})"), "child_id");
  EXPECT_EQ(field(R"({"child_id": 7})"), "brought_by");
  EXPECT_EQ(field(R"({"child_id": 7, "brought_by": "bus"})"), "brought_by");
  EXPECT_EQ(field(R"({"child_id": 7, "brought_by": "adult"})"), "adult_name");
  EXPECT_EQ(field(R"({"child_id": 7, "brought_by": "adult", "adult_name": "   "})"), "adult_name");
  EXPECT_EQ(field(R"({"child_id": 7, "brought_by": "from_school", "adult_name": "王"})"),
            "adult_name");
  EXPECT_EQ(field(R"({"child_id": 7, "brought_by": "from_school", "extra": 1})"), "extra");
}

TEST(DayBodies, CheckOut) {
  Result<CheckOutRequest> code =
      read_check_out(json::parse(R"({"child_id": 7, "method": "code", "code": "004217"})"));
  ASSERT_TRUE(code.ok()) << code.status().message();
  EXPECT_EQ(code->method, PickupMethod::kCode);
  EXPECT_EQ(code->code, "004217");
  Result<CheckOutRequest> phone = read_check_out(json::parse(
      R"({"child_id": 7, "method": "phone", "phone": "13800000201", "visual_check": true})"));
  ASSERT_TRUE(phone.ok()) << phone.status().message();
  EXPECT_TRUE(phone->visual_check);
  EXPECT_EQ(phone->pickup_adult_id, 0);
  Result<CheckOutRequest> seen = read_check_out(json::parse(
      R"({"child_id": 7, "method": "phone", "phone": "13800000201", "visual_check": true,
          "pickup_adult_id": 201})"));
  ASSERT_TRUE(seen.ok()) << seen.status().message();
  EXPECT_EQ(seen->pickup_adult_id, 201);
  Result<CheckOutRequest> proxy =
      read_check_out(json::parse(R"({"child_id": 7, "method": "proxy", "proxy_id": 3})"));
  ASSERT_TRUE(proxy.ok()) << proxy.status().message();
  EXPECT_EQ(proxy->proxy_id, 3);
  auto field = [](const char* body) {
    Result<CheckOutRequest> r = read_check_out(json::parse(body));
    EXPECT_FALSE(r.ok()) << body;
    if (r.ok()) return std::string();
    EXPECT_EQ(r.status().code(), Code::kUnprocessable) << body;
    return first_field(r.status());
  };
  EXPECT_EQ(field(R"({"method": "code", "code": "123456"})"), "child_id");
  EXPECT_EQ(field(R"({"child_id": 7})"), "method");
  EXPECT_EQ(field(R"({"child_id": 7, "method": "face"})"), "method");
  EXPECT_EQ(field(R"({"child_id": 7, "method": "code"})"), "code");
  EXPECT_EQ(field(R"({"child_id": 7, "method": "code", "code": "12345a"})"), "code");
  EXPECT_EQ(field(R"({"child_id": 7, "method": "code", "code": 123456})"), "code");
  EXPECT_EQ(field(R"({"child_id": 7, "method": "code", "code": "123456", "proxy_id": 1})"),
            "proxy_id");
  EXPECT_EQ(field(R"({"child_id": 7, "method": "phone", "phone": "13800000201"})"), "visual_check");
  EXPECT_EQ(field(R"({"child_id": 7, "method": "phone", "phone": "13800000201",
                      "visual_check": true, "pickup_adult_id": "201"})"),
            "pickup_adult_id");
  EXPECT_EQ(field(R"({"child_id": 7, "method": "code", "code": "123456", "pickup_adult_id": 1})"),
            "pickup_adult_id");
  EXPECT_EQ(field(R"({"child_id": 7, "method": "phone", "phone": "13800000201",
                      "visual_check": false})"),
            "visual_check");
  EXPECT_EQ(field(R"({"child_id": 7, "method": "phone", "phone": "13800000201",
                      "visual_check": "yes"})"),
            "visual_check");
  EXPECT_EQ(field(R"({"child_id": 7, "method": "phone", "phone": "12345",
                      "visual_check": true})"),
            "phone");
  EXPECT_EQ(field(R"({"child_id": 7, "method": "proxy"})"), "proxy_id");
  EXPECT_EQ(field(R"({"child_id": 7, "method": "proxy", "proxy_id": 1, "code": "123456"})"),
            "code");
  EXPECT_EQ(field(R"({"child_id": 7, "method": "proxy", "proxy_id": 1, "note": "x"})"), "note");
}

TEST(DayBodies, Proxies) {
  Result<NewProxy> p = read_new_proxy(
      json::parse(R"({"name": "周阿姨", "phone": "13700000001", "date": "2026-09-15"})"));
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->date, date_of("2026-09-15"));
  EXPECT_FALSE(p->relation);
  auto proxy_field = [](const char* body) {
    Result<NewProxy> r = read_new_proxy(json::parse(body));
    EXPECT_FALSE(r.ok()) << body;
    return r.ok() ? std::string() : first_field(r.status());
  };
  EXPECT_EQ(proxy_field(R"({"phone": "13700000001"})"), "name");
  EXPECT_EQ(proxy_field(R"({"name": "周阿姨", "phone": "1370000"})"), "phone");
  EXPECT_EQ(proxy_field(R"({"name": "周阿姨", "phone": "13700000001", "date": "2026-9-15"})"),
            "date");
  EXPECT_EQ(proxy_field(R"({"name": "周阿姨", "phone": "13700000001", "date": "2026-02-30"})"),
            "date");
  EXPECT_EQ(proxy_field(R"({"name": "周阿姨", "phone": "13700000001", "child_id": 1})"),
            "child_id");
  Result<ProxyConfirmation> app = read_proxy_confirmation(json::object());
  ASSERT_TRUE(app.ok());
  EXPECT_FALSE(app->by_phone);
  Result<ProxyConfirmation> call = read_proxy_confirmation(
      json::parse(R"({"by_phone": true, "called_at": "17:05", "guardian_user_id": 10})"));
  ASSERT_TRUE(call.ok()) << call.status().message();
  EXPECT_EQ(call->called_at, "17:05");
  EXPECT_EQ(call->guardian_user_id, 10);
  auto confirm_field = [](const char* body) {
    Result<ProxyConfirmation> r = read_proxy_confirmation(json::parse(body));
    EXPECT_FALSE(r.ok()) << body;
    return r.ok() ? std::string() : first_field(r.status());
  };
  EXPECT_EQ(confirm_field(R"({"by_phone": false})"), "by_phone");
  EXPECT_EQ(confirm_field(R"({"by_phone": true, "called_at": "25:00"})"), "called_at");
  EXPECT_EQ(confirm_field(R"({"by_phone": true, "guardian_user_id": "10"})"), "guardian_user_id");
  EXPECT_EQ(confirm_field(R"({"ok": true})"), "ok");
}

}  // namespace
}  // namespace warmcity::afterschool
