#include "accounts/password.h"

#include <gtest/gtest.h>

namespace warmcity::accounts {
namespace {

TEST(Password, HashAndVerify) {
  auto hash = hash_password("correct horse", PasswordCost::kMinimum);
  ASSERT_TRUE(hash.ok()) << hash.status().message();
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(verify_password(*hash, "correct horse"));
  EXPECT_FALSE(verify_password(*hash, "correct horsE"));
  EXPECT_FALSE(verify_password(*hash, ""));
  EXPECT_FALSE(verify_password("not a hash", "correct horse"));
  EXPECT_FALSE(verify_password("", ""));
}

TEST(Password, SaltMakesEveryHashDifferent) {
  auto a = hash_password("same password", PasswordCost::kMinimum);
  auto b = hash_password("same password", PasswordCost::kMinimum);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
}

TEST(Password, NeedsRehashWhenCostDiffers) {
  auto hash = hash_password("some password", PasswordCost::kMinimum);
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(needs_rehash(*hash, PasswordCost::kMinimum));
  EXPECT_TRUE(needs_rehash(*hash, PasswordCost::kInteractive));
  EXPECT_TRUE(needs_rehash("garbage", PasswordCost::kMinimum));
}

TEST(Password, Policy) {
  EXPECT_TRUE(password_problem("1234567").has_value());
  EXPECT_FALSE(password_problem("4a7c9e2b").has_value());
  EXPECT_TRUE(password_problem("12345678").has_value());  // common (common_passwords.h)
  EXPECT_FALSE(password_problem(std::string(128, 'x')).has_value());
  EXPECT_TRUE(password_problem(std::string(129, 'x')).has_value());
  // Eight Chinese characters are eight characters, not 24 bytes.
  EXPECT_FALSE(password_problem("暖城暖城暖城暖城").has_value());
  EXPECT_TRUE(password_problem("暖城暖城暖城暖").has_value());
  EXPECT_TRUE(password_problem("\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8").has_value());
}

TEST(Password, DummyHashVerifiesNothing) {
  DummyHash dummy(PasswordCost::kMinimum);
  const std::string& h = dummy.get();
  EXPECT_EQ(&h, &dummy.get());
  EXPECT_FALSE(verify_password(h, "password"));
  EXPECT_FALSE(needs_rehash(h, PasswordCost::kMinimum));
}

}  // namespace
}  // namespace warmcity::accounts
