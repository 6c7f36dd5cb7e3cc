// The QR code of a red proxy card holds the card number only; it is drawn
// by the shared QR library (qr/qr.h), named here as the card's code.
#pragma once

#include "qr/qr.h"

namespace warmcity::eldercare {

using qr::qr_path;
using qr::QrPath;

}  // namespace warmcity::eldercare
