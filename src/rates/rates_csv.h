// The rates as CSV for Excel as used in China: UTF-8 with a byte-order mark
// (without it Excel reads the file as GBK and garbles every 汉字), RFC 4180
// (CRLF line ends; a field holding a comma, quote, CR or LF is quoted and
// its quotes doubled), Chinese column headers with the English key after a
// slash, percentages as numbers with two decimals. A name starting with
// =, +, -, @, TAB or CR gets a leading apostrophe so Excel never runs it as
// a formula. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rates/rates.h"

namespace warmcity::rates {

// One RFC 4180 field.
std::string csv_field(std::string_view text);
// `cells` joined as one record, CRLF-terminated.
std::string csv_record(const std::vector<std::string>& cells);

// BOM, the header, one record per row, then the total row (名称 "合计").
std::string rates_csv(const std::vector<Row>& rows, const Row& total);

}  // namespace warmcity::rates
