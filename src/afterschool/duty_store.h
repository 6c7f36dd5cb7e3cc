// The session days' duty confirmations in the database
// (afterschool_duty_confirmations, duty_confirmation.h): reads and writes on
// a connection, inside the caller's read or write job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::afterschool {

struct DutyConfirmation {
  int64_t id = 0;
  int64_t programme_id = 0;
  std::string day;  // YYYY-MM-DD
  int64_t minutes = 0;
  int64_t adults = 0;
  int64_t volunteers = 0;
  int64_t confirmed_by = 0;
  std::string confirmed_by_name;  // the user's display name (read, not written)
  int64_t confirmed_at = 0;
};

Result<std::optional<DutyConfirmation>> find_duty_confirmation(store::Connection& c,
                                                               int64_t programme_id,
                                                               const std::string& day);
// Its id; kAlreadyExists when the day is confirmed already (the unique index).
Result<int64_t> insert_duty_confirmation(store::Connection& c, const DutyConfirmation& d);

}  // namespace warmcity::afterschool
