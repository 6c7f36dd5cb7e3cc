#include "open311/xml_writer.h"

#include <gtest/gtest.h>

namespace warmcity::open311 {
namespace {

TEST(XmlEscape, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(xml_escape(R"(a<b>&"c'd)"), "a&lt;b&gt;&amp;&quot;c&apos;d");
  EXPECT_EQ(xml_escape("&amp;"), "&amp;amp;");  // already-escaped text is escaped again
}

TEST(XmlEscape, KeepsChineseAndLineBreaks) {
  EXPECT_EQ(xml_escape("消防通道被堵\n请处理\t!"), "消防通道被堵\n请处理\t!");
  EXPECT_EQ(xml_escape("a\r\nb"), "a&#13;\nb");
  EXPECT_EQ(xml_escape("😀"), "😀");  // outside the BMP
}

TEST(XmlEscape, DropsCharactersXmlForbids) {
  EXPECT_EQ(xml_escape(std::string("a\0b", 3)), "ab");
  EXPECT_EQ(xml_escape("a\x01\x08\x0B\x0C\x1F"
                       "b"),
            "ab");
  EXPECT_EQ(xml_escape("a\xEF\xBF\xBE"
                       "b\xEF\xBF\xBF"),
            "ab");  // U+FFFE, U+FFFF
}

TEST(XmlEscape, ReplacesInvalidUtf8) {
  EXPECT_EQ(xml_escape("a\xFF"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(xml_escape("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(xml_escape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(xml_escape("\xE6\xB6"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // truncated 消
}

TEST(XmlWriter, WritesNestedElementsWithDeclaration) {
  XmlWriter w;
  w.open("services");
  w.open("service");
  w.text_element("service_code", "fire<lane>");
  w.empty_element("group");
  w.close();
  std::string doc = w.finish();  // closes <services>
  EXPECT_EQ(doc,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<services><service><service_code>fire&lt;lane&gt;</service_code><group/></service>"
            "</services>\n");
}

}  // namespace
}  // namespace warmcity::open311
