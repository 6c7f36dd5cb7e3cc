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
  // SHA-256 test vectors of FIPS 180-2 ("abc", the 448-bit message) and of
  // the empty string, and of a token-shaped text (computed with sha256sum).
  EXPECT_EQ(hash_token("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hash_token("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(hash_token(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const std::string shaped = std::string(41, 'a') + "-_";
  ASSERT_TRUE(is_well_formed_token(shaped));
  EXPECT_EQ(hash_token(shaped), "ba1e3f6ba61dcf4995d1629be0793de72a821ac62267d90a020701c85ac479c9");
  // A fresh token: 64 lower-case hex digits, different from another token's.
  const std::string t = new_token();
  const std::string h = hash_token(t);
  ASSERT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos) << h;
  EXPECT_NE(h, hash_token(new_token()));
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
