// Children, guardians and enrolments (child_service.h), on SQLite and on
// PostgreSQL: the separate consent and the first guardian recorded; who
// reads a child (guardians; the staff of a programme it is enrolled in,
// audited; never admins, nor another programme's staff, nor another
// child's guardians); edits, guardians by phone; enrolment with its
// capacity and conflicts; withdrawal; a guardian's list with today's state
// and the month's late pickups.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "afterschool/family_test_world.h"

namespace warmcity::afterschool {
namespace {

class FamilyChildService : public FamilyWorld {
 protected:
  // The staff reads of the child audited with their purpose.
  int64_t staff_reads(int64_t child) {
    return count(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND "
        "subject_type = 'child' AND subject_id = '" +
        std::to_string(child) + "' AND detail LIKE '%afterschool_child%'");
  }
};

TEST_F(FamilyChildService, ACreatedChildHasItsConsentAndItsFirstGuardian) {
  Result<ChildRecord> r = add_child(mother());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->child.name, "张小明");
  EXPECT_EQ(r->child.birth_date, "2017-03-01");
  EXPECT_EQ(r->child.health_notes, "花生过敏");
  EXPECT_EQ(r->child.consent_by, 10);
  EXPECT_EQ(r->child.consent_at, kFamilyNow);
  ASSERT_EQ(r->guardians.size(), 1u);
  EXPECT_EQ(r->guardians[0].user_id, 10);
  EXPECT_EQ(r->guardians[0].relation, "母亲");
  EXPECT_EQ(r->guardians[0].display_name, "张妈妈");
  EXPECT_EQ(r->guardians[0].phone, "13900000010");
  const std::string id = std::to_string(r->child.id);
  EXPECT_EQ(text("SELECT consent_version FROM children WHERE id = " + id),
            "afterschool-children-v1");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'child.create' AND "
                  "subject_id = '" +
                  id + "' AND actor_user_id = 10"),
            1);
}

TEST_F(FamilyChildService, OnlyResidentsAddChildren) {
  EXPECT_EQ(add_child(staff1()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(add_child(admin()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(add_child(anonymous()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(count("SELECT COUNT(*) FROM children"), 0);
}

TEST_F(FamilyChildService, GuardiansReadTheirChildAndNobodyElseWithoutAnEnrolment) {
  const int64_t id = made_child();
  Result<ChildRecord> mine = read_child(id, mother());
  ASSERT_TRUE(mine.ok()) << mine.status().message();
  EXPECT_EQ(mine->child.id, id);
  EXPECT_EQ(read_child(id, other_mother()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(read_child(id, admin()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(read_child(id, organiser()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(read_child(id, staff1()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(read_child(id, anonymous()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(read_child(id + 1000, mother()).status().code(), Code::kNotFound);
  EXPECT_EQ(staff_reads(id), 0);
}

TEST_F(FamilyChildService, TheStaffOfItsProgrammeReadItAuditedAndOnlyWhileEnrolled) {
  const int64_t id = made_child();
  Result<EnrolmentRow> e = enrol(id, 1);
  ASSERT_TRUE(e.ok()) << e.status().message();
  Result<ChildRecord> seen = read_child(id, staff1());
  ASSERT_TRUE(seen.ok()) << seen.status().message();
  EXPECT_EQ(seen->child.health_notes, "花生过敏");
  ASSERT_EQ(seen->guardians.size(), 1u);
  EXPECT_EQ(seen->guardians[0].phone, "13900000010");  // to call them
  EXPECT_EQ(staff_reads(id), 1);
  EXPECT_EQ(text("SELECT actor_user_id FROM audit_log WHERE action = 'personal_data.read'"), "3");
  EXPECT_EQ(read_child(id, staff2()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(read_child(id, admin()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(read_child(id, organiser()).status().code(), Code::kPermissionDenied);
  ASSERT_TRUE(withdraw(e->id, mother()).ok());
  EXPECT_EQ(read_child(id, staff1()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(staff_reads(id), 1);
}

TEST_F(FamilyChildService, GuardiansEditTheirChild) {
  const int64_t id = made_child();
  ChildPatch p;
  p.grade = "四年级";
  p.health_notes.emplace(std::nullopt);
  Result<ChildRecord> r =
      family_wait<ChildRecord>([&](auto d) { children_->update(id, p, mother(), d); });
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->child.grade, "四年级");
  EXPECT_EQ(r->child.name, "张小明");
  EXPECT_FALSE(r->child.health_notes);
  EXPECT_EQ(count("SELECT COUNT(*) FROM children WHERE health_notes IS NULL"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'child.update'"), 1);
  for (const Caller& by : {other_mother(), staff1(), admin()}) {
    Result<ChildRecord> no =
        family_wait<ChildRecord>([&](auto d) { children_->update(id, p, by, d); });
    EXPECT_EQ(no.status().code(), Code::kPermissionDenied) << by.user_id;
  }
  EXPECT_EQ(family_wait<ChildRecord>([&](auto d) { children_->update(id + 99, p, mother(), d); })
                .status()
                .code(),
            Code::kNotFound);
  ChildPatch notes;
  notes.health_notes.emplace("哮喘");
  ASSERT_TRUE(
      family_wait<ChildRecord>([&](auto d) { children_->update(id, notes, mother(), d); }).ok());
  EXPECT_EQ(text("SELECT health_notes FROM children"), "哮喘");
}

TEST_F(FamilyChildService, AGuardianIsAddedByTheirResidentAccountsPhone) {
  const int64_t id = made_child();
  auto add = [&](const std::string& phone, const Caller& by) {
    return family_wait<std::vector<GuardianRow>>([&](auto d) {
      children_->add_guardian(id, GuardianInvite{phone, "父亲"}, by, d);
    });
  };
  EXPECT_EQ(read_child(id, father()).status().code(), Code::kPermissionDenied);
  Result<std::vector<GuardianRow>> g = add("13900000011", mother());
  ASSERT_TRUE(g.ok()) << g.status().message();
  ASSERT_EQ(g->size(), 2u);
  EXPECT_EQ((*g)[1].user_id, 11);
  EXPECT_EQ((*g)[1].relation, "父亲");
  EXPECT_TRUE(read_child(id, father()).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'child.guardian_add'"), 1);
  Result<std::vector<GuardianRow>> twice = add("13900000011", father());
  EXPECT_EQ(twice.status().code(), Code::kConflict);
  EXPECT_EQ(twice.status().message().rfind("already_guardian", 0), 0u);
  Result<std::vector<GuardianRow>> nobody = add("13999999999", mother());
  EXPECT_EQ(nobody.status().code(), Code::kNotFound);
  EXPECT_EQ(nobody.status().message().rfind("no_account", 0), 0u);
  EXPECT_EQ(add("13900000014", mother()).status().code(), Code::kNotFound);  // disabled
  EXPECT_EQ(add("13900000013", other_mother()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(count("SELECT COUNT(*) FROM child_guardians"), 2);
}

TEST_F(FamilyChildService, EnrolmentKeepsToTheCapacityAndRefusesConflicts) {
  const int64_t a = made_child(mother(), child("张小明"));
  const int64_t b = made_child(mother(), child("张小红", "2019-05-01"));
  const int64_t c = made_child(other_mother(), child("刘小刚", "2018-01-01"));
  Result<EnrolmentRow> ea = enrol(a, 1);
  ASSERT_TRUE(ea.ok()) << ea.status().message();
  EXPECT_EQ(ea->status, "active");
  EXPECT_EQ(ea->programme_id, 1);
  EXPECT_EQ(ea->child_id, a);
  EXPECT_EQ(ea->programme_name, "凤山四点半课堂");
  EXPECT_EQ(text("SELECT consent_version FROM afterschool_enrolments WHERE id = " +
                 std::to_string(ea->id)),
            "afterschool-enrolment-v1");
  ASSERT_TRUE(enrol(b, 1).ok());
  Result<EnrolmentRow> full = enrol(c, 1, other_mother());
  EXPECT_EQ(full.status().code(), Code::kConflict);
  EXPECT_EQ(full.status().message().rfind("full", 0), 0u);
  Result<EnrolmentRow> again = enrol(a, 1);
  EXPECT_EQ(again.status().message().rfind("already_enrolled", 0), 0u);
  Result<EnrolmentRow> closed = enrol(a, 3);
  EXPECT_EQ(closed.status().code(), Code::kConflict);
  EXPECT_EQ(closed.status().message().rfind("programme_closed", 0), 0u);
  EXPECT_EQ(enrol(a, 999).status().code(), Code::kNotFound);
  EXPECT_EQ(enrol(c, 2, mother()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(enrol(c + 100, 2, mother()).status().code(), Code::kNotFound);
  EXPECT_EQ(enrol(c, 2, anonymous()).status().code(), Code::kUnauthenticated);
  EXPECT_TRUE(enrol(a, 2).ok());  // another programme
  ASSERT_TRUE(withdraw(ea->id, mother()).ok());
  EXPECT_TRUE(enrol(c, 1, other_mother()).ok());  // a place came free
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'enrolment.create'"), 4);
}

TEST_F(FamilyChildService, GuardiansAndTheOrganisersStaffWithdrawAndNobodyElse) {
  const int64_t a = made_child();
  Result<EnrolmentRow> e = enrol(a, 1);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(withdraw(e->id, staff1()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(withdraw(e->id, other_mother()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(withdraw(e->id, anonymous()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(withdraw(e->id + 50, mother()).status().code(), Code::kNotFound);
  Result<EnrolmentRow> w = withdraw(e->id, organiser());
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(w->status, "withdrawn");
  EXPECT_EQ(w->withdrawn_at, kFamilyNow);
  EXPECT_EQ(text("SELECT withdrawn_by FROM afterschool_enrolments"), "2");
  Result<EnrolmentRow> twice = withdraw(e->id, mother());
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice->status, "withdrawn");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'enrolment.withdraw'"), 1);
}

TEST_F(FamilyChildService, MyChildrenShowTodayAndTheMonthsLatePickups) {
  const int64_t a = made_child();
  const int64_t b = made_child(mother(), child("张小红", "2019-05-01"));
  made_child(other_mother(), child("刘小刚", "2018-01-01"));
  ASSERT_TRUE(enrol(a, 1).ok());
  ASSERT_TRUE(enrol(b, 2).ok());
  ASSERT_TRUE(add_adult(mother(), adult({a, b})).ok());
  Result<std::vector<MyChild>> mine = children_->my_children(mother());
  ASSERT_TRUE(mine.ok()) << mine.status().message();
  ASSERT_EQ(mine->size(), 2u);
  const MyChild& ma = (*mine)[0];
  EXPECT_EQ(ma.record.child.id, a);
  ASSERT_EQ(ma.today.size(), 1u);  // Monday: a session day
  EXPECT_EQ(ma.today[0].state, "expected");
  EXPECT_FALSE(ma.today[0].attendance);
  EXPECT_FALSE(ma.today[0].late_alert);
  ASSERT_EQ(ma.pickup_adults.size(), 1u);
  EXPECT_EQ(ma.pickup_adults[0].name, "张奶奶");
  ASSERT_EQ(ma.enrolments.size(), 1u);
  EXPECT_EQ(ma.late_pickups_this_month, 0);
  const std::string sa = std::to_string(a);
  const std::string sb = std::to_string(b);
  ASSERT_TRUE(
      exec("INSERT INTO afterschool_attendance (programme_id, child_id, day, checked_in_at, "
           "checked_in_by, brought_by) VALUES (1, " +
           sa + ", '2026-09-14', " + std::to_string(kFamilyNow - 600) +
           ", 3, 'from_school');"
           "INSERT INTO afterschool_attendance (programme_id, child_id, day, checked_in_at, "
           "checked_in_by, brought_by, checked_out_at, checked_out_by, pickup_method, "
           "pickup_name, pickup_relation, late) VALUES "
           "(2, " +
           sb +
           ", '2026-09-14', 1, 4, 'adult', 2, 4, 'code', '张奶奶', '奶奶', 1),"
           "(2, " +
           sb +
           ", '2026-09-10', 1, 4, 'adult', 2, 4, 'code', '张奶奶', '奶奶', 1),"
           "(2, " +
           sb +
           ", '2026-08-31', 1, 4, 'adult', 2, 4, 'code', '张奶奶', '奶奶', 1);"
           "INSERT INTO afterschool_alerts (programme_id, child_id, day, raised_at) VALUES "
           "(2, " +
           sb + ", '2026-09-14', 1)")
          .ok());
  mine = children_->my_children(mother());
  ASSERT_TRUE(mine.ok()) << mine.status().message();
  ASSERT_EQ((*mine)[0].today.size(), 1u);
  EXPECT_EQ((*mine)[0].today[0].state, "here");
  EXPECT_EQ((*mine)[0].today[0].attendance->brought_by, "from_school");
  const MyChild& mb = (*mine)[1];
  ASSERT_EQ(mb.today.size(), 1u);
  EXPECT_EQ(mb.today[0].state, "gone");
  EXPECT_EQ(mb.today[0].attendance->pickup_name, "张奶奶");
  EXPECT_EQ(mb.today[0].attendance->pickup_method, "code");
  EXPECT_TRUE(mb.today[0].late_alert);
  EXPECT_EQ(mb.late_pickups_this_month, 2);
  Result<std::vector<MyChild>> theirs = children_->my_children(other_mother());
  ASSERT_TRUE(theirs.ok());
  ASSERT_EQ(theirs->size(), 1u);
  EXPECT_TRUE((*theirs)[0].pickup_adults.empty());
  EXPECT_EQ(children_->my_children(staff1()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(children_->my_children(anonymous()).status().code(), Code::kUnauthenticated);
}

TEST_F(FamilyChildService, NoSessionNoTodayOnHolidaysAndWeekends) {
  const int64_t a = made_child();
  ASSERT_TRUE(enrol(a, 1).ok());
  now_ = kFamilyNow + 17 * kFamilyDay;  // Thursday 2026-10-01, 国庆节
  Result<std::vector<MyChild>> mine = children_->my_children(mother());
  ASSERT_TRUE(mine.ok());
  EXPECT_TRUE((*mine)[0].today.empty());
  now_ = kFamilyNow + 5 * kFamilyDay;  // Saturday 2026-09-19
  mine = children_->my_children(mother());
  ASSERT_TRUE(mine.ok());
  EXPECT_TRUE((*mine)[0].today.empty());
  now_ = kFamilyNow + 1 * kFamilyDay;  // Tuesday
  mine = children_->my_children(mother());
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ((*mine)[0].today.size(), 1u);
}

}  // namespace
}  // namespace warmcity::afterschool
