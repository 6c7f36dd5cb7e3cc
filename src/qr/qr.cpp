// QR codes as SVG (qr.h).
#include "qr/qr.h"

#include <qrencode.h>

#include <memory>
#include <string>

namespace warmcity::qr {

namespace {

constexpr int kQuietModules = 4;

}  // namespace

Result<QrPath> qr_path(std::string_view text) {
  const std::string s(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(s.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) return Status::Internal("libqrencode could not encode the text");
  QrPath out;
  out.modules = code->width;
  const int w = code->width;
  // One horizontal run of dark modules per rectangle: "M x y h n v 1 h -n z".
  for (int y = 0; y < w; ++y) {
    for (int x = 0; x < w;) {
      if (!(code->data[y * w + x] & 1)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < w && (code->data[y * w + x + run] & 1)) ++run;
      out.path += "M" + std::to_string(x) + " " + std::to_string(y) + "h" + std::to_string(run) +
                  "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  return out;
}

Result<std::string> qr_svg(std::string_view text, std::string_view title, double side_mm) {
  Result<QrPath> qr = qr_path(text);
  if (!qr.ok()) return qr.status();
  const std::string side = std::to_string(qr->modules + 2 * kQuietModules);
  const std::string mm = std::to_string(side_mm) + "mm";
  const std::string quiet = std::to_string(kQuietModules);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + mm + "\" height=\"" +
                    mm + "\" viewBox=\"0 0 " + side + " " + side +
                    "\" shape-rendering=\"crispEdges\">";
  svg += "<title>" + svg_text(title) + "</title>";
  svg += "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#fff\"/>";
  svg += "<path transform=\"translate(" + quiet + " " + quiet + ")\" fill=\"#000\" d=\"" +
         qr->path + "\"/></svg>";
  return svg;
}

std::string svg_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace warmcity::qr
