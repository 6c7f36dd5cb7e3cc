#include "accounts/tokens.h"

#include <gtest/gtest.h>

#include <set>

namespace warmcity::accounts {
namespace {

TEST(Tokens, NewTokenIsWellFormedAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string t = new_token();
    EXPECT_EQ(t.size(), kTokenLength);
    EXPECT_TRUE(is_well_formed_token(t)) << t;
    EXPECT_TRUE(seen.insert(t).second);
  }
}

TEST(Tokens, WellFormedRejectsOtherShapes) {
  EXPECT_FALSE(is_well_formed_token(""));
  EXPECT_FALSE(is_well_formed_token(std::string(42, 'a')));
  EXPECT_FALSE(is_well_formed_token(std::string(44, 'a')));
  EXPECT_FALSE(is_well_formed_token(std::string(42, 'a') + "="));
  EXPECT_FALSE(is_well_formed_token(std::string(42, 'a') + "+"));
  EXPECT_TRUE(is_well_formed_token(std::string(41, 'a') + "-_"));
}

TEST(Tokens, HashIsSha256Hex) {
  // SHA-256("abc"), FIPS 180-2 test vector.
  EXPECT_EQ(hash_token("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string t = new_token();
  EXPECT_EQ(hash_token(t), hash_token(t));
  EXPECT_NE(hash_token(t), hash_token(new_token()));
  EXPECT_EQ(hash_token(t).size(), 64u);
}

TEST(Tokens, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_FALSE(constant_time_equal("", "a"));
}

}  // namespace
}  // namespace warmcity::accounts
