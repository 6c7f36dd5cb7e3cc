#include "eldercare/card_qr.h"

#include <qrencode.h>

#include <memory>
#include <string>

namespace warmcity::eldercare {

Result<QrPath> qr_path(std::string_view text) {
  const std::string s(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(s.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) return Status::Internal("libqrencode could not encode the card number");
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

}  // namespace warmcity::eldercare
