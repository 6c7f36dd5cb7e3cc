#include "core/phone.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace warmcity::core {
namespace {

TEST(Phone, Mobiles) {
  EXPECT_TRUE(is_valid_phone("13812345678"));
  EXPECT_TRUE(is_valid_phone("19912345678"));
  EXPECT_FALSE(is_valid_phone("12812345678"));   // 12x is not a mobile prefix
  EXPECT_FALSE(is_valid_phone("1381234567"));    // 10 digits
  EXPECT_FALSE(is_valid_phone("138123456789"));  // 12 digits
  EXPECT_FALSE(is_valid_phone("1381234567a"));
  EXPECT_FALSE(is_valid_phone("+8613812345678"));
  EXPECT_FALSE(is_valid_phone(""));
}

TEST(Phone, Landlines) {
  EXPECT_TRUE(is_valid_phone("0358-8221234"));
  EXPECT_TRUE(is_valid_phone("010-12345678"));
  EXPECT_TRUE(is_valid_phone("01012345678"));
  EXPECT_TRUE(is_valid_phone("03588221234"));
  EXPECT_FALSE(is_valid_phone("0358-822123"));     // 6-digit local number
  EXPECT_FALSE(is_valid_phone("0358-822123456"));  // 9-digit local number
  EXPECT_FALSE(is_valid_phone("03-12345678"));     // area code too short
  EXPECT_FALSE(is_valid_phone("03588-1234567"));   // area code too long
  EXPECT_FALSE(is_valid_phone("0358--8221234"));
  EXPECT_FALSE(is_valid_phone("358-8221234"));  // no leading 0
  EXPECT_FALSE(is_valid_phone("0358 8221234"));
}

TEST(Phone, MaskMobile) { EXPECT_EQ(mask_phone("13812345678"), "138****5678"); }

// How many digits of `masked` are hidden, and how many digits it has.
std::pair<size_t, size_t> hidden_of(const std::string& masked) {
  size_t hidden = 0, digits = 0;
  for (char c : masked) {
    if (c == '*') ++hidden;
    if (c != '-') ++digits;
  }
  return {hidden, digits};
}

TEST(Phone, MaskLandlineKeepsTheAreaCodeAndHidesAtLeastHalf) {
  EXPECT_EQ(mask_phone("0358-8221234"), "0358-******4");
  EXPECT_EQ(mask_phone("03588221234"), "0358******4");
  EXPECT_EQ(mask_phone("0358-82212345"), "0358-******45");
  EXPECT_EQ(mask_phone("010-12345678"), "010-******78");
  EXPECT_EQ(mask_phone("01012345678"), "010******78");
  EXPECT_EQ(mask_phone("010-1234567"), "010-*****67");
  EXPECT_EQ(mask_phone("0201234567"), "020*****67");
}

TEST(Phone, EveryLandlineShapeHidesAtLeastHalfItsDigits) {
  for (const char* area : {"010", "021", "0358", "0755"}) {
    for (const char* local : {"8221234", "82212345"}) {
      for (const char* sep : {"", "-"}) {
        const std::string phone = std::string(area) + sep + local;
        ASSERT_TRUE(is_valid_phone(phone)) << phone;
        const std::string masked = mask_phone(phone);
        auto [hidden, digits] = hidden_of(masked);
        EXPECT_GE(2 * hidden, digits) << phone << " → " << masked;
        EXPECT_EQ(masked.substr(0, std::string(area).size()), area) << masked;
      }
    }
  }
}

TEST(Phone, MaskInvalidHidesEverything) {
  EXPECT_EQ(mask_phone("12345"), "*****");
  EXPECT_EQ(mask_phone(""), "");
}

TEST(Name, OneCharacterIsHiddenWhole) {
  EXPECT_EQ(mask_name("王"), "*");
  EXPECT_EQ(mask_name("W"), "*");
  EXPECT_EQ(mask_name("😀"), "*");
}

TEST(Name, TwoOrMoreKeepTheFirstCharacterOnly) {
  EXPECT_EQ(mask_name("王五"), "王*");
  EXPECT_EQ(mask_name("王阿姨"), "王**");
  EXPECT_EQ(mask_name("欧阳娜娜"), "欧***");
  EXPECT_EQ(mask_name("Li"), "L*");
  EXPECT_EQ(mask_name("Zhang Wei"), "Z********");
}

TEST(Name, EmptyStaysEmpty) { EXPECT_EQ(mask_name(""), ""); }

}  // namespace
}  // namespace warmcity::core
