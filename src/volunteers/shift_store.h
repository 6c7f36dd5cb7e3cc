// The shifts' and sign-ups' rows (volunteer_shifts, volunteer_signups in
// volunteer_migrations.cpp), read and written in the caller's connection
// (reads on a reader, writes inside the caller's write job). SQL both
// engines run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"
#include "volunteers/shift_rules.h"

namespace warmcity::volunteers {

// A shift with what it is on: its occurrence's date and status, its
// activity's organiser and status, and how many are signed up.
struct ShiftRow {
  int64_t id = 0;
  int64_t occurrence_id = 0;
  std::string title;
  int64_t starts_at = 0;  // unix seconds
  int64_t ends_at = 0;
  int64_t capacity = 0;
  int64_t min_age = 0;
  bool risky = false;
  std::optional<std::string> training;
  std::optional<int64_t> team_org_id;
  std::string code;
  std::string status;  // active | cancelled
  int64_t created_by = 0;
  int64_t created_at = 0;
  // A cancelled shift's: why, by whom, when (all nullopt while active).
  std::optional<std::string> cancel_reason;
  std::optional<int64_t> cancelled_by;
  std::optional<int64_t> cancelled_at;
  // Joined.
  std::string date;  // the occurrence's local date
  std::string occurrence_status;
  int64_t activity_id = 0;
  int64_t organiser_org_id = 0;
  std::string activity_status;
  int64_t signed_up = 0;   // sign-ups with status signed
  int64_t checked_in = 0;  // of those, the ones checked in
};

// A sign-up with its volunteer's number and name.
struct SignupRow {
  int64_t id = 0;
  int64_t shift_id = 0;
  int64_t volunteer_id = 0;
  std::string volunteer_no;
  std::string volunteer_name;
  std::optional<int64_t> volunteer_user_id;
  std::string status;  // signed | cancelled
  int64_t signed_by = 0;
  int64_t signed_at = 0;
  std::optional<int64_t> cancelled_at;
  std::optional<int64_t> checked_in_at;
  std::optional<int64_t> checked_in_by;
  std::optional<int64_t> checked_out_at;
  std::optional<int64_t> checked_out_by;
  int64_t code_failures = 0;
  std::optional<int64_t> minutes;
  std::optional<int64_t> record_id;
};

// nullopt when there is no such shift.
Result<std::optional<ShiftRow>> load_shift(store::Connection& c, int64_t id);
// The occurrence's shifts, by start then id.
Result<std::vector<ShiftRow>> shifts_of_occurrence(store::Connection& c, int64_t occurrence_id);
// The team's shifts starting in [from, until) (unix seconds), cancelled ones
// too, by start then id, at most `limit`.
Result<std::vector<ShiftRow>> shifts_of_team(store::Connection& c, int64_t team_org_id,
                                             int64_t from, int64_t until, int64_t limit);
// Inserts the row's own columns (id, joined fields ignored); its id.
Result<int64_t> insert_shift(store::Connection& c, const ShiftRow& s);
// Marks an active shift cancelled with why, by whom and when.
Status cancel_shift_row(store::Connection& c, int64_t id, const std::string& reason, int64_t by,
                        int64_t at);

// nullopt when there is no such sign-up.
Result<std::optional<SignupRow>> load_signup(store::Connection& c, int64_t id);
// The shift's sign-ups, cancelled ones too, by id.
Result<std::vector<SignupRow>> signups_of_shift(store::Connection& c, int64_t shift_id);
// The volunteer's sign-ups, cancelled ones too, newest first, at most `limit`.
Result<std::vector<SignupRow>> signups_of_volunteer(store::Connection& c, int64_t volunteer_id,
                                                    int64_t limit);
// Whether the volunteer holds a signed (not cancelled) sign-up on the shift.
Result<bool> is_signed_up(store::Connection& c, int64_t shift_id, int64_t volunteer_id);
Result<int64_t> insert_signup(store::Connection& c, int64_t shift_id, int64_t volunteer_id,
                              int64_t by, int64_t at);
Status cancel_signup_row(store::Connection& c, int64_t id, int64_t at);
// Cancels the shift's signed sign-ups that have not checked in; how many.
Result<int64_t> cancel_open_signups(store::Connection& c, int64_t shift_id, int64_t at);
Status set_checked_in(store::Connection& c, int64_t id, int64_t at, std::optional<int64_t> by);
Status set_checked_out(store::Connection& c, int64_t id, int64_t at, std::optional<int64_t> by,
                       int64_t minutes, int64_t record_id);
// One more wrong code for the sign-up.
Status add_code_failure(store::Connection& c, int64_t id);

// What the sign-up rules read of a volunteer; nullopt when there is none.
Result<std::optional<SignupVolunteer>> load_signup_volunteer(store::Connection& c,
                                                             int64_t volunteer_id);

// Whether `org_id` is an organisation of kind volunteer_team.
Result<bool> is_volunteer_team(store::Connection& c, int64_t org_id);

// Confirms the shift's ledger records still submitted (the ledger's one
// update: state, confirmed_by, confirmed_at); how many.
Result<int64_t> confirm_shift_records(store::Connection& c, int64_t shift_id, int64_t by,
                                      int64_t at);

}  // namespace warmcity::volunteers
