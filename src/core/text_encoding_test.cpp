#include "core/text_encoding.h"

#include <gtest/gtest.h>

namespace warmcity::core {
namespace {

// 暖城 in GB18030 (and a four-byte GB18030 character, U+20000 𠀀).
constexpr char kGbWarmCity[] = "\xC5\xAF\xB3\xC7";
constexpr char kGbFourByte[] = "\x95\x32\x82\x36";

TEST(TextEncoding, Utf8WithAndWithoutBom) {
  auto plain = decode_text("名称\n暖城", std::nullopt);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->encoding, TextEncoding::kUtf8);
  EXPECT_FALSE(plain->had_bom);
  auto bom = decode_text("\xEF\xBB\xBF名称", std::nullopt);
  ASSERT_TRUE(bom.ok());
  EXPECT_TRUE(bom->had_bom);
  EXPECT_EQ(bom->text, "名称");
}

TEST(TextEncoding, DetectsGb18030) {
  auto r = decode_text(std::string("name\n") + kGbWarmCity + "," + kGbFourByte, std::nullopt);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->encoding, TextEncoding::kGb18030);
  EXPECT_EQ(r->text, "name\n暖城,\xF0\xA0\x80\x80");
}

TEST(TextEncoding, ForcedEncodingWins) {
  size_t line = 0;
  auto wrong = decode_text(std::string("a\nb\n") + kGbWarmCity, TextEncoding::kUtf8, &line);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(line, 3u);
  EXPECT_EQ(wrong.status().field_errors()[0].field, "encoding");
  // ASCII is valid as both; GB18030 forced reads it the same.
  auto ascii = decode_text("abc", TextEncoding::kGb18030);
  ASSERT_TRUE(ascii.ok());
  EXPECT_EQ(ascii->text, "abc");
}

TEST(TextEncoding, RefusesWhatIsNeitherClearly) {
  size_t line = 0;
  // Latin-1 "Café 1": 0xE9 followed by a space is no GB18030 sequence.
  EXPECT_FALSE(decode_text("x\nCaf\xE9 1", std::nullopt, &line).ok());
  EXPECT_EQ(line, 2u);
  EXPECT_FALSE(decode_text("\xFF\xFEn\0a", std::nullopt).ok());  // UTF-16 LE
  EXPECT_FALSE(decode_text(std::string("a\0b", 3), std::nullopt).ok());
  EXPECT_FALSE(decode_text("\x80", std::nullopt).ok());
  // A UTF-8 BOM and then bytes that are not UTF-8.
  EXPECT_FALSE(decode_text(std::string("\xEF\xBB\xBF") + kGbWarmCity, std::nullopt).ok());
}

TEST(TextEncoding, Names) {
  EXPECT_EQ(parse_text_encoding("UTF-8"), TextEncoding::kUtf8);
  EXPECT_EQ(parse_text_encoding("gbk"), TextEncoding::kGb18030);
  EXPECT_FALSE(parse_text_encoding("latin1"));
  EXPECT_EQ(text_encoding_name(TextEncoding::kGb18030), "gb18030");
}

}  // namespace
}  // namespace warmcity::core
