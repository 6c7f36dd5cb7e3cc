// The shifts' JSON (shift_json.h).
#include "volunteers/shift_json.h"

#include <algorithm>
#include <cstdint>

#include "accounts/resident_codes.h"
#include "core/text.h"
#include "core/time.h"
#include "core/utf8.h"
#include "http/json_input.h"
#include "http/problem.h"
#include "volunteers/volunteer_number.h"

namespace warmcity::volunteers {

namespace {

using nlohmann::ordered_json;

ordered_json shift_opt_time(const std::optional<int64_t>& t) {
  return t ? ordered_json(core::format_rfc3339(*t)) : ordered_json();
}

template <class T>
ordered_json shift_opt(const std::optional<T>& v) {
  return v ? ordered_json(*v) : ordered_json();
}

// "HH:MM" of an instant on the shift's day.
std::string shift_clock_of(int64_t t, const std::string& date) {
  Result<core::LocalDate> d = core::parse_date(date);
  const int64_t midnight = d.ok() ? core::local_midnight_unix(*d) : t - t % 86400;
  return format_clock(static_cast<int>((t - midnight) / 60));
}

}  // namespace

Result<NewShift> read_new_shift(const nlohmann::json& body) {
  http::FieldReader in(body);
  NewShift f;
  std::optional<std::string> title = in.required_string("title", 1, 60);
  std::optional<std::string> starts = in.required_string("starts_at", 5, 5);
  std::optional<std::string> ends = in.required_string("ends_at", 5, 5);
  std::optional<int64_t> capacity = in.required_int("capacity", 1, 500);
  f.min_age = in.optional_int("min_age", 0, 100);
  f.risky = in.optional_bool("risky").value_or(false);
  f.training = in.optional_string("training", 1, 40);
  f.team_id = in.optional_int("team_id", 1, INT64_MAX);
  in.reject_unknown();
  // Minutes after midnight, or -1 when absent or no time.
  const int start = starts ? parse_clock(*starts).value_or(-1) : -1;
  const int end = ends ? parse_clock(*ends).value_or(-1) : -1;
  if (starts && start < 0) in.fail("starts_at", "a time HH:MM");
  if (ends && end < 0) in.fail("ends_at", "a time HH:MM");
  if (start >= 0 && end >= 0 && end <= start) in.fail("ends_at", "after starts_at");
  if (!in.ok()) return in.status();
  f.title = std::move(*title);
  f.start_minute = start;
  f.end_minute = end;
  f.capacity = *capacity;
  return f;
}

Result<SignupFor> read_signup_body(const nlohmann::json& body) {
  http::FieldReader in(body);
  SignupFor who;
  who.volunteer_id = in.optional_int("volunteer_id", 1, INT64_MAX);
  who.volunteer_no = in.optional_string("volunteer_no", 1, 20);
  in.reject_unknown();
  if (who.volunteer_no) {
    // Typed as read out: blanks around it and a lower-case v are forgiven.
    std::string no(core::trim_blanks(*who.volunteer_no));
    if (!no.empty() && no[0] == 'v') no[0] = 'V';
    if (!is_volunteer_no(no))
      in.fail("volunteer_no", "V and 8 digits");
    else if (who.volunteer_id)
      in.fail("volunteer_no", "give volunteer_id or volunteer_no, not both");
    who.volunteer_no = std::move(no);
  }
  if (!in.ok()) return in.status();
  return who;
}

Result<Attendance> read_attendance(const nlohmann::json& body) {
  http::FieldReader in(body);
  Attendance a;
  a.code = in.optional_string("code", 6, 6);
  std::optional<std::string> at = in.optional_string("at", 1, 40);
  in.reject_unknown();
  if (a.code && !accounts::is_code_shaped(*a.code)) in.fail("code", "six digits");
  if (at) {
    Result<int64_t> t = core::parse_rfc3339(*at);
    if (!t.ok()) {
      in.fail("at", "an instant (RFC 3339 with an offset)");
    } else if (a.code) {
      in.fail("at", "staff give `at`; a volunteer gives the code alone");
    } else {
      a.at = *t;
    }
  }
  if (!in.ok()) return in.status();
  return a;
}

Result<std::string> read_shift_cancel(const nlohmann::json& body) {
  constexpr size_t kReasonMax = 200;  // code points, once trimmed
  http::FieldReader in(body);
  // The untrimmed text may carry blanks past the limit (a form's trailing
  // spaces); the body's own size limit bounds it.
  std::optional<std::string> reason = in.required_string("reason", 1, SIZE_MAX);
  in.reject_unknown();
  std::string trimmed(core::trim_blanks(reason.value_or("")));
  if (reason && trimmed.empty()) {
    in.fail("reason", "must not be blank");
  } else if (reason && core::utf8_length(trimmed).value_or(0) > kReasonMax) {
    in.fail("reason", "must be 1 to " + std::to_string(kReasonMax) + " characters long");
  }
  if (!in.ok()) return in.status();
  return trimmed;
}

ordered_json shift_public_json(const ShiftRow& s) {
  ordered_json j;
  j["id"] = s.id;
  j["title"] = s.title;
  j["starts_at"] = shift_clock_of(s.starts_at, s.date);
  j["ends_at"] = shift_clock_of(s.ends_at, s.date);
  j["capacity"] = s.capacity;
  j["places_left"] = s.status == "active" ? std::max<int64_t>(0, s.capacity - s.signed_up) : 0;
  j["min_age"] = s.min_age;
  j["risky"] = s.risky;
  j["training"] = shift_opt(s.training);
  return j;
}

ordered_json signup_json(const SignupRow& g) {
  ordered_json j;
  j["id"] = g.id;
  j["shift_id"] = g.shift_id;
  j["volunteer"] = {
      {"id", g.volunteer_id}, {"volunteer_no", g.volunteer_no}, {"name", g.volunteer_name}};
  j["status"] = g.status;
  j["signed_at"] = core::format_rfc3339(g.signed_at);
  j["checked_in_at"] = shift_opt_time(g.checked_in_at);
  j["checked_out_at"] = shift_opt_time(g.checked_out_at);
  j["minutes"] = shift_opt(g.minutes);
  j["record_id"] = shift_opt(g.record_id);
  return j;
}

ordered_json shift_line_json(const ShiftRow& s, bool with_code) {
  ordered_json j = shift_public_json(s);
  j["occurrence_id"] = s.occurrence_id;
  j["activity_id"] = s.activity_id;
  j["organiser_org_id"] = s.organiser_org_id;
  j["date"] = s.date;
  j["team_id"] = shift_opt(s.team_org_id);
  j["status"] = s.status;
  j["signed_up"] = s.signed_up;
  j["checked_in"] = s.checked_in;
  j["cancel_reason"] = shift_opt(s.cancel_reason);
  j["cancelled_by"] = shift_opt(s.cancelled_by);
  j["cancelled_at"] = shift_opt_time(s.cancelled_at);
  j["code"] = with_code ? ordered_json(s.code) : ordered_json();
  return j;
}

ordered_json shift_cancelled_json(const ShiftCancelled& c) {
  ordered_json j = shift_line_json(c.shift, true);
  j["signups_cancelled"] = c.signups_cancelled;
  return j;
}

ordered_json shift_view_json(const ShiftView& v) {
  ordered_json j = shift_line_json(v.shift, true);
  ordered_json signups = ordered_json::array();
  for (const SignupRow& g : v.signups) signups.push_back(signup_json(g));
  j["signups"] = std::move(signups);
  return j;
}

http::Response shift_problem(const Status& s) { return http::coded_problem(s); }

http::Response shift_answer(const ordered_json& body, int status) {
  return http::json_response(body.dump(-1, ' ', false, ordered_json::error_handler_t::replace),
                             status);
}

}  // namespace warmcity::volunteers
