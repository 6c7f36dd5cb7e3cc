// The rules of a volunteer shift that need no database (docs/volunteers.md
// "Shifts"): the minutes a check-in and a check-out count, when check-in is
// open, whether a volunteer may sign up for a shift on its day, and the dates
// a team's shift list covers. Pure functions; the service (shift_service.h)
// reads the facts and applies them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "volunteers/volunteer.h"

namespace warmcity::volunteers {

// Time at the place counted around a shift: 30 minutes on each side.
constexpr int64_t kShiftGraceSeconds = 30 * 60;
// Check-in opens this long before the start.
constexpr int64_t kCheckInEarlySeconds = 60 * 60;
// Wrong codes a sign-up may give before the code way is closed to it.
constexpr int64_t kMaxCodeFailures = 5;

// The minutes counted for a check-in and a check-out (unix seconds): the time
// between them that falls within [starts_at − 30 min, ends_at + 30 min],
// whole minutes rounded down; 0 when they do not overlap it or out ≤ in.
int64_t counted_minutes(int64_t checked_in_at, int64_t checked_out_at, int64_t starts_at,
                        int64_t ends_at);

// Whether a check-in at `at` is in the shift's window: from 60 minutes before
// the start to the end (both included).
bool check_in_open(int64_t at, int64_t starts_at, int64_t ends_at);

// The trainings (volunteer.h) in the JSON array of a volunteer row ([{name, completed_on}]);
// entries that are not such objects are skipped.
std::vector<Training> parse_trainings(std::string_view json);

// What the sign-up rules read of a volunteer.
struct SignupVolunteer {
  std::string status;                          // active | left
  std::optional<std::string> birth_date;       // YYYY-MM-DD, or none (made from an account)
  std::optional<std::string> insurance_until;  // the last day covered
  std::vector<Training> trainings;
};

// What they read of a shift.
struct ShiftNeeds {
  core::LocalDate day;  // the occurrence's date
  int64_t min_age = 0;
  bool risky = false;
  std::optional<std::string> training;
};

// The refusal code of a volunteer's sign-up by their facts, checked in this
// order: "volunteer_left", "too_young" (age on the day by volunteer_age below
// min_age; an unknown birth date is too young for any min_age above 0), "no_insurance"
// (risky and insurance missing or ending before the day), "no_training"
// (the training missing or completed after the day); "" when they may.
std::string signup_refusal(const SignupVolunteer& v, const ShiftNeeds& s);

// The dates a team's shift list covers (GET /volunteer-teams/{id}/shifts),
// both included.
struct DatePeriod {
  core::LocalDate from;
  core::LocalDate to;
};
// Without `to`, the list runs this many days after `from`.
constexpr int64_t kTeamShiftDefaultDays = 30;
// At most this many days in all (a quarter: to ≤ from + 91).
constexpr int64_t kTeamShiftMaxDays = 92;
// `from` and `to` as the query gives them (nullopt: absent): `from` defaults
// to `today`, `to` to `from` + 30 days. kUnprocessable naming `from` or `to`
// when one is no date YYYY-MM-DD, `to` when it is before `from` or more than
// 92 days in all.
Result<DatePeriod> team_shift_period(const std::optional<std::string>& from,
                                     const std::optional<std::string>& to, core::LocalDate today);

// "HH:MM" (00:00–23:59) as minutes after midnight; nullopt otherwise.
std::optional<int> parse_clock(std::string_view hh_mm);
// Minutes after midnight as "HH:MM".
std::string format_clock(int minutes);

}  // namespace warmcity::volunteers
