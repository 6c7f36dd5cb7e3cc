#include "qr/qr.h"

#include <gtest/gtest.h>

#include <string>

namespace warmcity::qr {
namespace {

TEST(QrPath, DrawsTheModulesOfTheText) {
  Result<QrPath> qr = qr_path("5729430181");
  ASSERT_TRUE(qr.ok());
  EXPECT_EQ(qr->modules, 21);  // version 1
  // The top-left finder pattern: a 7-module bar, then its sides.
  EXPECT_EQ(qr->path.rfind("M0 0h7v1h-7z", 0), 0u) << qr->path.substr(0, 40);
  EXPECT_NE(qr->path.find("M0 1h1v1h-1zM6 1h1v1h-1z"), std::string::npos);
  // The top-right finder pattern's bar ends at the last column.
  EXPECT_NE(qr->path.find("M14 0h7v1h-7z"), std::string::npos);
}

TEST(QrPath, LongerTextTakesALargerVersion) {
  Result<QrPath> qr = qr_path("http://warmcity.example:8080/#/verify/ZY2026123456780");
  ASSERT_TRUE(qr.ok());
  EXPECT_GT(qr->modules, 21);
  EXPECT_EQ((qr->modules - 17) % 4, 0);  // 17 + 4 × version
}

TEST(QrPath, TextTooLongForAnyVersionIsAnError) {
  Result<QrPath> qr = qr_path(std::string(4000, 'a'));
  EXPECT_FALSE(qr.ok());
  EXPECT_EQ(qr.status().code(), Code::kInternal);
}

TEST(QrSvg, IsOneSvgDocumentWithTheQuietZoneAndAnEscapedTitle) {
  Result<std::string> svg = qr_svg("5729430181", "证明 <a&b>", 30);
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(svg->rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg->find("width=\"30.000000mm\""), std::string::npos);
  EXPECT_NE(svg->find("viewBox=\"0 0 29 29\""), std::string::npos);  // 21 + 2 × 4
  EXPECT_NE(svg->find("<title>证明 &lt;a&amp;b&gt;</title>"), std::string::npos);
  EXPECT_NE(svg->find("translate(4 4)"), std::string::npos);
  EXPECT_NE(svg->find("d=\"M0 0h7v1h-7z"), std::string::npos);
  EXPECT_EQ(svg->substr(svg->size() - 6), "</svg>");
}

}  // namespace

TEST(SvgText, EscapesWhatWouldBeMarkup) {
  EXPECT_EQ(svg_text("0358-8221234"), "0358-8221234");
  EXPECT_EQ(svg_text("a<b>&c"), "a&lt;b&gt;&amp;c");
}

}  // namespace warmcity::qr
