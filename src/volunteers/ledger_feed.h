// A record another module adds by itself (docs/volunteers.md "The hours
// ledger"): a completed errand (errand_feed.h), a confirmed after-school duty
// day (duty_feed.h). What they share, written once: the user's volunteer
// (made from their account when they have none), one record per source and
// volunteer, confirmed and created by the platform.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::volunteers {

struct FedRecord {
  int64_t user_id = 0;  // the volunteer's account
  std::string source;   // "errand" | "duty"
  int64_t source_id = 0;
  std::optional<int64_t> organiser_org_id;
  std::string organiser_name;  // as it is now (cut to 60 characters)
  std::string service_date;    // YYYY-MM-DD
  std::string place;           // cut to 200 characters
  std::string content;         // cut to 200 characters
  int64_t minutes = 0;         // above 1440 counts as 1440
  int64_t confirmed_by = 0;
  int64_t confirmed_at = 0;  // unix seconds; also the record's created_at
};

// Inside the caller's write job. A user who has that source's record
// already gets nothing (checked first: on PostgreSQL a refused insert would
// end the whole job). NotFound: no such user.
Status record_fed(store::Connection& c, const FedRecord& f);

}  // namespace warmcity::volunteers
