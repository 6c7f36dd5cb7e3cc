// A session day's duty confirmed (duty_service.h), on SQLite and on
// PostgreSQL: only once the session is over, by the organiser's staff; the
// hook gets the volunteers on duty inside the same job (a failing hook
// leaves nothing); the day's list is fixed from then on; the route's bad
// input.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <mutex>
#include <vector>

#include "afterschool/day_routes.h"
#include "afterschool/duty_service.h"
#include "afterschool/programme_test_world.h"

namespace warmcity::afterschool {
namespace {

constexpr int64_t kMinute = 60;

class DutyTest : public ProgrammeWorld {
 protected:
  void SetUp() override {
    ProgrammeWorld::SetUp();
    DayClock clock{[this] { return calendar_; }, [this] { return now_.load(); }};
    duty_ = std::make_shared<DutyService>(
        *db_, *audit_, clock, [this](store::Connection&, const ConfirmedDuty& d) -> Status {
          std::lock_guard<std::mutex> lock(mu_);
          heard_.push_back(d);
          return hook_answer_;
        });
    register_duty_routes(router_, duty_);
    programme_ = made();
    // 4 a volunteer, 5 staff, both on duty on Monday 2026-09-14 and Tuesday.
    ASSERT_TRUE(set_staff(programme_, {{4, "volunteer", "2026-09-01"}, {5, "staff", "2026-09-01"}},
                          organiser())
                    .first.ok());
    ASSERT_TRUE(set_duty(programme_, "2026-09-14", {4, 5}, organiser()).first.ok());
    ASSERT_TRUE(set_duty(programme_, "2026-09-15", {4, 5}, organiser()).first.ok());
  }

  using Confirmed = std::pair<Status, DutyConfirmationView>;
  Confirmed confirm(const char* date, const Caller& by, int64_t id = 0) {
    std::promise<Confirmed> p;
    duty_->confirm(id ? id : programme_, programme_day(date), by,
                   [&p](Status s, DutyConfirmationView v) {
                     p.set_value({s, std::move(v)});
                   });
    return p.get_future().get();
  }
  // Monday 2026-09-14 at hh:mm district time.
  void at(int hh, int mm) { now_ = kProgrammeNow + ((hh - 9) * 60 + mm) * kMinute; }

  std::shared_ptr<DutyService> duty_;
  int64_t programme_ = 0;
  std::mutex mu_;
  std::vector<ConfirmedDuty> heard_;
  Status hook_answer_ = Status::Ok();
};

TEST_F(DutyTest, ConfirmedOnceTheSessionIsOverWithTheVolunteersHours) {
  at(18, 29);
  Confirmed early = confirm("2026-09-14", organiser());
  EXPECT_EQ(early.first.code(), Code::kConflict);
  EXPECT_NE(early.first.message().find("session_not_over"), std::string::npos);
  EXPECT_TRUE(heard_.empty());

  at(18, 30);
  Confirmed c = confirm("2026-09-14", organiser());
  ASSERT_TRUE(c.first.ok()) << c.first.message();
  const DutyConfirmation& d = c.second.confirmation;
  EXPECT_GT(d.id, 0);
  EXPECT_EQ(d.day, "2026-09-14");
  EXPECT_EQ(d.minutes, 120);  // 16:30–18:30
  EXPECT_EQ(d.adults, 2);
  EXPECT_EQ(d.volunteers, 1);
  EXPECT_EQ(d.confirmed_by, 2);
  EXPECT_EQ(d.confirmed_by_name, "龙凤社工");
  EXPECT_EQ(c.second.duty, (std::vector<int64_t>{4, 5}));
  EXPECT_EQ(c.second.volunteers, (std::vector<int64_t>{4}));

  ASSERT_EQ(heard_.size(), 1u);
  const ConfirmedDuty& h = heard_[0];
  EXPECT_EQ(h.confirmation_id, d.id);
  EXPECT_EQ(h.programme_id, programme_);
  EXPECT_EQ(h.programme_name, "龙凤社区四点半课堂");
  EXPECT_EQ(h.organiser_org_id, 1);
  EXPECT_EQ(h.place, "龙凤社区四点半课堂（龙凤路8号）");
  EXPECT_EQ(h.service_date, "2026-09-14");
  EXPECT_EQ(h.minutes, 120);
  EXPECT_EQ(h.volunteer_user_ids, (std::vector<int64_t>{4}));
  EXPECT_EQ(h.confirmed_by, 2);
  EXPECT_EQ(h.confirmed_at, now_.load());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'afterschool.duty.confirm' "
                  "AND subject_id = '" +
                  std::to_string(programme_) + "' AND actor_user_id = 2"),
            1);

  // Once: the second is refused and the hook hears nothing more.
  Confirmed again = confirm("2026-09-14", caller(8));
  EXPECT_EQ(again.first.code(), Code::kConflict);
  EXPECT_NE(again.first.message().find("already_confirmed"), std::string::npos);
  EXPECT_EQ(heard_.size(), 1u);
}

TEST_F(DutyTest, TheConfirmedListIsFixed) {
  at(18, 40);
  ASSERT_TRUE(confirm("2026-09-14", organiser()).first.ok());
  Duty changed = set_duty(programme_, "2026-09-14", {4}, organiser());
  EXPECT_EQ(changed.first.code(), Code::kConflict);
  EXPECT_NE(changed.first.message().find("duty_confirmed"), std::string::npos);
  // 5 leaves the staff list: the confirmed day keeps them, Tuesday does not.
  ASSERT_TRUE(set_staff(programme_, {{4, "volunteer", "2026-09-01"}}, organiser()).first.ok());
  const std::string where =
      " FROM afterschool_duty WHERE programme_id = " + std::to_string(programme_) +
      " AND user_id = 5 AND day = ";
  EXPECT_EQ(count("SELECT COUNT(*)" + where + "'2026-09-14'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*)" + where + "'2026-09-15'"), 0);
}

// A volunteer dropped from the staff list after a day they served keeps that
// day's hours: the duty keeps the role it was set with.
TEST_F(DutyTest, AVolunteerDroppedLaterStillGetsAPastDaysHours) {
  now_ = kProgrammeNow + 3 * 24 * 3600;  // Thursday: Monday's and Tuesday's duty is past
  ASSERT_TRUE(set_staff(programme_, {{5, "staff", "2026-09-01"}}, organiser()).first.ok());
  Result<DutyDay> monday = duty_->day(programme_, programme_day("2026-09-14"), organiser());
  ASSERT_TRUE(monday.ok());
  ASSERT_EQ(monday->duty.size(), 2u);
  EXPECT_EQ(monday->duty[0].display_name, "刘老师");
  EXPECT_EQ(monday->duty[0].role, "volunteer");
  Confirmed c = confirm("2026-09-14", organiser());
  ASSERT_TRUE(c.first.ok()) << c.first.message();
  EXPECT_EQ(c.second.volunteers, (std::vector<int64_t>{4}));
  ASSERT_EQ(heard_.size(), 1u);
  EXPECT_EQ(heard_[0].volunteer_user_ids, (std::vector<int64_t>{4}));
}

TEST_F(DutyTest, OnlyTheOrganisersStaffOrAnAdminConfirm) {
  at(19, 0);
  EXPECT_EQ(confirm("2026-09-14", caller(4)).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(confirm("2026-09-14", caller(5)).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(confirm("2026-09-14", other_organiser()).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(confirm("2026-09-14", resident()).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(confirm("2026-09-14", anonymous()).first.code(), Code::kUnauthenticated);
  EXPECT_EQ(confirm("2026-09-14", admin(), 999).first.code(), Code::kNotFound);
  EXPECT_TRUE(heard_.empty());
  EXPECT_TRUE(confirm("2026-09-14", admin()).first.ok());
}

TEST_F(DutyTest, NoSessionOrNobodyOnDutyIsRefused) {
  now_ = kProgrammeNow + 30 * 24 * 3600;  // mid-October: every day named below is over
  Confirmed saturday = confirm("2026-09-19", organiser());
  EXPECT_EQ(saturday.first.code(), Code::kConflict);
  EXPECT_NE(saturday.first.message().find("no_session"), std::string::npos);
  EXPECT_NE(confirm("2026-10-01", organiser()).first.message().find("no_session"),
            std::string::npos);  // National Day
  Confirmed empty = confirm("2026-09-16", organiser());
  EXPECT_EQ(empty.first.code(), Code::kConflict);
  EXPECT_NE(empty.first.message().find("no_duty"), std::string::npos);
  EXPECT_TRUE(heard_.empty());
}

TEST_F(DutyTest, AFailingHookLeavesNothing) {
  at(18, 45);
  hook_answer_ = Status::Internal("the ledger is away");
  Confirmed c = confirm("2026-09-14", organiser());
  EXPECT_EQ(c.first.code(), Code::kInternal);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_duty_confirmations"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'afterschool.duty.confirm'"), 0);
  hook_answer_ = Status::Ok();
  EXPECT_TRUE(confirm("2026-09-14", organiser()).first.ok());
}

TEST_F(DutyTest, TheDeskReadsTheDaysDutyAndItsConfirmation) {
  at(18, 0);
  Result<DutyDay> before = duty_->day(programme_, programme_day("2026-09-14"), organiser());
  ASSERT_TRUE(before.ok()) << before.status().message();
  EXPECT_TRUE(before->day.open);
  EXPECT_FALSE(before->session_over);
  EXPECT_EQ(before->ends_at, kProgrammeNow + (18 - 9) * 3600 + 30 * kMinute);
  ASSERT_EQ(before->duty.size(), 2u);
  EXPECT_EQ(before->duty[0].user_id, 4);
  EXPECT_EQ(before->duty[0].display_name, "刘老师");
  EXPECT_EQ(before->duty[0].role, "volunteer");
  EXPECT_EQ(before->duty[1].role, "staff");
  EXPECT_FALSE(before->confirmation);
  // The programme's staff read it too; nobody else.
  EXPECT_TRUE(duty_->day(programme_, programme_day("2026-09-14"), caller(4)).ok());
  EXPECT_EQ(duty_->day(programme_, programme_day("2026-09-14"), resident()).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(duty_->day(programme_, programme_day("2026-09-14"), other_organiser()).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(duty_->day(999, programme_day("2026-09-14"), admin()).status().code(), Code::kNotFound);

  at(18, 30);
  ASSERT_TRUE(confirm("2026-09-14", organiser()).first.ok());
  Result<DutyDay> after = duty_->day(programme_, programme_day("2026-09-14"), caller(5));
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->session_over);
  ASSERT_TRUE(after->confirmation);
  EXPECT_EQ(after->confirmation->volunteers, 1);
  EXPECT_EQ(after->confirmation->confirmed_by_name, "龙凤社工");
  Result<DutyDay> saturday = duty_->day(programme_, programme_day("2026-09-19"), organiser());
  ASSERT_TRUE(saturday.ok());
  EXPECT_FALSE(saturday->day.open);
  EXPECT_TRUE(saturday->duty.empty());
}

TEST_F(DutyTest, TheRouteAnswersAndRefusesBadInput) {
  at(18, 50);
  const std::string path =
      "/api/v1/afterschool-programmes/" + std::to_string(programme_) + "/days/";
  http::Response bad_date = call(http::Method::kPost, path + "2026-13-01/duty/confirm", 2);
  EXPECT_EQ(bad_date.status, 422);
  EXPECT_EQ(
      call(http::Method::kPost, path + "2026-09-14/duty/confirm", 2, R"({"minutes":600})").status,
      422);
  EXPECT_EQ(call(http::Method::kPost, path + "2026-09-14/duty/confirm", 2, "{nope").status, 400);
  EXPECT_EQ(call(http::Method::kPost, path + "2026-09-14/duty/confirm", 10).status, 403);
  EXPECT_EQ(call(http::Method::kPost, path + "2026-09-14/duty/confirm", 0).status, 401);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_duty_confirmations"), 0);

  http::Response ok = call(http::Method::kPost, path + "2026-09-14/duty/confirm", 2);
  ASSERT_EQ(ok.status, 201) << ok.body;
  nlohmann::json j = json_of(ok);
  EXPECT_EQ(j["programme_id"], programme_);
  EXPECT_EQ(j["date"], "2026-09-14");
  EXPECT_EQ(j["minutes"], 120);
  EXPECT_EQ(j["adults"], 2);
  EXPECT_EQ(j["volunteers"], 1);
  EXPECT_EQ(j["confirmed_by_name"], "龙凤社工");
  EXPECT_EQ(j["confirmed_at"], "2026-09-14T18:50:00+08:00");
  EXPECT_EQ(j["duty"], nlohmann::json::array({4, 5}));
  EXPECT_EQ(j["volunteer_user_ids"], nlohmann::json::array({4}));
  http::Response read = call(http::Method::kGet, path + "2026-09-14/duty", 5);
  ASSERT_EQ(read.status, 200) << read.body;
  nlohmann::json r = json_of(read);
  EXPECT_EQ(r["date"], "2026-09-14");
  EXPECT_EQ(r["open"], true);
  EXPECT_EQ(r["session_over"], true);
  EXPECT_EQ(r["ends_at"], "2026-09-14T18:30:00+08:00");
  EXPECT_EQ(r["duty"].size(), 2u);
  EXPECT_EQ(r["duty"][0]["role"], "volunteer");
  EXPECT_EQ(r["duty_confirmation"]["minutes"], 120);
  EXPECT_EQ(call(http::Method::kGet, path + "2026-9-14/duty", 5).status, 422);
  EXPECT_EQ(call(http::Method::kGet, path + "2026-09-14/duty", 10).status, 403);
  http::Response twice = call(http::Method::kPost, path + "2026-09-14/duty/confirm", 2, "{}");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(json_of(twice)["error"], "already_confirmed");
}

}  // namespace
}  // namespace warmcity::afterschool
