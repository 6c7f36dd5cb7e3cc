// SQL for table calendar_years: the years of the official calendar an admin
// has loaded at run time. `body` holds one year in the text format of the
// files in data/calendar/ (read by core::Calendar::parse), so a stored year
// can be copied to a file and back. Times are unix seconds (UTC).
//
// REQUIRES: the migrations of module "calendar" (calendar_module.h).
// Reads take the caller's connection; writes are jobs for the writer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/status.h"
#include "store/connection.h"
#include "store/database.h"

namespace warmcity::calendar {

struct StoredYear {
  int year = 0;
  std::string body;  // data/calendar/<year>.txt format
  int64_t updated_at = 0;
  std::optional<int64_t> updated_by;  // user id; nullopt: the system
};

// `days` as the text of one year's file: "year YYYY", then one line per day.
// REQUIRES: every day lies in `year` and its name is one line.
std::string year_text(int year, const std::vector<core::OfficialDay>& days);

// Every stored year, oldest year first.
Result<std::vector<StoredYear>> stored_years(store::Connection& conn);

// A write job that inserts or replaces the row of `y.year`, stamping
// updated_at with the time the job runs.
store::Database::WriteJob save_year_job(StoredYear y);

}  // namespace warmcity::calendar
