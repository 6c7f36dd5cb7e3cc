// A programme of after-school care (docs/afterschool.md "Programmes"), pure:
// the body of a new programme or of its edit, read and checked (each refusal
// a 422 naming its field, unknown fields refused); the session days (in the
// term, not an official holiday, one of its weekdays and not a make-up day,
// or a make-up day when it runs on them); the staffing rule; and when a staff
// member's background check is due again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/calendar.h"
#include "core/status.h"
#include "core/time.h"

namespace warmcity::afterschool {

// The adults a day needs: min_adults up to base_children children, one more
// per per_extra_children begun above.
struct Staffing {
  int64_t min_adults = 2;
  int64_t base_children = 25;
  int64_t per_extra_children = 20;
};

// A row of afterschool_programmes.
struct Programme {
  int64_t id = 0;
  int64_t organiser_org_id = 0;
  int64_t site_id = 0;
  std::string name;
  std::string weekdays;    // the digits of its weekdays, ascending: "12345" (1 Monday … 7 Sunday)
  std::string start_time;  // "HH:MM"
  std::string end_time;    // "HH:MM"
  int64_t capacity = 0;
  std::string term_start;  // "YYYY-MM-DD"
  std::string term_end;
  bool on_makeup_days = false;
  Staffing staffing;
  std::string status;  // active | closed
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Whether a date has a session, and why not.
struct SessionDay {
  bool open = false;
  std::string reason;        // "" when open, else outside_term | holiday | makeup_day | weekday
  std::string holiday_name;  // the holiday's name when reason is holiday (may be "")
};

inline constexpr int kMaxStaff = 50;
inline constexpr int kMaxTermDays = 400;

// The fields of a new programme (POST /api/v1/afterschool-programmes).
// organiser_org_id is optional (activities::require_organiser decides).
struct ProgrammeFields {
  std::optional<int64_t> organiser_org_id;
  int64_t site_id = 0;
  std::string name;
  std::string weekdays;  // normalised: ascending digits
  std::string start_time;
  std::string end_time;
  int64_t capacity = 0;
  std::string term_start;
  std::string term_end;
  bool on_makeup_days = false;
  Staffing staffing;
};
Result<ProgrammeFields> read_programme(const nlohmann::json& body);

// PUT /api/v1/afterschool-programmes/{id}: any of the fields plus status.
// The whole is checked against the programme it edits by apply_patch (start
// before end, the term's order and length); a new organiser is the
// service's question (the caller must organise for it).
struct ProgrammePatch {
  std::optional<int64_t> organiser_org_id;
  std::optional<int64_t> site_id;
  std::optional<std::string> name;
  std::optional<std::string> weekdays;
  std::optional<std::string> start_time;
  std::optional<std::string> end_time;
  std::optional<int64_t> capacity;
  std::optional<std::string> term_start;
  std::optional<std::string> term_end;
  std::optional<bool> on_makeup_days;
  std::optional<Staffing> staffing;
  std::optional<std::string> status;
};
Result<ProgrammePatch> read_programme_patch(const nlohmann::json& body);
// The names of the fields a patch sets, in the body's order of the contract
// (for the audit entry).
std::vector<std::string> patched_fields(const ProgrammePatch& patch);
// The programme with the patch applied, or a 422 naming the field at fault.
Result<Programme> apply_patch(Programme p, const ProgrammePatch& patch);

// One entry of a staff list (PUT …/staff).
struct StaffEntry {
  int64_t user_id = 0;
  std::string role;  // staff | volunteer
  std::string background_checked_on;
};
// `{staff: [...]}`, at most kMaxStaff, no user twice, each check date not
// after `today`. Whether the users exist is the service's question.
Result<std::vector<StaffEntry>> read_staff_list(const nlohmann::json& body, core::LocalDate today);
// `{user_ids: [...]}` (0–kMaxStaff distinct ids).
Result<std::vector<int64_t>> read_duty(const nlohmann::json& body);

SessionDay session_day(const Programme& p, core::LocalDate date, const core::Calendar& calendar);
int64_t adults_needed(const Staffing& s, int64_t children);
// Minutes after midnight of the programme's start_time / end_time.
int start_minute(const Programme& p);
int end_minute(const Programme& p);

// The day the background check checked on `checked_on` is due again (a year
// later; 29 February → 28 February), and whether it is due on `today`.
std::string recheck_due_on(const std::string& checked_on);
bool recheck_due(const std::string& checked_on, core::LocalDate today);

}  // namespace warmcity::afterschool
