// The printable red proxy card: an SVG of a bank-card-sized card (85.6 ×
// 54 mm) with the number, the team's and the residents' committee's phones
// and a QR code holding the card number only. No personal data is on it.
#pragma once

#include <string>

#include "core/status.h"
#include "eldercare/card_store.h"

namespace warmcity::eldercare {

Result<std::string> card_svg(const Card& card);

}  // namespace warmcity::eldercare
