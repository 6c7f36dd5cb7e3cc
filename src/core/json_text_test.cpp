#include "core/json_text.h"

#include <gtest/gtest.h>

#include <string>

namespace warmcity::core {
namespace {

std::string nested(int levels, char open = '[', char close = ']') {
  return std::string(levels, open) + std::string(levels, close);
}

TEST(JsonNesting, CountsArraysAndObjectsUpToTheLimit) {
  EXPECT_FALSE(json_nesting_exceeds("{}"));
  EXPECT_FALSE(json_nesting_exceeds(nested(kMaxJsonDepth)));
  EXPECT_TRUE(json_nesting_exceeds(nested(kMaxJsonDepth + 1)));
  EXPECT_TRUE(json_nesting_exceeds(nested(150000)));
  EXPECT_TRUE(json_nesting_exceeds(R"({"a":[{"b":[1]}]})", 3));
  EXPECT_FALSE(json_nesting_exceeds(R"({"a":[{"b":[1]}]})", 4));
}

TEST(JsonNesting, SiblingsDoNotAddUp) {
  std::string wide = "[";
  for (int i = 0; i < 1000; ++i) wide += "[[1]],";
  wide += "[]]";
  EXPECT_FALSE(json_nesting_exceeds(wide, 3));
}

TEST(JsonNesting, BracketsInStringsDoNotCount) {
  EXPECT_FALSE(json_nesting_exceeds(R"({"name":"[[[[[[{{{{"})", 1));
  EXPECT_FALSE(json_nesting_exceeds(R"({"q":"say \"[[[\" \\","r":1})", 1));
  // An escaped backslash ends the escape: the quote after it closes the string.
  EXPECT_TRUE(json_nesting_exceeds(R"({"p":"\\",[[]]})", 2));
}

TEST(JsonNesting, AnUnclosedDocumentStillCounts) {
  EXPECT_TRUE(json_nesting_exceeds(std::string(100, '['), 64));
  EXPECT_FALSE(json_nesting_exceeds(std::string(10, '[')));
}

TEST(JsonText, EscapesQuotesBackslashesAndControls) {
  std::string out;
  append_json_string(out, "a\"b\\c\n\x01暖");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001暖\"");
}

}  // namespace
}  // namespace warmcity::core
