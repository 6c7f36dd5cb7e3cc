#include "core/text.h"

#include <gtest/gtest.h>

namespace warmcity::core {
namespace {

TEST(TrimBlanks, RemovesSpacesTabsAndCarriageReturnsAtBothEnds) {
  EXPECT_EQ(trim_blanks(" \t a b \r"), "a b");
  EXPECT_EQ(trim_blanks("a"), "a");
  EXPECT_EQ(trim_blanks(" \t\r "), "");
  EXPECT_EQ(trim_blanks(""), "");
}

TEST(TrimBlanks, KeepsInnerBlanksAndOtherWhitespace) {
  EXPECT_EQ(trim_blanks("\na\t b\n"), "\na\t b\n");
  EXPECT_EQ(trim_blanks("　全角　"), "　全角　");
}

}  // namespace
}  // namespace warmcity::core
