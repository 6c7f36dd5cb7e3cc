// A volunteer (docs/volunteers.md "Volunteers"): what is stored, what a
// registration and an edit carry, and the pure rules on them: the ID
// number's shape, the age on a day, who is a minor, the masking of the ID
// number. HTTP-free; the JSON bodies are read in volunteer_input.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace warmcity::volunteers {

inline constexpr int kVolunteerMinAge = 14;    // younger: refused
inline constexpr int kVolunteerAdultAge = 18;  // younger: a guardian's consent

struct Training {
  std::string name;          // 1–40
  std::string completed_on;  // YYYY-MM-DD
};

// A minor's guardian's consent, with who entered it and when.
struct GuardianConsent {
  std::string guardian_name;   // 1–40
  std::string guardian_phone;  // a valid phone
  std::string relation;        // 1–10
  std::optional<int64_t> recorded_by;
  std::optional<int64_t> recorded_at;
};

// A volunteer's membership of a team, current (left_at null) or past.
struct TeamLink {
  int64_t id = 0;  // the team's organisation
  std::string name;
  int64_t joined_at = 0;
  std::optional<int64_t> left_at;
};

// A row of `volunteers` with its memberships. id_type, id_number and
// birth_date are null only for a volunteer made from an account
// (volunteer_from_account.h) until a team admin completes them.
struct VolunteerRow {
  int64_t id = 0;
  std::string volunteer_no;
  std::optional<int64_t> user_id;
  std::string name;
  std::optional<std::string> phone;
  std::optional<std::string> id_type;  // resident_id | passport | other
  std::optional<std::string> id_number;
  std::optional<std::string> birth_date;
  std::optional<std::string> gender;  // female | male
  std::vector<std::string> skills;
  std::string availability;
  std::vector<Training> trainings;
  std::optional<std::string> insurance_until;
  bool public_name = false;
  std::optional<GuardianConsent> guardian;
  std::string status = "active";  // active | left
  std::optional<int64_t> created_by;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::vector<TeamLink> teams;  // by joined_at
};

// POST /api/v1/volunteers: the team and the person (every rule checked but
// the ones that need the database or the day: the age, see check_age).
struct VolunteerFields {
  int64_t team_id = 0;
  std::string name;
  std::string phone;
  std::string id_type;
  std::string id_number;
  std::string birth_date;
  std::optional<std::string> gender;
  std::vector<std::string> skills;
  std::string availability;
  std::vector<Training> trainings;
  std::optional<std::string> insurance_until;
  bool public_name = false;
  std::optional<int64_t> user_id;
  std::optional<GuardianConsent> guardian;
};

// PUT /api/v1/volunteers/{id}: what is present changes. An outer nullopt:
// not given; an inner one: set to null.
struct VolunteerPatch {
  std::optional<std::string> name;
  std::optional<std::string> phone;
  std::optional<std::string> id_type;
  std::optional<std::string> id_number;
  std::optional<std::string> birth_date;
  std::optional<std::optional<std::string>> gender;
  std::optional<std::vector<std::string>> skills;
  std::optional<std::string> availability;
  std::optional<std::vector<Training>> trainings;
  std::optional<std::optional<std::string>> insurance_until;
  std::optional<bool> public_name;
  std::optional<std::optional<int64_t>> user_id;
  std::optional<std::string> status;
  std::optional<std::optional<GuardianConsent>> guardian;
};

// True when `id_number` is 18 characters: 17 ASCII digits and a digit or
// 'X' (a resident ID's shape; the check digit itself is not verified).
bool is_resident_id_shaped(std::string_view id_number);

// Whole years from `birth` to `on` (YYYY-MM-DD each; a 29 February birthday
// comes on 1 March in other years); nullopt when either is no date.
std::optional<int> volunteer_age(std::string_view birth, core::LocalDate on);

// The registration rule on the age on the day of registration: under 14
// refused (422 birth_date), under 18 without a guardian's consent refused
// (422 guardian_consent). OK otherwise (and with no birth date at all).
Status check_age(const std::optional<std::string>& birth_date,
                 const std::optional<GuardianConsent>& guardian, core::LocalDate registered_on);

// The rules on a whole volunteer after an edit (formats are checked when
// the body is read): the ID type and number come together, a resident ID
// has its shape (422 id_number), and check_age on the registration day.
Status check_volunteer(const VolunteerRow& v, core::LocalDate registered_on);

// The ID number as shown to all but the team staff: its first 3 and last 2
// characters with one '*' for each between (all '*' when it has 5 or fewer).
std::string mask_id_number(std::string_view id_number);

// The changes `p` makes to `v` applied (teams and the number untouched);
// the names of the fields whose value changes, in the contract's order, in
// `changed`. The guardian's consent gets `by` and `now` when it changes.
VolunteerRow apply_patch(const VolunteerRow& v, const VolunteerPatch& p, int64_t by, int64_t now,
                         std::vector<std::string>& changed);

}  // namespace warmcity::volunteers
