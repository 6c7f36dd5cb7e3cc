// One-off proxies (proxy_service.h) and their check-out, on SQLite and on
// PostgreSQL: made by a guardian confirmed at once in the app; made by the
// programme's staff pending until a guardian confirms in the app or the
// staff record the guardian's call; refused unconfirmed, used once, for
// its date only; who may make, confirm and read them.
#include <gtest/gtest.h>

#include <string>

#include "afterschool/day_test_world.h"

namespace warmcity::afterschool {
namespace {

using ProxyTest = DayWorld;

std::string error_code(const Status& s) { return s.message().substr(0, s.message().find(':')); }
std::string first_field(const Status& s) {
  return s.field_errors().empty() ? "" : s.field_errors().front().field;
}

TEST_F(ProxyTest, AGuardiansProxyIsConfirmedAtOnceAndUsedOnce) {
  Result<Proxy> p = new_proxy(101, guardian());
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->day, "2026-09-14");
  EXPECT_EQ(p->confirm_channel, "app");
  EXPECT_EQ(p->confirmed_by, 10);
  EXPECT_EQ(p->confirmed_at, kDayNow);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'pickup_proxy.create' AND "
                  "actor_user_id = 10 AND subject_id = '101'"),
            1);
  ASSERT_TRUE(check_in(1, 101).ok());
  Result<Attendance> a = check_out(1, by_proxy(101, p->id));
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->pickup_method, "proxy");
  EXPECT_EQ(a->pickup_proxy_id, p->id);
  EXPECT_EQ(a->pickup_name, "邻居周阿姨");
  EXPECT_EQ(a->pickup_relation, "邻居");
  EXPECT_EQ(count("SELECT COUNT(*) FROM pickup_proxies WHERE used_at IS NOT NULL"), 1);
  // Used once: the same proxy at 小明's other programme the same day.
  ASSERT_TRUE(exec("INSERT INTO afterschool_enrolments (id, child_id, programme_id, status, "
                   "consent_at, consent_by, consent_version, created_at) VALUES "
                   "(4, 101, 2, 'active', 0, 10, 'afterschool-enrolment-v1', 0)")
                  .ok());
  ASSERT_TRUE(check_in(2, 101, other_staff()).ok());
  Result<Attendance> twice = check_out(2, by_proxy(101, p->id), other_staff());
  EXPECT_EQ(twice.status().code(), Code::kConflict);
  EXPECT_EQ(error_code(twice.status()), "proxy_used");
}

TEST_F(ProxyTest, AStaffProxyWaitsForAGuardian) {
  ASSERT_TRUE(check_in(1, 101).ok());
  Result<Proxy> p = new_proxy(101, staff());
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_FALSE(p->confirmed_at);
  EXPECT_EQ(p->requested_by, 3);
  Result<Attendance> early = check_out(1, by_proxy(101, p->id));
  EXPECT_EQ(early.status().code(), Code::kPermissionDenied);
  EXPECT_EQ(error_code(early.status()), "proxy_unconfirmed");
  // Another guardian's child's proxy is not theirs to confirm.
  EXPECT_EQ(confirm(p->id, guardian(12)).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(confirm(p->id, other_staff()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(confirm(p->id, anonymous()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(confirm(999, guardian()).status().code(), Code::kNotFound);
  Result<Proxy> ok = confirm(p->id, guardian(11));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->confirm_channel, "app");
  EXPECT_EQ(ok->confirmed_by, 11);
  EXPECT_EQ(error_code(confirm(p->id, guardian()).status()), "already_confirmed");
  EXPECT_TRUE(check_out(1, by_proxy(101, p->id)).ok());
  EXPECT_EQ(error_code(confirm(p->id, guardian()).status()), "proxy_used");
}

TEST_F(ProxyTest, StaffRecordTheGuardiansCall) {
  Result<Proxy> p = new_proxy(101, staff());
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(first_field(confirm(p->id, staff()).status()), "by_phone");
  ProxyConfirmation call{true, "17:05", 12};  // 刘妈妈 is not 小明's guardian
  EXPECT_EQ(first_field(confirm(p->id, staff(), call).status()), "guardian_user_id");
  EXPECT_EQ(first_field(confirm(p->id, staff(), {true, std::nullopt, 10}).status()), "called_at");
  EXPECT_EQ(first_field(confirm(p->id, staff(), {true, "17:05", std::nullopt}).status()),
            "guardian_user_id");
  // A guardian confirms in the app, never "by phone".
  EXPECT_EQ(first_field(confirm(p->id, guardian(), {true, "17:05", 10}).status()), "by_phone");
  call.guardian_user_id = 10;
  Result<Proxy> ok = confirm(p->id, staff(), call);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->confirm_channel, "phone");
  EXPECT_EQ(ok->confirmed_by, 3);
  EXPECT_EQ(ok->phone_guardian_id, 10);
  EXPECT_EQ(ok->phone_called_at, "17:05");
  EXPECT_EQ(count("SELECT COUNT(*) FROM pickup_proxies WHERE confirm_channel = 'phone' AND "
                  "phone_guardian_id = 10 AND phone_called_at = '17:05' AND confirmed_by = 3"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'pickup_proxy.confirm'"), 1);
}

TEST_F(ProxyTest, AProxyHoldsForItsDateOnly) {
  const core::LocalDate tomorrow = *core::parse_date("2026-09-15");
  Result<Proxy> p = new_proxy(101, guardian(), tomorrow);
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_TRUE(check_in(1, 101).ok());
  EXPECT_EQ(error_code(check_out(1, by_proxy(101, p->id)).status()), "pickup_refused");
  // Another child's proxy is refused the same way.
  Result<Proxy> hers = new_proxy(102, guardian());
  ASSERT_TRUE(hers.ok());
  EXPECT_EQ(error_code(check_out(1, by_proxy(101, hers->id)).status()), "pickup_refused");
  EXPECT_EQ(check_out(1, by_proxy(101, 999)).status().code(), Code::kNotFound);
  // A pending proxy whose date has passed cannot be confirmed.
  Result<Proxy> pending = new_proxy(101, staff());
  ASSERT_TRUE(pending.ok());
  at_minute(9 * 60, 1);
  EXPECT_EQ(error_code(confirm(pending->id, guardian()).status()), "proxy_expired");
}

TEST_F(ProxyTest, WhoMayMakeOneAndForWhen) {
  EXPECT_EQ(new_proxy(101, guardian(12)).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(new_proxy(101, other_staff()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(new_proxy(101, admin()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(new_proxy(101, anonymous()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(new_proxy(999, guardian()).status().code(), Code::kNotFound);
  EXPECT_EQ(first_field(new_proxy(101, guardian(), *core::parse_date("2026-09-13")).status()),
            "date");
  EXPECT_EQ(first_field(new_proxy(101, guardian(), *core::parse_date("2026-10-16")).status()),
            "date");
  EXPECT_TRUE(new_proxy(101, guardian(), *core::parse_date("2026-10-15")).ok());
  EXPECT_EQ(first_field(new_proxy(101, staff(), *core::parse_date("2026-09-15")).status()), "date");
  EXPECT_EQ(count("SELECT COUNT(*) FROM pickup_proxies"), 1);
}

TEST_F(ProxyTest, TheListForGuardiansAndStaffAudited) {
  ASSERT_TRUE(new_proxy(101, guardian()).ok());
  ASSERT_TRUE(new_proxy(101, staff()).ok());
  Result<std::vector<Proxy>> mine = list_proxies(101, guardian(11));
  ASSERT_TRUE(mine.ok()) << mine.status().message();
  EXPECT_EQ(mine->size(), 2u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read'"), 0);
  Result<std::vector<Proxy>> desk = list_proxies(101, staff());
  ASSERT_TRUE(desk.ok()) << desk.status().message();
  EXPECT_EQ(desk->size(), 2u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND "
                  "actor_user_id = 3 AND detail LIKE '%afterschool_proxies%'"),
            1);
  EXPECT_EQ(list_proxies(101, other_staff()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(list_proxies(101, anonymous()).status().code(), Code::kUnauthenticated);
  at_minute(9 * 60, 1);
  Result<std::vector<Proxy>> later = list_proxies(101, guardian());
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->empty());
}

}  // namespace
}  // namespace warmcity::afterschool
