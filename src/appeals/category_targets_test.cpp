// A category's default target must reach somebody: the pure verdict, the
// refusal on create and update (naming the organisation), and the stranded
// list after the last user who could act is disabled.
#include "appeals/category_targets.h"

#include <gtest/gtest.h>

#include "appeals/test_world.h"

namespace warmcity::appeals {
namespace {

using testing::AppealsWorld;

TEST(TargetProblem, NobodyToActOrNoOrganisationIsAProblem) {
  EXPECT_FALSE(target_problem(7, accounts::OrgActors{"区住建局", 1}));
  std::optional<TargetProblem> none = target_problem(8, accounts::OrgActors{"区城管局", 0});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->reason, "no_actor");
  EXPECT_EQ(none->org_name, "区城管局");
  std::optional<TargetProblem> missing = target_problem(99, std::nullopt);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->reason, "no_organisation");
  EXPECT_FALSE(missing->org_name);
}

TEST(TargetProblem, TheMessageNamesTheOrganisationInBothLanguages) {
  FieldError e = target_error({8, "区城管局", "no_actor"});
  EXPECT_EQ(e.field, "department_org_id");
  EXPECT_NE(e.message.find("「区城管局」没有能办理派单诉求的在用账号"), std::string::npos);
  EXPECT_NE(e.message.find("区城管局 has no active user who can act"), std::string::npos);
  EXPECT_NE(target_error({99, std::nullopt, "no_organisation"}).message.find("99"),
            std::string::npos);
}

using CategoryTargets = AppealsWorld;

TEST_F(CategoryTargets, ACategoryMayNameOnlyATargetWithSomebodyToAct) {
  EXPECT_TRUE(create("roads", 7).ok());
  Result<Category> stranded = create("city", 8);
  ASSERT_EQ(stranded.status().code(), Code::kUnprocessable);
  ASSERT_EQ(stranded.status().field_errors().size(), 1u);
  EXPECT_EQ(stranded.status().field_errors()[0].field, "department_org_id");
  EXPECT_NE(stranded.status().field_errors()[0].message.find("区城管局"), std::string::npos);
  EXPECT_EQ(create("ghost", 99).status().code(), Code::kUnprocessable);
  EXPECT_TRUE(create("ads", std::nullopt).ok());  // no default: the appeal's area is the target
  // Updating to a target without anybody is refused too.
  Category c = *service_->category("roads");
  c.department_org_id = 8;
  Result<Category> moved = testing::wait_for<Category>(
      [&](auto d) { service_->update_category("roads", c, admin_, d); });
  EXPECT_EQ(moved.status().code(), Code::kUnprocessable);
  EXPECT_EQ(service_->category("roads")->department_org_id, 7);
}

TEST_F(CategoryTargets, OnlyDepartmentAndWorkerUsersWhoAreActiveCount) {
  // A keeper or a resident in the organisation acts on nothing dispatched.
  ASSERT_TRUE(sql("INSERT INTO users (id, username, display_name, role, password_hash, "
                  "created_at, updated_at) VALUES (80, 'k', 'k', 'keeper', 'x', 0, 0), "
                  "(81, 'w', 'w', 'worker', 'x', 0, 0);"
                  "INSERT INTO memberships (user_id, organisation_id) VALUES (80, 8)")
                  .ok());
  EXPECT_EQ(create("city", 8).status().code(), Code::kUnprocessable);
  ASSERT_TRUE(sql("INSERT INTO memberships (user_id, organisation_id) VALUES (81, 8)").ok());
  EXPECT_TRUE(create("city", 8).ok());
}

TEST_F(CategoryTargets, DisablingTheLastUserWhoCanActStrandsTheCategory) {
  ASSERT_TRUE(create("roads", 7).ok());
  ASSERT_TRUE(create("ads", std::nullopt).ok());
  auto stranded = [&] { return *stranded_categories(db_->reader(), service_->categories(false)); };
  EXPECT_TRUE(stranded().empty());
  ASSERT_TRUE(sql("UPDATE users SET disabled = 1 WHERE id = 70").ok());
  std::vector<StrandedCategory> now = stranded();
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].category.code, "roads");
  EXPECT_EQ(now[0].problem.org_id, 7);
  EXPECT_EQ(now[0].problem.org_name, "区住建局");
  EXPECT_EQ(now[0].problem.reason, "no_actor");
  // Saving it again is refused until the target is fixed.
  Category c = *service_->category("roads");
  c.resolution_days = 3;
  EXPECT_EQ(
      testing::wait_for<Category>([&](auto d) { service_->update_category("roads", c, admin_, d); })
          .status()
          .code(),
      Code::kUnprocessable);
  c.department_org_id.reset();
  EXPECT_TRUE(testing::wait_for<Category>([&](auto d) {
                service_->update_category("roads", c, admin_, d);
              }).ok());
  EXPECT_TRUE(stranded().empty());
}

}  // namespace
}  // namespace warmcity::appeals
