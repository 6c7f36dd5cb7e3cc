#include "core/local_month.h"

#include <cstdio>

#include "core/time.h"

namespace warmcity::core {

std::string Month::text() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

Result<Month> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return Status::InvalidArgument("a month is YYYY-MM");
  Result<LocalDate> first = parse_date(std::string(text) + "-01");
  if (!first.ok()) return Status::InvalidArgument("a month is YYYY-MM");
  Month m{first->year, first->month};
  m.from = local_midnight_unix(*first);
  const LocalDate next =
      m.month == 12 ? LocalDate{m.year + 1, 1, 1} : LocalDate{m.year, m.month + 1, 1};
  m.until = local_midnight_unix(next);
  return m;
}

Month month_of(int64_t unix_seconds) {
  const LocalDate d = local_date_of(unix_seconds);
  const LocalDate next =
      d.month == 12 ? LocalDate{d.year + 1, 1, 1} : LocalDate{d.year, d.month + 1, 1};
  return Month{d.year, d.month, local_midnight_unix({d.year, d.month, 1}),
               local_midnight_unix(next)};
}

}  // namespace warmcity::core
