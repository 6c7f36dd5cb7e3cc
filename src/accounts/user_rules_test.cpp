#include "accounts/user_rules.h"

#include <gtest/gtest.h>

namespace warmcity::accounts {
namespace {

TEST(UserRules, Username) {
  EXPECT_FALSE(username_problem("li.ming_01-a"));
  EXPECT_TRUE(username_problem("ab"));
  EXPECT_TRUE(username_problem(std::string(33, 'a')));
  EXPECT_FALSE(username_problem(std::string(32, 'a')));
  EXPECT_TRUE(username_problem("LiMing"));
  EXPECT_TRUE(username_problem("li ming"));
  EXPECT_TRUE(username_problem("李明明"));
}

TEST(UserRules, DisplayName) {
  EXPECT_FALSE(display_name_problem("李明"));
  EXPECT_TRUE(display_name_problem(""));
  EXPECT_FALSE(display_name_problem(std::string(64, 'x')));
  EXPECT_TRUE(display_name_problem(std::string(65, 'x')));
  EXPECT_TRUE(display_name_problem("a\nb"));
  EXPECT_TRUE(display_name_problem("\xc3"));
}

TEST(UserRules, RoleAndPhone) {
  for (const char* r : {"resident", "worker", "volunteer", "keeper", "department", "admin"}) {
    EXPECT_FALSE(role_problem(r)) << r;
  }
  EXPECT_TRUE(role_problem("root"));
  EXPECT_TRUE(role_problem("Admin"));
  EXPECT_FALSE(phone_problem("13812345678"));
  EXPECT_TRUE(phone_problem("12345"));
}

TEST(UserRules, ValidateNewUserListsEveryProblem) {
  NewUser u{"X", "", "root", "short", std::string("123"), {}};
  auto errors = validate_new_user(u);
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].field, "username");
  EXPECT_EQ(errors[1].field, "display_name");
  EXPECT_EQ(errors[2].field, "role");
  EXPECT_EQ(errors[3].field, "password");
  EXPECT_EQ(errors[4].field, "phone");
  NewUser ok{"liming", "李明", "worker", "long enough", std::nullopt, {}};
  EXPECT_TRUE(validate_new_user(ok).empty());
}

TEST(UserRules, AsciiLower) { EXPECT_EQ(ascii_lower("LiMing.暖"), "liming.暖"); }

}  // namespace
}  // namespace warmcity::accounts
