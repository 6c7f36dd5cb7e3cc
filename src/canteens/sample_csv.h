// A canteen's sample log of one day as CSV for the inspectors, opened in
// Excel as used in China: UTF-8 with a byte-order mark (without it Excel
// reads GBK and garbles every 汉字), RFC 4180 records (core/csv.h), Chinese
// column headers, times as "YYYY-MM-DD HH:MM" district time. Text a
// spreadsheet would run as a formula (starting with = + - @, TAB or CR) gets
// a leading apostrophe. Pure.
#pragma once

#include <string>

#include "canteens/sample_service.h"

namespace warmcity::canteens {

std::string sample_day_csv(const SampleDay& day);

}  // namespace warmcity::canteens
