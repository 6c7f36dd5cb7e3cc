// CalendarService: the official calendar the server answers with, and how an
// admin replaces one year of it at run time.
//
// Owns a core::CalendarHolder. open() fills it from the files in the
// calendar directory (data/calendar/<year>.txt) and then from the years an
// admin stored before (table calendar_years, calendar_store.h); a stored year
// replaces the file's. replace_year() writes the year and its audit entry
// (action "calendar.update") in ONE write job, and only after that commit
// swaps the holder, so the next request sees the new year and a restart
// finds it again. Both log how far the calendar now reaches (a warning when
// it runs out within kCoverageWarningDays).
//
// Lifetime: REQUIRES `db` and `audit` to outlive the service and the service
// to outlive serving (route handlers and write callbacks refer to it).
// Threads: current() is one atomic load, safe from any thread; replace_year()
// may be called from any thread and calls `done` once, on the writer thread
// (or at once on the caller's thread when the days are refused).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/audit.h"
#include "core/calendar.h"
#include "core/calendar_holder.h"
#include "core/status.h"
#include "core/time.h"
#include "store/database.h"

namespace warmcity::calendar {

// From this many days before the calendar in force runs out, starting the
// server and loading a year log a warning (the web app's admin banner uses
// the same number, web/js/calendar_banner.js).
inline constexpr int kCoverageWarningDays = 60;

// The years a calendar may be kept for: those warmcity takes anywhere.
inline constexpr int kFirstYear = core::kFirstYear;  // 1970
inline constexpr int kLastYear = core::kLastYear;    // 9999
// "the year 1969 is outside the years 1970 to 9999", for a refusal.
std::string year_out_of_range(std::string_view year);

// Who replaces a year, for the audit log.
struct Editor {
  int64_t user_id = 0;
  std::string client_address;
};

// Every <year>.txt file in `dir` (core::load_calendar_dir); an error names
// the directory: kInvalidArgument when it is missing or a file is not valid.
Result<core::Calendar> load_calendar_files(const std::string& dir);

// The change feed's topic (store/change_feed.h): a replaced year (the year).
inline constexpr const char* kCalendarTopic = "calendar";

class CalendarService {
 public:
  // The year's days as stored (sorted by date), or why nothing was stored.
  using Done = std::function<void(Result<std::vector<core::OfficialDay>>)>;

  // Reads the directory (skipped when `calendar_dir` is empty) and the stored
  // years. kInvalidArgument naming the directory when it is missing or a file
  // in it is not valid; kInternal when a stored year cannot be read back.
  static Result<std::unique_ptr<CalendarService>> open(store::Database& db,
                                                       accounts::AuditLog& audit,
                                                       const std::string& calendar_dir);

  CalendarService(const CalendarService&) = delete;
  CalendarService& operator=(const CalendarService&) = delete;

  // The calendar now in force. Keep the pointer for one request.
  std::shared_ptr<const core::Calendar> current() const { return holder_.get(); }

  // Replaces (or adds) `year` with `days`, durably and audited, then swaps.
  // kUnprocessable when the year lies outside kFirstYear..kLastYear or the
  // days break core::Calendar::with_year's rules (see year_days.h for the
  // per-field checks the route does first).
  void replace_year(int year, std::vector<core::OfficialDay> days, Editor by, Done done);
  // Another instance replaced `years` (0: any): reads them back from the
  // store and swaps them in. From the change feed's thread.
  Status follow(const std::vector<int64_t>& years);

 private:
  CalendarService(store::Database& db, accounts::AuditLog& audit,
                  std::shared_ptr<const core::Calendar> initial)
      : db_(db), audit_(audit), holder_(std::move(initial)) {}

  // Runs after the commit, on the store's answerer thread.
  void swap_in(int year, const std::vector<core::OfficialDay>& days);
  void swap_in_locked(int year, const std::vector<core::OfficialDay>& days);  // holds swap_mutex_

  store::Database& db_;
  accounts::AuditLog& audit_;
  core::CalendarHolder holder_;
  std::mutex swap_mutex_;  // serialises read-modify-set of holder_ (a follow's read too)
};

}  // namespace warmcity::calendar
