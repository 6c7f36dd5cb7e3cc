#include "core/phone.h"

#include <gtest/gtest.h>

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

TEST(Phone, MaskLandlineHidesTheMiddle) {
  EXPECT_EQ(mask_phone("0358-8221234"), "0358-***1234");
  EXPECT_EQ(mask_phone("010-12345678"), "010-****5678");
  EXPECT_EQ(mask_phone("01012345678"), "010****5678");
  EXPECT_EQ(mask_phone("03588221234"), "0358***1234");
}

TEST(Phone, MaskInvalidHidesEverything) {
  EXPECT_EQ(mask_phone("12345"), "*****");
  EXPECT_EQ(mask_phone(""), "");
}

}  // namespace
}  // namespace warmcity::core
