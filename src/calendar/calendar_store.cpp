#include "calendar/calendar_store.h"

#include <utility>

#include "calendar/calendar_module.h"
#include "core/time.h"

namespace warmcity::calendar {

std::vector<store::Migration> migrations() {
  return {{"calendar", 1, R"SQL(
    CREATE TABLE calendar_years (
      year BIGINT NOT NULL PRIMARY KEY,
      body TEXT NOT NULL,
      updated_at BIGINT,
      updated_by BIGINT
    );
  )SQL"}};
}

std::string year_text(int year, const std::vector<core::OfficialDay>& days) {
  std::string out = "year " + std::to_string(year) + "\n";
  for (const core::OfficialDay& d : days) {
    out += core::format_date(d.date);
    out += d.kind == core::DayKind::kWorkday ? " workday" : " holiday";
    if (!d.name.empty()) out += " " + d.name;
    out += "\n";
  }
  return out;
}

Result<std::vector<StoredYear>> stored_years(store::Connection& conn) {
  auto stmt =
      conn.prepare("SELECT year, body, updated_at, updated_by FROM calendar_years ORDER BY year");
  if (!stmt.ok()) return stmt.status();
  std::vector<StoredYear> out;
  while (true) {
    auto row = stmt->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(StoredYear{static_cast<int>(stmt->column_int64(0)), stmt->column_text(1),
                             stmt->column_int64_opt(2).value_or(0), stmt->column_int64_opt(3)});
  }
  return out;
}

store::Database::WriteJob save_year_job(StoredYear y) {
  return [y = std::move(y)](store::Connection& conn) -> Status {
    auto stmt = conn.prepare(
        "INSERT INTO calendar_years (year, body, updated_at, updated_by) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (year) DO UPDATE SET body = excluded.body, "
        "updated_at = excluded.updated_at, updated_by = excluded.updated_by");
    if (!stmt.ok()) return stmt.status();
    stmt->bind(1, y.year).bind(2, y.body).bind(3, core::now_unix()).bind(4, y.updated_by);
    return stmt->run();
  };
}

}  // namespace warmcity::calendar
