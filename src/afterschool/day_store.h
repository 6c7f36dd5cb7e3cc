// The day's rows (afterschool_attendance) and what a check-out reads of a
// child's pickup adults. SQL both engines run; call inside the write job
// that acts (or on a reader for lists). Every lookup goes by an index of
// the migration: attendance by UNIQUE (programme_id, day, child_id), a
// child's adults by child_pickup_adults' primary key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "afterschool/day.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::afterschool {

// The child's attendance in the programme on `day`, or nullopt.
Result<std::optional<Attendance>> find_attendance(store::Connection& c, int64_t programme_id,
                                                  const std::string& day, int64_t child_id);
// Every attendance of the programme on `day`.
Result<std::vector<Attendance>> attendances_of_day(store::Connection& c, int64_t programme_id,
                                                   const std::string& day);
// Inserts the check-in (id, the check-out fields, late and code_failures
// ignored); answers the new id. kConflict when the child is already in.
Result<int64_t> insert_attendance(store::Connection& c, const Attendance& a);
// One more wrong code on the attendance.
Status add_code_failure(store::Connection& c, int64_t attendance_id);
// Writes the check-out fields and late of `a` (by a.id), only while it is
// still open (kConflict already_checked_out otherwise).
Status write_check_out(store::Connection& c, const Attendance& a);

// Whether the child exists and is not erased.
Result<bool> child_known(store::Connection& c, int64_t child_id);
// The pickup adults linked to the child, revoked and expired included.
Result<std::vector<PickupAdultFacts>> pickup_adults_of(store::Connection& c, int64_t child_id);

}  // namespace warmcity::afterschool
