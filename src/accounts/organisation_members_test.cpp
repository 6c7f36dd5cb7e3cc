// An organisation's members (organisation_members.h) on both engines: the
// active non-residents of that organisation only, by name, for its members
// and admins; others refused; an unknown organisation 404.
#include "accounts/organisation_members.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "accounts/organisation_store.h"
#include "accounts/test_db.h"

namespace warmcity::accounts {
namespace {

class OrganisationMembersTest : public testing_util::AccountsDbTest {
 protected:
  void SetUp() override {
    AccountsDbTest::SetUp();
    Status s = db_->write([&](store::Connection& c) -> Status {
      auto a = insert_organisation(c, "community", "凤山社区", std::nullopt, 0);
      if (!a.ok()) return a.status();
      org_ = *a;
      auto b = insert_organisation(c, "community", "龙山社区", std::nullopt, 0);
      if (!b.ok()) return b.status();
      other_org_ = *b;
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.message();
    worker_ = member("worker_a", "王社工", "worker", org_);
    volunteer_ = member("vol_b", "李志愿", "volunteer", org_);
    member("res_c", "张居民", "resident", org_);       // a resident: never listed
    member("gone_d", "停用者", "worker", org_, true);  // disabled: never listed
    outsider_ = member("worker_e", "赵社工", "worker", other_org_);
    admin_ = insert_user("admin_f", "admin");
  }

  int64_t member(const std::string& username, const std::string& name, const std::string& role,
                 int64_t org, bool disabled = false) {
    const int64_t id = insert_user(username, role);
    Status s = db_->write([&](store::Connection& c) -> Status {
      auto u = c.prepare(
          "UPDATE users SET display_name = ?, phone = '13900000000', disabled = ? "
          "WHERE id = ?");
      if (!u.ok()) return u.status();
      u->bind(1, name).bind(2, int64_t{disabled ? 1 : 0}).bind(3, id);
      if (Status r = u->run(); !r.ok()) return r;
      auto m = c.prepare("INSERT INTO memberships (user_id, organisation_id) VALUES (?, ?)");
      if (!m.ok()) return m.status();
      m->bind(1, id).bind(2, org);
      return m->run();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return id;
  }

  Result<std::vector<OrganisationMember>> members(const Caller& by, int64_t org) {
    return organisation_members(db_->reader(), by, org);
  }
  static Caller as(int64_t id, const std::string& role) { return {id, role, {}, "127.0.0.1"}; }

  int64_t org_ = 0, other_org_ = 0, worker_ = 0, volunteer_ = 0, outsider_ = 0, admin_ = 0;
};

TEST_F(OrganisationMembersTest, ActiveNonResidentsOfThatOrganisationOnly) {
  Result<std::vector<OrganisationMember>> m = members(as(worker_, "worker"), org_);
  ASSERT_TRUE(m.ok()) << m.status().message();
  ASSERT_EQ(m->size(), 2u);
  std::vector<int64_t> ids = {(*m)[0].id, (*m)[1].id};
  EXPECT_NE(std::find(ids.begin(), ids.end(), worker_), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), volunteer_), ids.end());
  for (const OrganisationMember& x : *m) {
    if (x.id == worker_) {
      EXPECT_EQ(x.display_name, "王社工");
      EXPECT_EQ(x.role, "worker");
    } else {
      EXPECT_EQ(x.display_name, "李志愿");
      EXPECT_EQ(x.role, "volunteer");
    }
  }
}

TEST_F(OrganisationMembersTest, MembersAndAdminsMayOthersMayNot) {
  EXPECT_TRUE(members(as(volunteer_, "volunteer"), org_).ok());
  Result<std::vector<OrganisationMember>> by_admin = members(as(admin_, "admin"), other_org_);
  ASSERT_TRUE(by_admin.ok());
  ASSERT_EQ(by_admin->size(), 1u);
  EXPECT_EQ((*by_admin)[0].id, outsider_);
  EXPECT_EQ(members(as(outsider_, "worker"), org_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(members(as(worker_, "worker"), other_org_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(members(Caller{}, org_).status().code(), Code::kUnauthenticated);
}

TEST_F(OrganisationMembersTest, ResidentAndDisabledMembersMayNotRead) {
  const int64_t resident = count("SELECT id FROM users WHERE username = 'res_c'");
  const int64_t disabled = count("SELECT id FROM users WHERE username = 'gone_d'");
  EXPECT_EQ(members(as(resident, "resident"), org_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(members(as(disabled, "worker"), org_).status().code(), Code::kPermissionDenied);
}

TEST_F(OrganisationMembersTest, AnUnknownOrganisationIs404EvenForAdmins) {
  EXPECT_EQ(members(as(admin_, "admin"), other_org_ + 100).status().code(), Code::kNotFound);
  EXPECT_EQ(members(as(worker_, "worker"), other_org_ + 100).status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace warmcity::accounts
