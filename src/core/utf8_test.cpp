#include "core/utf8.h"

#include <gtest/gtest.h>

namespace warmcity::core {
namespace {

TEST(Utf8Length, CountsCodePointsAndRejectsBadEncoding) {
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("暖城"), 2u);
  EXPECT_EQ(utf8_length("\xF0\x9F\x98\x80"), 1u);
  EXPECT_FALSE(utf8_length("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(utf8_length("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(utf8_length("\xE6\x9A"));      // truncated
}

}  // namespace
}  // namespace warmcity::core
