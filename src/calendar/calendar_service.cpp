#include "calendar/calendar_service.h"

#include <optional>
#include <utility>

#include <spdlog/spdlog.h>

#include "calendar/calendar_store.h"
#include "core/calendar_loader.h"
#include "store/change_feed.h"

namespace warmcity::calendar {

namespace {

// The calendar of the stored years; each row must hold exactly its year.
Result<core::Calendar> read_stored(store::Connection& conn) {
  Result<std::vector<StoredYear>> rows = stored_years(conn);
  if (!rows.ok()) return rows.status();
  core::Calendar out;
  for (const StoredYear& row : *rows) {
    Result<core::Calendar> parsed = core::Calendar::parse(row.body);
    if (!parsed.ok() || parsed->known_years() != std::vector<int>{row.year}) {
      return Status::Internal("the stored calendar of " + std::to_string(row.year) +
                              " cannot be read back" +
                              (parsed.ok() ? std::string() : ": " + parsed.status().message()));
    }
    out = out.merged(*parsed);
  }
  return out;
}

// Tells the operator when the calendar in force runs out within
// kCoverageWarningDays (or has run out), once per start and per change.
void log_coverage(const core::Calendar& calendar) {
  const core::LocalDate today = core::local_date_of(core::now_unix());
  const std::optional<core::LocalDate> last = calendar.covered_until(today);
  const int64_t days_left = last ? core::days_from_civil(*last) - core::days_from_civil(today) : -1;
  if (last && days_left > kCoverageWarningDays) {
    spdlog::info("official calendar covers until {}", core::format_date(*last));
    return;
  }
  const int missing = last ? last->year + 1 : today.year;
  spdlog::warn(
      "official calendar covers until {}: load {} (PUT /api/v1/calendar/{} or the web app's "
      "节假日安排 screen); beyond it, opening hours with PH/WD/OD answer unknown and working-day "
      "deadlines count ordinary weeks",
      last ? core::format_date(*last) : std::string("no day of this year"), missing, missing);
}

}  // namespace

Result<core::Calendar> load_calendar_files(const std::string& dir) {
  Result<core::Calendar> loaded = core::load_calendar_dir(dir);
  if (loaded.ok()) return loaded;
  return Status::InvalidArgument("cannot load the official calendar from " + dir + ": " +
                                 loaded.status().message());
}

Result<std::unique_ptr<CalendarService>> CalendarService::open(store::Database& db,
                                                               accounts::AuditLog& audit,
                                                               const std::string& calendar_dir) {
  core::Calendar files;
  if (!calendar_dir.empty()) {
    Result<core::Calendar> loaded = load_calendar_files(calendar_dir);
    if (!loaded.ok()) return loaded.status();
    files = std::move(loaded).value();
  }
  Result<core::Calendar> stored = read_stored(db.reader());
  if (!stored.ok()) return stored.status();
  auto initial = std::make_shared<const core::Calendar>(files.merged(*stored));
  // Commands that load no calendar files (backup, user, …) answer no hours:
  // only a server (or `hours`) is told how far its calendar reaches.
  if (!calendar_dir.empty()) log_coverage(*initial);
  return std::unique_ptr<CalendarService>(new CalendarService(db, audit, std::move(initial)));
}

std::string year_out_of_range(std::string_view year) {
  return "the year " + std::string(year) + " is outside the years " + std::to_string(kFirstYear) +
         " to " + std::to_string(kLastYear);
}

void CalendarService::replace_year(int year, std::vector<core::OfficialDay> days, Editor by,
                                   Done done) {
  if (year < kFirstYear || year > kLastYear) {
    return done(Status::Unprocessable(year_out_of_range(std::to_string(year))));
  }
  // Checks the days and sorts them, without touching the calendar in force.
  Result<core::Calendar> alone = core::Calendar().with_year(year, std::move(days));
  if (!alone.ok()) return done(alone.status());
  std::vector<core::OfficialDay> sorted = alone->days_of_year(year);

  StoredYear row{year, year_text(year, sorted), 0, by.user_id};
  accounts::AuditEntry entry;
  entry.actor_user_id = by.user_id;
  entry.action = "calendar.update";
  entry.subject_type = "calendar_year";
  entry.subject_id = std::to_string(year);
  entry.detail_json = accounts::AuditDetail()
                          .add("year", int64_t{year})
                          .add("days", static_cast<int64_t>(sorted.size()))
                          .str();
  entry.client_address = std::move(by.client_address);

  store::Database::WriteJob save = save_year_job(std::move(row));
  store::Database::WriteJob log = audit_.append_job(std::move(entry));
  db_.submit(
      [year, save = std::move(save), log = std::move(log)](store::Connection& conn) -> Status {
        if (Status s = save(conn); !s.ok()) return s;
        if (Status s = store::record_change(conn, kCalendarTopic, year); !s.ok()) return s;
        return log(conn);
      },
      [this, year, sorted = std::move(sorted), done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        swap_in(year, sorted);
        done(sorted);
      });
}

Status CalendarService::follow(const std::vector<int64_t>& years) {
  // Read under the lock: a year saved here meanwhile is then either in this read or swapped in
  // after it, never overwritten by an older read.
  std::lock_guard<std::mutex> lock(swap_mutex_);
  Result<core::Calendar> stored = read_stored(db_.reader());
  if (!stored.ok()) return stored.status();
  std::vector<int> changed;
  for (int64_t y : years) {
    if (y != 0) changed.push_back(static_cast<int>(y));
  }
  if (changed.size() != years.size()) changed = stored->known_years();  // 0: all of them
  for (int year : changed) {
    std::vector<core::OfficialDay> days = stored->days_of_year(year);
    if (!days.empty()) swap_in_locked(year, days);
  }
  return Status::Ok();
}

void CalendarService::swap_in(int year, const std::vector<core::OfficialDay>& days) {
  std::lock_guard<std::mutex> lock(swap_mutex_);
  swap_in_locked(year, days);
}

void CalendarService::swap_in_locked(int year, const std::vector<core::OfficialDay>& days) {
  // The days passed with_year's checks above, so this cannot fail.
  Result<core::Calendar> next = holder_.get()->with_year(year, days);
  if (!next.ok()) return;
  auto calendar = std::make_shared<const core::Calendar>(std::move(next).value());
  spdlog::info("official calendar: {} replaced ({} days)", year, days.size());
  log_coverage(*calendar);
  holder_.set(std::move(calendar));
}

}  // namespace warmcity::calendar
