// The sign-ups' rows (activity_signups) and the facts of an occurrence a
// sign-up needs, on the connection the caller gives (a reader, or a write
// job's). One SQL for both engines. The places and the line themselves
// move only through places.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "activities/signup.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::activities {

// What a sign-up needs to know of its occurrence and activity.
struct OccurrenceFacts {
  int64_t id = 0;
  int64_t activity_id = 0;
  int64_t organiser_org_id = 0;
  std::string title;
  std::string local_date;
  int64_t starts_at = 0;
  int64_t ends_at = 0;
  bool cancelled = false;  // the occurrence or its whole activity
  AgeLimits ages;
};

struct SignupRecord {
  int64_t id = 0;
  int64_t occurrence_id = 0;
  std::optional<int64_t> user_id;
  std::optional<int64_t> by_user;
  std::string name;
  std::string phone;
  std::string status;
  std::optional<int64_t> offer_expires_at;
  std::string code;
  std::string attendance;
  int64_t created_at = 0;
  int64_t position = 0;  // waiting: 1 = next; else 0 (filled by the readers below)
  bool active() const {
    return status == "confirmed" || status == "waiting" || status == "offered";
  }
  bool by_staff() const { return by_user.has_value(); }
};

// A caller's sign-up with what "my sign-ups" shows of its occurrence.
struct MySignup {
  SignupRecord signup;
  OccurrenceFacts occurrence;
  std::string occurrence_status;          // 'scheduled' or 'cancelled'
  std::optional<std::string> venue_name;  // none for an activity at an address
  std::string address;                    // the venue's, or the activity's own
};

Result<std::optional<OccurrenceFacts>> get_occurrence_facts(store::Connection& c,
                                                            int64_t occurrence_id);
// The sign-up with its line position.
Result<std::optional<SignupRecord>> get_signup(store::Connection& c, int64_t id);
// The user's latest sign-up on the occurrence.
Result<std::optional<SignupRecord>> latest_signup_of(store::Connection& c, int64_t occurrence_id,
                                                     int64_t user_id);
// Every sign-up of the occurrence in line order (id), with positions.
Result<std::vector<SignupRecord>> signups_of(store::Connection& c, int64_t occurrence_id);
// The user's sign-ups: upcoming (occurrences not yet ended, by start) or
// past (ended, newest first), at most `limit`.
Result<std::vector<MySignup>> signups_of_user(store::Connection& c, int64_t user_id, bool upcoming,
                                              int64_t now, int limit);

// The account's name and phone (nullopt when the user is gone).
struct Contact {
  std::string name;
  std::optional<std::string> phone;
};
Result<std::optional<Contact>> contact_of_user(store::Connection& c, int64_t user_id);

// True when the phone holds an active sign-up on the occurrence.
Result<bool> phone_is_signed_up(store::Connection& c, int64_t occurrence_id,
                                std::string_view phone);
// True when the code is an active sign-up's on the occurrence.
Result<bool> code_in_use(store::Connection& c, int64_t occurrence_id, std::string_view code);
// The newest active sign-up with that code on the occurrence.
Result<std::optional<SignupRecord>> active_signup_with_code(store::Connection& c,
                                                            int64_t occurrence_id,
                                                            std::string_view code);

// Inserts a sign-up (status confirmed or waiting); returns its id.
Result<int64_t> insert_signup(store::Connection& c, const SignupRecord& r, int64_t now);
// Moves a sign-up from `from` to `to` (offer_expires_at cleared); false when
// it was no longer in `from`.
Result<bool> move_signup(store::Connection& c, int64_t id, std::string_view from,
                         std::string_view to, int64_t now);
Status set_signup_attendance(store::Connection& c, int64_t id, std::string_view attendance,
                             int64_t by_user, int64_t now);

}  // namespace warmcity::activities
