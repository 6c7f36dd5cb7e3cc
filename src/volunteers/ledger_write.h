// Writing one record into the hours ledger (志愿服务记录, docs/volunteers.md
// "The hours ledger"), for every part that adds one inside its own write job:
// a shift's check-out, a completed errand, a confirmed after-school duty
// day, a manual record, a correction.
// The row is inserted as given; the callers check the rules first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::volunteers {

struct NewRecord {
  int64_t volunteer_id = 0;
  std::optional<int64_t> organiser_org_id;  // null: an organiser with no organisation
  std::string organiser_name;               // as it is now (kept when it is renamed)
  std::string service_date;                 // YYYY-MM-DD
  std::string place;
  std::string content;
  int64_t minutes = 0;  // negative only in a correction
  std::string source;   // "shift" | "errand" | "duty" | "manual" | "correction"
  std::optional<int64_t> source_id;
  std::string state;  // "submitted" | "confirmed"
  std::optional<int64_t> confirmed_by;
  std::optional<int64_t> confirmed_at;
  std::optional<int64_t> corrects_id;
  std::optional<std::string> reason;
  std::optional<int64_t> created_by;  // null: written by the platform
  int64_t created_at = 0;
};

// Inserts the record; its id. A second shift, errand or duty record for the
// same source and volunteer is kConflict (the unique index).
Result<int64_t> insert_record(store::Connection& c, const NewRecord& r);

// Whether the volunteer has a record of that source and source id (an
// errand's, a duty day's): asked before insert_record, since on PostgreSQL a
// refused insert ends the whole job.
Result<bool> source_recorded(store::Connection& c, const std::string& source, int64_t source_id,
                             int64_t volunteer_id);

// The name of an organisation as it is now ("" when there is none).
Result<std::string> organisation_name(store::Connection& c, int64_t org_id);

}  // namespace warmcity::volunteers
