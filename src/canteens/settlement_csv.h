// A canteen's month for the civil-affairs bureau as CSV, opened in Excel as
// used in China: UTF-8 with a byte-order mark, RFC 4180 records
// (core/csv.h), Chinese headers, amounts in yuan with two decimals, times as
// "YYYY-MM-DD HH:MM" district time, text a spreadsheet would run as a
// formula defused (core::csv_defused). One record per meal of the month
// (settlement.h: served, delivered, cancelled late), the diner's name
// masked; then an empty record and the month's adjustments under their own
// header. Pure.
#pragma once

#include <string>

#include "canteens/settlement_service.h"

namespace warmcity::canteens {

std::string settlement_csv(const SettlementLines& month);

}  // namespace warmcity::canteens
