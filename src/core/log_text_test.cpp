#include "core/log_text.h"

#include <gtest/gtest.h>

namespace warmcity::core {
namespace {

TEST(LogTextTest, PlainAndChineseTextPassThrough) {
  EXPECT_EQ(log_text("admin"), "admin");
  EXPECT_EQ(log_text("王阿姨 /api/v1/appeals"), "王阿姨 /api/v1/appeals");
}

TEST(LogTextTest, ControlCharactersCannotStartALine) {
  EXPECT_EQ(log_text("admin\r\n2026-12-04 [info] login ok for 'root'"),
            "admin\\x0d\\x0a2026-12-04 [info] login ok for 'root'");
  EXPECT_EQ(log_text("\x1b[2Jx\x7f"), "\\x1b[2Jx\\x7f");
  EXPECT_EQ(log_text(std::string_view("a\0b", 3)), "a\\x00b");
}

TEST(LogTextTest, BackslashesAndBadUtf8AreEscaped) {
  EXPECT_EQ(log_text("a\\x0ab"), "a\\\\x0ab");  // reads back as the literal text
  EXPECT_EQ(log_text("ok\xff\xfe!"), "ok\\xff\\xfe!");
  EXPECT_EQ(log_text("\xe7\x8e"), "\\xe7\\x8e");  // a cut-off 王
}

TEST(LogTextTest, LongTextIsCutWithoutSplittingACharacter) {
  EXPECT_EQ(log_text(std::string(1000, 'a'), 10), "aaaaaaaaaa…");
  const std::string cut = log_text("王王王王", 7);  // 12 bytes; 7 would split the third
  EXPECT_EQ(cut, "王王…");
  EXPECT_EQ(log_text("abc", 3), "abc");
}

}  // namespace
}  // namespace warmcity::core
