// The QR code of a red proxy card, drawn as SVG from libqrencode's module
// matrix (Debian's libqrencode-dev). The code holds the card number only.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace warmcity::eldercare {

struct QrPath {
  int modules = 0;   // the symbol's width in modules, quiet zone excluded
  std::string path;  // SVG path data: one unit square per dark module, x, y from 0
};

// The QR code of `text` (error correction level M, 8-bit mode), as SVG path
// data in module units. kInternal when libqrencode fails.
Result<QrPath> qr_path(std::string_view text);

}  // namespace warmcity::eldercare
