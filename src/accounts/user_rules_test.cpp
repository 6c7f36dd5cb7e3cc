#include "accounts/user_rules.h"

#include <gtest/gtest.h>

#include "accounts/common_passwords.h"
#include "accounts/password.h"

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

TEST(UserRules, CommonPasswordsAreRefusedWhateverTheCase) {
  for (const char* p : {"password1", "Password1", "PASSWORD123", "admin123", "Admin@123",
                        "qwer1234", "QWER1234", "12345678", "1qaz2wsx", "woaini1314", "WoAiNi520",
                        "5201314520", "iloveyou", "warmcity123"}) {
    auto problem = password_problem(p);
    ASSERT_TRUE(problem) << p;
    EXPECT_NE(problem->find("common"), std::string::npos) << *problem;
  }
  // The short ones of the usual lists fall to the length rule.
  for (const char* p : {"123456", "woaini", "5201314", "abc123", "qwerty"}) {
    EXPECT_TRUE(password_problem(p)) << p;
  }
  for (const char* p :
       {"admin-pass-1", "password-for-wang", "qwer1234!x", "暖城密码很长的一句话"}) {
    EXPECT_FALSE(password_problem(p)) << p;
  }
}

TEST(UserRules, CommonPasswordListIsSortedLowerCaseAndAllowedByLength) {
  auto list = common_passwords();
  EXPECT_GE(list.size(), 150u);
  for (size_t i = 0; i < list.size(); ++i) {
    std::string_view p = list[i];
    if (i > 0) {
      EXPECT_LT(list[i - 1], p);
    }
    EXPECT_EQ(ascii_lower(p), p);
    EXPECT_GE(p.size(), kMinPasswordLength) << p << ": the length rule refuses it already";
    EXPECT_TRUE(is_common_password(p)) << p;
  }
}

TEST(UserRules, NewPasswordMustDifferFromTheCurrentOne) {
  auto hash = hash_password("current-pass-1", PasswordCost::kMinimum);
  ASSERT_TRUE(hash.ok());
  auto same = new_password_problem("current-pass-1", *hash);
  ASSERT_TRUE(same);
  EXPECT_EQ(*same, "must differ from the current password");
  EXPECT_TRUE(new_password_problem("abcd1234", *hash));  // common
  EXPECT_TRUE(new_password_problem("short", *hash));
  EXPECT_FALSE(new_password_problem("current-pass-2", *hash));
  EXPECT_FALSE(new_password_problem("Current-pass-1", *hash));  // passwords keep their case
}

TEST(UserRules, AsciiLower) { EXPECT_EQ(ascii_lower("LiMing.暖"), "liming.暖"); }

}  // namespace
}  // namespace warmcity::accounts
