// ShiftService (shift_service.h) on both engines: a shift on an occurrence,
// sign-ups and their refusals, check-in and check-out by code and by staff,
// the ledger record the check-out writes, the organiser's confirmation, the
// organiser's cancellation of a shift and a team's list of its shifts.
#include "volunteers/shift_service.h"

#include <gtest/gtest.h>

#include <future>

#include "core/time.h"
#include "http/problem.h"
#include "volunteers/volunteers_test_db.h"

namespace warmcity::volunteers {
namespace {

// The day of the world's occurrence: 2026-05-30 09:00–11:00 district time.
const int64_t kNine = core::local_midnight_unix({2026, 5, 30}) + 9 * 3600;
const int64_t kEleven = kNine + 2 * 3600;

template <class T, class Call>
Result<T> wait_for(Call call) {
  std::promise<Result<T>> p;
  call([&p](Result<T> r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

std::string code_of(const Status& s) { return http::refusal_code(s.message()); }

class ShiftServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    auto db = open_volunteers_test_db(scratch_.where("shifts.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    audit_ = std::make_unique<accounts::AuditLog>(*db_);
    service_ = std::make_unique<ShiftService>(*db_, *audit_, [this] { return now_; });
    const int64_t community = seed_community(*db_, "凤山社区");
    organiser_ = seed_organisation(*db_, "community", "凤山社区居委会", community);
    team_ = seed_team(*db_, "夕阳红志愿队", community);
    staff_ = seed_user(*db_, "worker", "居委会干部");
    seed_membership(*db_, staff_, organiser_);
    leader_ = seed_user(*db_, "volunteer", "队长");
    seed_membership(*db_, leader_, team_);
    outsider_ = seed_user(*db_, "worker", "别的社区");
    me_ = seed_user(*db_, "resident", "张三");
    volunteer_ = seed_volunteer(*db_, SeedVolunteer{.name = "张三",
                                                    .insurance_until = std::string("2026-12-31"),
                                                    .user_id = me_,
                                                    .team_id = team_});
    occurrence_ =
        seed_occurrence(*db_, organiser_, "2026-05-30", 9 * 60, 120, "清理小广告", "凤山路1号")
            .occurrence_id;
  }

  Result<ShiftView> create(NewShift f, const Caller& by) {
    return wait_for<ShiftView>([&](ShiftDone d) { service_->create(occurrence_, f, by, d); });
  }
  NewShift shift_body(int64_t capacity = 10, bool risky = false) {
    return NewShift{"清理小广告", 9 * 60, 11 * 60,      capacity,
                    std::nullopt, risky,  std::nullopt, team_};
  }
  ShiftRow made_shift(int64_t capacity = 10, bool risky = false) {
    Result<ShiftView> v = create(shift_body(capacity, risky), staff());
    EXPECT_TRUE(v.ok()) << v.status().message();
    return v.ok() ? v->shift : ShiftRow{};
  }
  Result<SignupRow> sign_up(int64_t shift, std::optional<int64_t> volunteer, const Caller& by) {
    return wait_for<SignupRow>([&](SignupDone d) {
      service_->sign_up(shift, SignupFor{volunteer, {}}, by, d);
    });
  }
  Result<SignupRow> check_in(int64_t signup, Attendance a, const Caller& by) {
    return wait_for<SignupRow>([&](SignupDone d) { service_->check_in(signup, a, by, d); });
  }
  Result<SignupRow> check_out(int64_t signup, Attendance a, const Caller& by) {
    return wait_for<SignupRow>([&](SignupDone d) { service_->check_out(signup, a, by, d); });
  }
  Result<ShiftCancelled> cancel_shift(int64_t shift, const Caller& by,
                                      const std::string& reason = "暴雨预警") {
    return wait_for<ShiftCancelled>(
        [&](ShiftCancelDone d) { service_->cancel_shift(shift, reason, by, d); });
  }
  Result<std::vector<TeamShift>> team_shifts(const Caller& by, int64_t team = 0,
                                             core::LocalDate from = {2026, 5, 29},
                                             core::LocalDate to = {2026, 6, 28}) {
    return service_->team_shifts(team ? team : team_, DatePeriod{from, to}, by);
  }
  int64_t volunteer_with(SeedVolunteer v) {
    v.team_id = team_;
    return seed_volunteer(*db_, v);
  }

  Caller staff() const { return caller_as(staff_, "worker", {organiser_}); }
  Caller leader() const { return caller_as(leader_, "volunteer", {team_}); }
  Caller me() const { return caller_as(me_, "resident"); }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<accounts::AuditLog> audit_;
  std::unique_ptr<ShiftService> service_;
  int64_t now_ = kNine - 86400;
  int64_t organiser_ = 0, team_ = 0, staff_ = 0, leader_ = 0, outsider_ = 0, me_ = 0;
  int64_t volunteer_ = 0, occurrence_ = 0;
};

TEST_F(ShiftServiceTest, TheOrganisersStaffMakeAShiftWithACode) {
  Result<ShiftView> v = create(shift_body(), staff());
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(v->shift.starts_at, kNine);
  EXPECT_EQ(v->shift.ends_at, kEleven);
  EXPECT_EQ(v->shift.min_age, 14);
  EXPECT_EQ(v->shift.code.size(), 6u);
  EXPECT_EQ(create(shift_body(10, true), staff())->shift.min_age, 18);
  EXPECT_EQ(create(shift_body(), caller_as(outsider_, "worker")).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(create(shift_body(), leader()).status().code(), Code::kPermissionDenied);
  NewShift no_team = shift_body();
  no_team.team_id = organiser_;
  EXPECT_EQ(create(no_team, staff()).status().code(), Code::kUnprocessable);
}

TEST_F(ShiftServiceTest, SignUpsAreRefusedWithTheirCodes) {
  const ShiftRow risky = made_shift(2, true);
  const int64_t young = volunteer_with(
      {.birth_date = std::string("2010-01-01"), .insurance_until = std::string("2026-12-31")});
  const int64_t uninsured = volunteer_with({});
  const int64_t left = volunteer_with({.status = "left"});
  EXPECT_EQ(code_of(sign_up(risky.id, young, staff()).status()), "too_young");
  EXPECT_EQ(code_of(sign_up(risky.id, uninsured, staff()).status()), "no_insurance");
  EXPECT_EQ(code_of(sign_up(risky.id, left, leader()).status()), "volunteer_left");
  ASSERT_TRUE(sign_up(risky.id, std::nullopt, me()).ok());
  EXPECT_EQ(code_of(sign_up(risky.id, std::nullopt, me()).status()), "already_signed_up");
  const int64_t other = volunteer_with({.insurance_until = std::string("2027-01-01")});
  ASSERT_TRUE(sign_up(risky.id, other, leader()).ok());
  const int64_t third = volunteer_with({.insurance_until = std::string("2027-01-01")});
  EXPECT_EQ(code_of(sign_up(risky.id, third, staff()).status()), "full");
  now_ = kEleven;
  EXPECT_EQ(code_of(sign_up(made_shift().id, third, staff()).status()), "shift_over");
}

TEST_F(ShiftServiceTest, WhoMaySignUpWhom) {
  const ShiftRow s = made_shift();
  const int64_t other = volunteer_with({});
  EXPECT_EQ(sign_up(s.id, other, me()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(sign_up(s.id, std::nullopt, staff()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(code_of(sign_up(s.id, std::nullopt, staff()).status()), "not_a_volunteer");
  EXPECT_EQ(sign_up(s.id, std::nullopt, anonymous_caller()).status().code(),
            Code::kUnauthenticated);
  EXPECT_EQ(sign_up(s.id, 987654, staff()).status().code(), Code::kUnprocessable);
  EXPECT_EQ(sign_up(987654, std::nullopt, me()).status().code(), Code::kNotFound);
  EXPECT_TRUE(sign_up(s.id, volunteer_, me()).ok());  // naming oneself
}

// Organiser staff who cannot read a team's roster sign a volunteer up by the
// number the volunteer reads out; the number's owner is who is signed up.
TEST_F(ShiftServiceTest, StaffSignAVolunteerUpByTheirNumber) {
  const ShiftRow s = made_shift();
  const int64_t other = volunteer_with({.volunteer_no = "V12345678"});
  const auto by_no = [&](const std::string& no, const Caller& by) {
    return wait_for<SignupRow>([&](SignupDone d) {
      service_->sign_up(s.id, SignupFor{std::nullopt, no}, by, d);
    });
  };
  Result<SignupRow> unknown = by_no("V99999998", staff());
  EXPECT_EQ(unknown.status().code(), Code::kUnprocessable);
  ASSERT_FALSE(unknown.status().field_errors().empty());
  EXPECT_EQ(unknown.status().field_errors()[0].field, "volunteer_no");
  EXPECT_EQ(by_no("V12345678", me()).status().code(), Code::kPermissionDenied);  // not staff
  Result<SignupRow> g = by_no("V12345678", staff());
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(g->volunteer_id, other);
  EXPECT_EQ(code_of(by_no("V12345678", staff()).status()), "already_signed_up");
}

TEST_F(ShiftServiceTest, CheckOutBeforeCheckInAndTheCodesLimit) {
  const ShiftRow s = made_shift();
  Result<SignupRow> g = sign_up(s.id, std::nullopt, me());
  ASSERT_TRUE(g.ok());
  now_ = kNine - 2 * 3600;
  EXPECT_EQ(code_of(check_in(g->id, {s.code, std::nullopt}, me()).status()), "too_early");
  now_ = kNine - 10 * 60;
  EXPECT_EQ(code_of(check_out(g->id, {s.code, std::nullopt}, me()).status()), "not_checked_in");
  const std::string wrong = s.code == "000000" ? "111111" : "000000";
  for (int i = 0; i < 5; ++i) {
    Result<SignupRow> r = check_in(g->id, {wrong, std::nullopt}, me());
    EXPECT_EQ(r.status().code(), Code::kPermissionDenied);
    EXPECT_EQ(code_of(r.status()), "wrong_code");
  }
  Result<SignupRow> locked = check_in(g->id, {s.code, std::nullopt}, me());
  EXPECT_EQ(locked.status().code(), Code::kResourceExhausted);
  EXPECT_EQ(code_of(locked.status()), "too_many_codes");
  // Staff still check the volunteer in from the list.
  EXPECT_TRUE(check_in(g->id, {}, leader()).ok());
  EXPECT_EQ(code_of(check_in(g->id, {}, staff()).status()), "checked_in");
}

TEST_F(ShiftServiceTest, CheckOutWritesTheSubmittedRecordAndTheOrganiserConfirms) {
  const ShiftRow s = made_shift();
  Result<SignupRow> g = sign_up(s.id, std::nullopt, me());
  ASSERT_TRUE(g.ok());
  now_ = kNine - 45 * 60;  // 45 minutes early: 30 of them count
  ASSERT_TRUE(check_in(g->id, {s.code, std::nullopt}, me()).ok());
  now_ = kEleven + 10 * 60 + 59;
  Result<SignupRow> out = check_out(g->id, {s.code, std::nullopt}, me());
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->minutes, 160);
  ASSERT_TRUE(out->record_id);
  EXPECT_EQ(code_of(check_out(g->id, {s.code, std::nullopt}, me()).status()), "checked_out");
  const std::string r = " FROM volunteer_records WHERE id = " + std::to_string(*out->record_id);
  EXPECT_EQ(count_of(*db_, "SELECT minutes" + r), 160);
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*)" + r +
                               " AND state = 'submitted' AND source = 'shift' AND "
                               "service_date = '2026-05-30' AND content = '清理小广告' AND "
                               "place = '凤山路1号' AND organiser_name = '凤山社区居委会' AND "
                               "source_id = " +
                               std::to_string(g->id) +
                               " AND organiser_org_id = " + std::to_string(organiser_) +
                               " AND volunteer_id = " + std::to_string(volunteer_)),
            1);
  auto confirm = [&](const Caller& by) {
    return wait_for<int64_t>(
        [&](std::function<void(Result<int64_t>)> d) { service_->confirm(s.id, by, d); });
  };
  EXPECT_EQ(confirm(leader()).status().code(),
            Code::kPermissionDenied);  // team admins keep lists only
  Result<int64_t> n = confirm(staff());
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*)" + r + " AND state = 'confirmed' AND confirmed_by = " +
                               std::to_string(staff_)),
            1);
  EXPECT_EQ(*confirm(staff()), 0);
}

TEST_F(ShiftServiceTest, StaffGiveAnAtOnTheShiftsDay) {
  const ShiftRow s = made_shift();
  Result<SignupRow> g = sign_up(s.id, std::nullopt, me());
  ASSERT_TRUE(g.ok());
  now_ = kEleven + 5 * 3600;  // that evening, from the leader's list
  EXPECT_EQ(check_in(g->id, {std::nullopt, kNine - 86400}, staff()).status().code(),
            Code::kUnprocessable);
  EXPECT_EQ(check_in(g->id, {std::nullopt, now_ + 60}, staff()).status().code(),
            Code::kUnprocessable);
  ASSERT_TRUE(check_in(g->id, {std::nullopt, kNine + 5 * 60}, leader()).ok());
  EXPECT_EQ(check_out(g->id, {std::nullopt, kNine}, staff()).status().code(), Code::kUnprocessable);
  EXPECT_EQ(check_out(g->id, {}, caller_as(outsider_, "worker")).status().code(),
            Code::kPermissionDenied);
  Result<SignupRow> out = check_out(g->id, {std::nullopt, kEleven}, staff());
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->minutes, 115);
  EXPECT_EQ(out->checked_out_by, staff_);
}

TEST_F(ShiftServiceTest, CancelBeforeCheckInOnlyAndTheViewIsAudited) {
  const ShiftRow s = made_shift();
  Result<SignupRow> g = sign_up(s.id, std::nullopt, me());
  ASSERT_TRUE(g.ok());
  auto cancel = [&](int64_t id, const Caller& by) {
    return wait_for<SignupRow>([&](SignupDone d) { service_->cancel(id, by, d); });
  };
  EXPECT_EQ(cancel(g->id, caller_as(outsider_, "worker")).status().code(), Code::kPermissionDenied);
  Result<SignupRow> c = cancel(g->id, me());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->status, "cancelled");
  EXPECT_EQ(code_of(cancel(g->id, me()).status()), "cancelled");
  Result<SignupRow> again = sign_up(s.id, std::nullopt, me());
  ASSERT_TRUE(again.ok());
  now_ = kNine;
  ASSERT_TRUE(check_in(again->id, {s.code, std::nullopt}, me()).ok());
  EXPECT_EQ(code_of(cancel(again->id, staff()).status()), "checked_in");

  Result<ShiftView> v =
      wait_for<ShiftView>([&](ShiftDone d) { service_->view(s.id, leader(), d); });
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->signups.size(), 2u);
  EXPECT_EQ(v->shift.signed_up, 1);
  EXPECT_EQ(count_of(*db_,
                     "SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND "
                     "subject_type = 'volunteer_shift' AND subject_id = '" +
                         std::to_string(s.id) + "'"),
            1);
  EXPECT_EQ(wait_for<ShiftView>(
                [&](ShiftDone d) { service_->view(s.id, caller_as(outsider_, "worker"), d); })
                .status()
                .code(),
            Code::kPermissionDenied);
  Result<std::vector<ShiftRow>> list = service_->public_list(occurrence_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(service_->public_list(987654).status().code(), Code::kNotFound);
}

TEST_F(ShiftServiceTest, TheOrganiserCancelsAShiftAndItsOpenSignUps) {
  const ShiftRow s = made_shift();
  Result<SignupRow> mine = sign_up(s.id, std::nullopt, me());
  Result<SignupRow> theirs = sign_up(s.id, volunteer_with({}), leader());
  ASSERT_TRUE(mine.ok() && theirs.ok());
  now_ = kNine + 10 * 60;
  ASSERT_TRUE(check_in(theirs->id, {}, leader()).ok());
  EXPECT_EQ(cancel_shift(s.id, leader()).status().code(),
            Code::kPermissionDenied);  // team admins keep lists only
  EXPECT_EQ(cancel_shift(s.id, caller_as(outsider_, "worker")).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(cancel_shift(987654, staff()).status().code(), Code::kNotFound);

  Result<ShiftCancelled> c = cancel_shift(s.id, staff());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->signups_cancelled, 1);
  EXPECT_EQ(c->shift.status, "cancelled");
  EXPECT_EQ(c->shift.cancel_reason, "暴雨预警");
  EXPECT_EQ(c->shift.cancelled_by, staff_);
  EXPECT_EQ(c->shift.cancelled_at, now_);
  EXPECT_EQ(c->shift.signed_up, 1);  // the one checked in keeps their place
  EXPECT_EQ(c->shift.checked_in, 1);
  const std::string g = "SELECT COUNT(*) FROM volunteer_signups WHERE id = ";
  EXPECT_EQ(
      count_of(*db_, g + std::to_string(mine->id) +
                         " AND status = 'cancelled' AND cancelled_at = " + std::to_string(now_)),
      1);
  EXPECT_EQ(count_of(*db_, g + std::to_string(theirs->id) + " AND status = 'signed'"), 1);
  EXPECT_EQ(count_of(*db_,
                     "SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer_shift.cancel' AND "
                     "subject_type = 'volunteer_shift' AND subject_id = '" +
                         std::to_string(s.id) + "' AND detail LIKE '%\"signup_ids\":[" +
                         std::to_string(mine->id) + "]%' AND detail NOT LIKE '%张三%'"),
            1);  // the one it cancelled, by id only

  EXPECT_EQ(code_of(sign_up(s.id, std::nullopt, me()).status()), "shift_cancelled");
  EXPECT_EQ(code_of(cancel_shift(s.id, staff()).status()), "cancelled");
  Result<std::vector<ShiftRow>> open = service_->public_list(occurrence_);
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty());
  // The one checked in still checks out, and their hours are recorded.
  now_ = kNine + 70 * 60;
  Result<SignupRow> out = check_out(theirs->id, {}, staff());
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->minutes, 60);
  EXPECT_TRUE(out->record_id);
}

// A sign-up left open on a cancelled shift (another instance's, written
// after the cancel committed, before the shift's turn kept them apart) does
// not check in; one checked in before still checks out.
TEST_F(ShiftServiceTest, NoCheckInOnACancelledShift) {
  const ShiftRow s = made_shift();
  ASSERT_TRUE(cancel_shift(s.id, staff()).ok());
  Result<int64_t> late = Status::Internal("not written");
  ASSERT_TRUE(db_->write([&](store::Connection& c) {
                   late = insert_signup(c, s.id, volunteer_, me_, now_);
                   return late.status();
                 })
                  .ok());
  now_ = kNine;
  EXPECT_EQ(code_of(check_in(*late, {}, staff()).status()), "shift_cancelled");
  EXPECT_EQ(code_of(check_in(*late, Attendance{s.code, std::nullopt}, me()).status()),
            "shift_cancelled");
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_signups WHERE id = " +
                               std::to_string(*late) + " AND checked_in_at IS NULL"),
            1);
}

TEST_F(ShiftServiceTest, AShiftThatHasEndedIsNotCancelled) {
  const ShiftRow s = made_shift();
  now_ = kEleven;
  EXPECT_EQ(code_of(cancel_shift(s.id, staff()).status()), "shift_over");
  now_ = kEleven - 1;
  EXPECT_TRUE(cancel_shift(s.id, caller_as(seed_user(*db_, "admin", "管理员"), "admin")).ok());
}

TEST_F(ShiftServiceTest, ATeamsShiftsForItsAdminsAndItsParentsStaff) {
  seed_team_facts(*db_, team_, organiser_, "王建华", "0358-8221234");
  const ShiftRow first = made_shift(3);
  ASSERT_TRUE(sign_up(first.id, std::nullopt, me()).ok());
  now_ = kNine;
  Result<SignupRow> in = sign_up(first.id, volunteer_with({}), leader());
  ASSERT_TRUE(in.ok());
  ASSERT_TRUE(check_in(in->id, {}, leader()).ok());
  NewShift no_team = shift_body();
  no_team.team_id = std::nullopt;
  ASSERT_TRUE(create(no_team, staff()).ok());
  // Another organiser's activity, kept by the same team, on a later day.
  const int64_t other_org = seed_organisation(*db_, "community", "别的居委会");
  const int64_t other_staff = seed_user(*db_, "worker", "别的干部");
  seed_membership(*db_, other_staff, other_org);
  const int64_t later = seed_occurrence(*db_, other_org, "2026-06-02").occurrence_id;
  Result<ShiftView> theirs = wait_for<ShiftView>([&](ShiftDone d) {
    service_->create(later, shift_body(), caller_as(other_staff, "worker", {other_org}), d);
  });
  ASSERT_TRUE(theirs.ok()) << theirs.status().message();
  ASSERT_TRUE(cancel_shift(theirs->shift.id, caller_as(other_staff, "worker", {other_org})).ok());

  Result<std::vector<TeamShift>> led = team_shifts(leader());
  ASSERT_TRUE(led.ok()) << led.status().message();
  ASSERT_EQ(led->size(), 2u);
  EXPECT_EQ((*led)[0].shift.id, first.id);
  EXPECT_EQ((*led)[0].shift.signed_up, 2);
  EXPECT_EQ((*led)[0].shift.checked_in, 1);
  EXPECT_TRUE((*led)[0].with_code);
  EXPECT_EQ((*led)[1].shift.id, theirs->shift.id);
  EXPECT_EQ((*led)[1].shift.status, "cancelled");
  EXPECT_TRUE((*led)[1].with_code);  // the team's admins keep its lists
  // The parent's staff see the team's shifts, the code of their own only.
  Result<std::vector<TeamShift>> parents = team_shifts(staff());
  ASSERT_TRUE(parents.ok()) << parents.status().message();
  ASSERT_EQ(parents->size(), 2u);
  EXPECT_TRUE((*parents)[0].with_code);
  EXPECT_FALSE((*parents)[1].with_code);
  // The period: from and to both included.
  EXPECT_EQ(team_shifts(leader(), 0, {2026, 5, 31}, {2026, 6, 2})->size(), 1u);
  EXPECT_EQ(team_shifts(leader(), 0, {2026, 5, 30}, {2026, 5, 30})->size(), 1u);
  EXPECT_TRUE(team_shifts(leader(), 0, {2026, 5, 31}, {2026, 6, 1})->empty());

  EXPECT_EQ(team_shifts(caller_as(other_staff, "worker", {other_org})).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(team_shifts(caller_as(outsider_, "worker")).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(team_shifts(me()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(team_shifts(anonymous_caller()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(team_shifts(leader(), 987654).status().code(), Code::kNotFound);
  EXPECT_EQ(team_shifts(leader(), organiser_).status().code(), Code::kNotFound);  // no team
}

}  // namespace
}  // namespace warmcity::volunteers
