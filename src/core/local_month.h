// A month of district time (Asia/Shanghai, +08:00) as the reports count it:
// "2026-11" is [2026-11-01 00:00 +08:00, 2026-12-01 00:00 +08:00). Written
// once for the rates, the appeal counts and the elder-care counts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace warmcity::core {

struct Month {
  int year = 0;
  int month = 0;             // 1..12
  int64_t from = 0;          // unix seconds of its first 00:00 +08:00
  int64_t until = 0;         // … of the next month's
  std::string text() const;  // "2026-11"
};

// kInvalidArgument ("a month is YYYY-MM") unless `yyyy_mm` names a month.
Result<Month> parse_month(std::string_view yyyy_mm);
// The district-time month `unix_seconds` lies in.
Month month_of(int64_t unix_seconds);

}  // namespace warmcity::core
