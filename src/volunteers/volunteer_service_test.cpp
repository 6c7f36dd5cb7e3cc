// The volunteer registry (volunteer_service.h), the teams (team_service.h)
// and the volunteer's pure rules (volunteer.h), on both engines.
#include "volunteers/volunteer_service.h"

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>

#include "volunteers/team_service.h"
#include "volunteers/volunteers_test_db.h"

namespace warmcity::volunteers {
namespace {

constexpr int64_t kNow = 1'796'605'200;  // 2026-12-07 09:00 +08:00

TEST(VolunteerRules, ResidentIdShapeAgeAndMasking) {
  EXPECT_TRUE(is_resident_id_shaped("14110219800101001X"));
  EXPECT_TRUE(is_resident_id_shaped("141102198001010011"));
  EXPECT_FALSE(is_resident_id_shaped("14110219800101001x"));
  EXPECT_FALSE(is_resident_id_shaped("1411021980010100X1"));
  EXPECT_FALSE(is_resident_id_shaped("14110219800101001"));
  const core::LocalDate day{2026, 2, 28};
  EXPECT_EQ(volunteer_age("2012-02-29", day), 13);  // a 29 February birthday comes on 1 March
  EXPECT_EQ(volunteer_age("2012-02-29", core::LocalDate{2026, 3, 1}), 14);
  EXPECT_EQ(volunteer_age("2012-02-28", day), 14);
  EXPECT_FALSE(volunteer_age("2012-02-30", day).has_value());
  EXPECT_EQ(volunteer_age("1958-03-02", day), 67);  // 夕阳红's retirees were born before 1970
  EXPECT_EQ(mask_id_number("14110219800101001X"), "141*************1X");
  EXPECT_EQ(mask_id_number("E1234567"), "E12***67");
  EXPECT_EQ(mask_id_number("12345"), "*****");
  EXPECT_EQ(mask_id_number("护照号码一二三"), "护照号**二三");
}

TEST(VolunteerRules, AgeOnTheRegistrationDay) {
  const core::LocalDate day{2026, 12, 7};
  const GuardianConsent consent{"王芳", "13835876666", "母亲", std::nullopt, std::nullopt};
  EXPECT_TRUE(check_age(std::string("1980-01-01"), std::nullopt, day).ok());
  EXPECT_TRUE(check_age(std::nullopt, std::nullopt, day).ok());  // made from an account
  Status minor = check_age(std::string("2010-01-01"), std::nullopt, day);
  ASSERT_EQ(minor.code(), Code::kUnprocessable);
  EXPECT_EQ(minor.field_errors().front().field, "guardian_consent");
  EXPECT_TRUE(check_age(std::string("2010-01-01"), consent, day).ok());
  EXPECT_TRUE(check_age(std::string("2012-12-07"), consent, day).ok());
  Status young = check_age(std::string("2012-12-08"), consent, day);
  ASSERT_EQ(young.code(), Code::kUnprocessable);
  EXPECT_EQ(young.field_errors().front().field, "birth_date");
}

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    auto db = open_volunteers_test_db(scratch_.where("registry.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    admin_ = seed_user(*db_, "admin", "管理员");
    leader_ = seed_user(*db_, "volunteer", "队长");
    other_leader_ = seed_user(*db_, "worker", "别队队长");
    person_ = seed_user(*db_, "resident", "张三", std::string("13835871111"));
    const int64_t community =
        seed_organisation(*db_, "community", "生态园社区", seed_community(*db_, "生态园"));
    team_ = seed_team(*db_, "夕阳红志愿队");
    other_team_ = seed_team(*db_, "蒲公英志愿队");
    seed_team_facts(*db_, team_, community, "王建华", "0358-8221234");
    seed_membership(*db_, leader_, team_);
    seed_membership(*db_, other_leader_, other_team_);
    service_ = std::make_unique<VolunteerService>(*db_, [] { return kNow; });
    teams_ = std::make_unique<TeamService>(*db_, [] { return kNow; });
  }

  VolunteerFields fields(const std::string& id_number, int64_t team = 0) {
    VolunteerFields f;
    f.team_id = team ? team : team_;
    f.name = "李秀兰";
    f.phone = "13835875555";
    f.id_type = "resident_id";
    f.id_number = id_number;
    f.birth_date = "1980-01-01";
    return f;
  }
  std::pair<Status, VolunteerWritten> create(VolunteerFields f, const Caller& by) {
    std::promise<std::pair<Status, VolunteerWritten>> p;
    service_->create(std::move(f), by, [&p](Status s, VolunteerWritten w) {
      p.set_value({s, std::move(w)});
    });
    return p.get_future().get();
  }
  std::pair<Status, VolunteerWritten> update(int64_t id, VolunteerPatch patch, const Caller& by) {
    std::promise<std::pair<Status, VolunteerWritten>> p;
    service_->update(id, std::move(patch), by, [&p](Status s, VolunteerWritten w) {
      p.set_value({s, std::move(w)});
    });
    return p.get_future().get();
  }
  template <class T, class Start>
  static Result<T> wait(Start start) {
    std::promise<Result<T>> p;
    start([&p](Result<T> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }
  Result<VolunteerView> read(int64_t id, const Caller& by) {
    return wait<VolunteerView>([&](VolunteerDone d) { service_->read(id, by, std::move(d)); });
  }
  int64_t audits(const std::string& action) {
    return count_of(*db_, "SELECT count(*) FROM audit_log WHERE action = '" + action + "'");
  }

  Caller leader() const { return caller_as(leader_, "volunteer", {team_}); }
  Caller other_leader() const { return caller_as(other_leader_, "worker", {other_team_}); }
  Caller admin() const { return caller_as(admin_, "admin"); }
  Caller person() const { return caller_as(person_, "resident"); }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<VolunteerService> service_;
  std::unique_ptr<TeamService> teams_;
  int64_t admin_ = 0, leader_ = 0, other_leader_ = 0, person_ = 0, team_ = 0, other_team_ = 0;
};

TEST_F(RegistryTest, ALeaderRegistersAndSeesTheIdWholeOthersMasked) {
  VolunteerFields f = fields("14110219800101001X");
  f.user_id = person_;
  auto [s, made] = create(f, leader());
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(made.view.standing, Standing::kTeamStaff);
  EXPECT_EQ(made.view.row.volunteer_no.size(), 9u);
  ASSERT_EQ(made.view.row.teams.size(), 1u);
  EXPECT_EQ(made.view.row.teams[0].id, team_);
  EXPECT_EQ(audits("volunteer.create"), 1);
  const int64_t id = made.view.row.id;

  Result<VolunteerView> by_admin = read(id, admin());
  ASSERT_TRUE(by_admin.ok());
  EXPECT_EQ(by_admin->standing, Standing::kAdmin);
  Result<VolunteerView> own = read(id, person());
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->standing, Standing::kSelf);
  EXPECT_EQ(audits("personal_data.read"), 1);  // the admin's, not the volunteer's own
  Result<VolunteerView> other = read(id, other_leader());
  EXPECT_EQ(other.status().code(), Code::kPermissionDenied);
  EXPECT_EQ(read(9999, admin()).status().code(), Code::kNotFound);
  Result<VolunteerView> mine = service_->mine(person());
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->row.id, id);
  EXPECT_EQ(service_->mine(leader()).status().code(), Code::kNotFound);
}

TEST_F(RegistryTest, TheSameIdOrAccountIsRegisteredOnce) {
  VolunteerFields f = fields("14110219800101001X");
  f.user_id = person_;
  auto [s, made] = create(f, leader());
  ASSERT_TRUE(s.ok());
  auto [again, twice] = create(fields("14110219800101001X", other_team_), other_leader());
  EXPECT_EQ(again.code(), Code::kConflict);
  EXPECT_EQ(twice.already_registered, made.view.row.id);
  VolunteerFields by_account = fields("14110219800101002X", other_team_);
  by_account.user_id = person_;
  auto [linked, answer] = create(by_account, other_leader());
  EXPECT_EQ(linked.code(), Code::kConflict);
  EXPECT_EQ(answer.already_registered, made.view.row.id);
  auto [not_theirs, none] = create(fields("14110219800101003X"), other_leader());
  EXPECT_EQ(not_theirs.code(), Code::kPermissionDenied);
  auto [no_team, nothing] = create(fields("14110219800101003X", 9999), admin());
  ASSERT_EQ(no_team.code(), Code::kUnprocessable);
  EXPECT_EQ(no_team.field_errors().front().field, "team_id");
  EXPECT_EQ(count_of(*db_, "SELECT count(*) FROM volunteers"), 1);
}

TEST_F(RegistryTest, EditsAreCheckedAgainAndAuditedWithTheChangedFields) {
  auto [s, made] = create(fields("14110219800101001X"), leader());
  ASSERT_TRUE(s.ok());
  const int64_t id = made.view.row.id;
  VolunteerPatch p;
  p.name = "李秀英";
  p.availability = "";  // unchanged
  p.insurance_until = std::optional<std::string>("2027-06-30");
  auto [ok, edited] = update(id, p, leader());
  ASSERT_TRUE(ok.ok()) << ok.message();
  EXPECT_EQ(edited.view.row.name, "李秀英");
  EXPECT_EQ(count_of(*db_,
                     "SELECT count(*) FROM audit_log WHERE action = 'volunteer.update' AND "
                     "detail = '{\"changed\":[\"name\",\"insurance_until\"]}'"),
            1);
  VolunteerPatch young;
  young.birth_date = "2013-01-01";  // 13 on the registration day
  auto [refused, nothing] = update(id, young, leader());
  ASSERT_EQ(refused.code(), Code::kUnprocessable);
  EXPECT_EQ(refused.field_errors().front().field, "birth_date");
  auto [denied, none] = update(id, p, other_leader());
  EXPECT_EQ(denied.code(), Code::kPermissionDenied);
  EXPECT_EQ(audits("volunteer.update"), 1);
}

TEST_F(RegistryTest, JoiningLeavingAndTheTeamsList) {
  auto [s, made] = create(fields("14110219800101001X"), leader());
  ASSERT_TRUE(s.ok());
  const int64_t id = made.view.row.id;
  auto join = [&](const Caller& by) {
    return wait<VolunteerView>(
        [&](VolunteerDone d) { service_->join_team(id, other_team_, by, std::move(d)); });
  };
  auto leave = [&](const Caller& by) {
    return wait<VolunteerView>(
        [&](VolunteerDone d) { service_->leave_team(id, other_team_, by, std::move(d)); });
  };
  EXPECT_EQ(join(leader()).status().code(), Code::kPermissionDenied);
  Result<VolunteerView> joined = join(other_leader());
  ASSERT_TRUE(joined.ok()) << joined.status().message();
  EXPECT_EQ(joined->standing, Standing::kTeamStaff);
  EXPECT_EQ(join(other_leader()).status().code(), Code::kConflict);
  Result<std::vector<TeamItem>> teams = teams_->list();
  ASSERT_TRUE(teams.ok());
  ASSERT_EQ(teams->size(), 2u);
  for (const TeamItem& t : *teams) EXPECT_EQ(t.volunteers, 1) << t.name;
  const TeamItem& xiyang = (*teams)[0].id == team_ ? (*teams)[0] : (*teams)[1];
  ASSERT_TRUE(xiyang.community.has_value());  // through its parent, 生态园社区
  EXPECT_EQ(xiyang.community->name, "生态园");
  EXPECT_EQ(xiyang.responsible_person, "王建华");

  Result<VolunteerView> left = leave(other_leader());
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->standing, Standing::kNone);
  EXPECT_EQ(leave(other_leader()).status().code(), Code::kNotFound);
  EXPECT_EQ(count_of(*db_, "SELECT count(*) FROM volunteer_team_members WHERE left_at IS NOT NULL"),
            1);

  Result<std::vector<VolunteerView>> list =
      wait<std::vector<VolunteerView>>([&](VolunteerListDone d) {
        service_->list({team_, std::nullopt, std::nullopt}, leader(), d);
      });
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].standing, Standing::kTeamStaff);
  EXPECT_EQ(count_of(*db_,
                     "SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' "
                     "AND subject_type = 'volunteer_list'"),
            1);
}

TEST_F(RegistryTest, ATeamsFactsBelongToItsAdmins) {
  auto put = [&](TeamPatch p, const Caller& by, int64_t team) {
    return wait<TeamItem>([&](TeamDone d) { teams_->update(team, p, by, std::move(d)); });
  };
  TeamPatch p;
  p.responsible_person = "李红";
  p.contact_phone = "13835873333";
  Result<TeamItem> set = put(p, other_leader(), other_team_);
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(set->responsible_person, "李红");
  EXPECT_FALSE(set->community.has_value());
  EXPECT_EQ(put(p, leader(), other_team_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(put(p, admin(), 9999).status().code(), Code::kNotFound);
  TeamPatch self;
  self.parent_org_id = std::optional<int64_t>(other_team_);
  EXPECT_EQ(put(self, admin(), other_team_).status().code(), Code::kUnprocessable);
  EXPECT_EQ(count_of(*db_, "SELECT count(*) FROM audit_log WHERE action = 'volunteer_team.update'"),
            1);
}

}  // namespace
}  // namespace warmcity::volunteers
