#include "eldercare/card_svg.h"

#include "eldercare/card_number.h"
#include "qr/qr.h"

namespace warmcity::eldercare {

namespace {

constexpr double kQrSide = 26;  // mm, quiet zone included
constexpr int kQuietModules = 4;

}  // namespace

Result<std::string> card_svg(const Card& card) {
  Result<qr::QrPath> qr = qr::qr_path(card.number);
  if (!qr.ok()) return qr.status();
  const double scale = kQrSide / (qr->modules + 2 * kQuietModules);
  const std::string number = format_card_number(card.number);
  std::string svg =
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="85.6mm" height="54mm" viewBox="0 0 85.6 54" )"
      R"(font-family="'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei',sans-serif">)"
      R"(<title>红色代办卡 )" +
      number +
      R"(</title><rect width="85.6" height="54" rx="3.2" fill="#fff" stroke="#c8102e" stroke-width="0.6"/>)"
      R"(<path d="M0 3.2A3.2 3.2 0 0 1 3.2 0H82.4A3.2 3.2 0 0 1 85.6 3.2V13H0Z" fill="#c8102e"/>)"
      R"(<text x="5" y="9.2" font-size="6" font-weight="bold" fill="#fff">红色代办卡</text>)"
      R"(<text x="47" y="9" font-size="3" fill="#fff">为老代购 · 有事找我们</text>)"
      R"(<text x="5" y="20" font-size="3" fill="#555">卡号 Card No.</text>)"
      R"(<text x="5" y="27" font-size="5.6" font-weight="bold" font-family="monospace" fill="#000">)" +
      number +
      R"(</text><text x="5" y="35" font-size="3" fill="#555">服务队电话</text>)"
      R"(<text x="5" y="39.5" font-size="4.2" font-weight="bold" fill="#000">)" +
      qr::svg_text(card.team_phone) +
      R"(</text><text x="5" y="45" font-size="3" fill="#555">社区居委会电话</text>)"
      R"(<text x="5" y="49.5" font-size="4.2" font-weight="bold" fill="#000">)" +
      qr::svg_text(card.committee_phone) + "</text>";
  const double x = 85.6 - 4 - kQrSide, y = 16;
  svg += R"(<rect x=")" + std::to_string(x) + R"(" y=")" + std::to_string(y) + R"(" width=")" +
         std::to_string(kQrSide) + R"(" height=")" + std::to_string(kQrSide) + R"(" fill="#fff"/>)";
  svg += "<path transform=\"translate(" + std::to_string(x + kQuietModules * scale) + " " +
         std::to_string(y + kQuietModules * scale) + ") scale(" + std::to_string(scale) +
         ")\" fill=\"#000\" d=\"" + qr->path + "\"/>";
  svg +=
      R"(<text x=")" + std::to_string(x + kQrSide / 2) +
      R"(" y="46" font-size="2.4" text-anchor="middle" fill="#555">打电话或出示此卡</text></svg>)";
  return svg;
}

}  // namespace warmcity::eldercare
