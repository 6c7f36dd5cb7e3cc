// QR codes as SVG, from libqrencode's module matrix (error correction level
// M, 8-bit mode): the path data alone, for a drawing that places the code
// itself (the red proxy card, eldercare/card_svg.h), or a whole SVG document
// of the code with its quiet zone (a certificate's verification address,
// volunteers). Pure but for libqrencode; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace warmcity::qr {

struct QrPath {
  int modules = 0;   // the symbol's width in modules, quiet zone excluded
  std::string path;  // SVG path data: one unit square per dark module, x, y from 0
};

// The QR code of `text` as SVG path data in module units. kInternal when
// libqrencode fails (text too long for any version, out of memory).
Result<QrPath> qr_path(std::string_view text);

// A standalone SVG document of the QR code of `text`: black modules on
// white, the four-module quiet zone around them, `side_mm` millimetres wide
// and high, one module one user unit (viewBox), `title` as its <title>
// (escaped). kInternal as qr_path.
// `s` escaped for an SVG (XML) text node: <, > and & as entities. For every
// SVG drawn around a code (the card, the certificate's QR document).
std::string svg_text(std::string_view s);

Result<std::string> qr_svg(std::string_view text, std::string_view title, double side_mm = 40);

}  // namespace warmcity::qr
