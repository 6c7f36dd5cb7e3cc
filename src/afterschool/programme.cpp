// A programme of after-school care (programme.h).
#include "afterschool/programme.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "activities/activity.h"
#include "http/json_input.h"

namespace warmcity::afterschool {

namespace {

constexpr char kProgrammeWeekdaysRule[] = "1 to 7 distinct weekdays, 1 (Monday) to 7 (Sunday)";

// weekdays: a list of 1–7 distinct whole numbers 1..7, as ascending digits.
std::optional<std::string> programme_weekdays(const nlohmann::json& body, http::FieldReader& in,
                                              bool required) {
  auto it = body.find("weekdays");
  if (it == body.end()) {
    if (required) in.fail("weekdays", std::string("required: ") + kProgrammeWeekdaysRule);
    return std::nullopt;
  }
  in.known({"weekdays"});
  if (!it->is_array() || it->empty() || it->size() > 7) {
    in.fail("weekdays", kProgrammeWeekdaysRule);
    return std::nullopt;
  }
  std::set<int> days;
  for (const nlohmann::json& d : *it) {
    if (!d.is_number_integer() || d.get<int64_t>() < 1 || d.get<int64_t>() > 7 ||
        !days.insert(d.get<int>()).second) {
      in.fail("weekdays", kProgrammeWeekdaysRule);
      return std::nullopt;
    }
  }
  std::string out;
  for (int d : days) out.push_back(static_cast<char>('0' + d));
  return out;
}

std::optional<std::string> programme_time(http::FieldReader& in, const std::string& field,
                                          bool required) {
  std::optional<std::string> s =
      required ? in.required_string(field, 5, 5) : in.optional_string(field, 5, 5);
  if (!s) return std::nullopt;
  if (!activities::parse_hhmm(*s)) {
    in.fail(field, "a time of day HH:MM");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> programme_date(http::FieldReader& in, const std::string& field,
                                          bool required) {
  std::optional<std::string> s =
      required ? in.required_string(field, 10, 10) : in.optional_string(field, 10, 10);
  if (!s) return std::nullopt;
  if (!core::parse_date(*s).ok()) {
    in.fail(field, "a date YYYY-MM-DD");
    return std::nullopt;
  }
  return s;
}

// staffing: an object of up to three whole numbers, each defaulting.
std::optional<Staffing> programme_staffing(const nlohmann::json& body, http::FieldReader& out) {
  auto it = body.find("staffing");
  if (it == body.end()) return std::nullopt;
  out.known({"staffing"});
  if (!it->is_object()) {
    out.fail("staffing", "{min_adults 1-10, base_children 1-200, per_extra_children 1-200}");
    return std::nullopt;
  }
  http::FieldReader in(*it);
  Staffing s;
  s.min_adults = in.optional_int("min_adults", 1, 10).value_or(s.min_adults);
  s.base_children = in.optional_int("base_children", 1, 200).value_or(s.base_children);
  s.per_extra_children =
      in.optional_int("per_extra_children", 1, 200).value_or(s.per_extra_children);
  in.reject_unknown();
  if (in.ok()) return s;
  const Status why = in.status();
  for (const FieldError& e : why.field_errors()) out.fail("staffing." + e.field, e.message);
  return std::nullopt;
}

// The rules across fields: start before end, the term in order and at most
// kMaxTermDays long.
void programme_cross_checks(http::FieldReader& in, const std::string& start, const std::string& end,
                            const std::string& term_start, const std::string& term_end) {
  std::optional<int> s = activities::parse_hhmm(start);
  std::optional<int> e = activities::parse_hhmm(end);
  if (s && e && *s >= *e) in.fail("end_time", "must be after start_time");
  Result<core::LocalDate> ts = core::parse_date(term_start);
  Result<core::LocalDate> te = core::parse_date(term_end);
  if (ts.ok() && te.ok()) {
    const int64_t days = core::days_from_civil(*te) - core::days_from_civil(*ts);
    if (days < 0) {
      in.fail("term_end", "must not be before term_start");
    } else if (days > kMaxTermDays) {
      in.fail("term_end", "at most 400 days after term_start");
    }
  }
}

bool programme_is_date_text(const std::string& s) {
  return s.size() == 10 && core::parse_date(s).ok();
}

}  // namespace

Result<ProgrammeFields> read_programme(const nlohmann::json& body) {
  http::FieldReader in(body);
  ProgrammeFields f;
  f.organiser_org_id = in.optional_int("organiser_org_id", 1, INT64_MAX);
  f.site_id = in.required_int("site_id", 1, INT64_MAX).value_or(0);
  f.name = activities::trimmed_text(in, "name", 1, 60, true).value_or("");
  f.weekdays = programme_weekdays(body, in, true).value_or("");
  f.start_time = programme_time(in, "start_time", true).value_or("");
  f.end_time = programme_time(in, "end_time", true).value_or("");
  f.capacity = in.required_int("capacity", 1, 500).value_or(0);
  f.term_start = programme_date(in, "term_start", true).value_or("");
  f.term_end = programme_date(in, "term_end", true).value_or("");
  f.on_makeup_days = in.optional_bool("on_makeup_days").value_or(false);
  f.staffing = programme_staffing(body, in).value_or(Staffing{});
  programme_cross_checks(in, f.start_time, f.end_time, f.term_start, f.term_end);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return f;
}

Result<ProgrammePatch> read_programme_patch(const nlohmann::json& body) {
  http::FieldReader in(body);
  ProgrammePatch p;
  p.organiser_org_id = in.optional_int("organiser_org_id", 1, INT64_MAX);
  p.site_id = in.optional_int("site_id", 1, INT64_MAX);
  p.name = activities::trimmed_text(in, "name", 1, 60, false);
  p.weekdays = programme_weekdays(body, in, false);
  p.start_time = programme_time(in, "start_time", false);
  p.end_time = programme_time(in, "end_time", false);
  p.capacity = in.optional_int("capacity", 1, 500);
  p.term_start = programme_date(in, "term_start", false);
  p.term_end = programme_date(in, "term_end", false);
  p.on_makeup_days = in.optional_bool("on_makeup_days");
  p.staffing = programme_staffing(body, in);
  if (std::optional<std::string> s = in.optional_string("status", 1, 10)) {
    if (*s != "active" && *s != "closed") {
      in.fail("status", "active or closed");
    } else {
      p.status = s;
    }
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return p;
}

std::vector<std::string> patched_fields(const ProgrammePatch& patch) {
  std::vector<std::string> out;
  auto add = [&out](bool set, const char* name) {
    if (set) out.emplace_back(name);
  };
  add(patch.name.has_value(), "name");
  add(patch.organiser_org_id.has_value(), "organiser_org_id");
  add(patch.site_id.has_value(), "site_id");
  add(patch.weekdays.has_value(), "weekdays");
  add(patch.start_time.has_value(), "start_time");
  add(patch.end_time.has_value(), "end_time");
  add(patch.capacity.has_value(), "capacity");
  add(patch.term_start.has_value(), "term_start");
  add(patch.term_end.has_value(), "term_end");
  add(patch.on_makeup_days.has_value(), "on_makeup_days");
  add(patch.staffing.has_value(), "staffing");
  add(patch.status.has_value(), "status");
  return out;
}

Result<Programme> apply_patch(Programme p, const ProgrammePatch& patch) {
  if (patch.organiser_org_id) p.organiser_org_id = *patch.organiser_org_id;
  if (patch.site_id) p.site_id = *patch.site_id;
  if (patch.name) p.name = *patch.name;
  if (patch.weekdays) p.weekdays = *patch.weekdays;
  if (patch.start_time) p.start_time = *patch.start_time;
  if (patch.end_time) p.end_time = *patch.end_time;
  if (patch.capacity) p.capacity = *patch.capacity;
  if (patch.term_start) p.term_start = *patch.term_start;
  if (patch.term_end) p.term_end = *patch.term_end;
  if (patch.on_makeup_days) p.on_makeup_days = *patch.on_makeup_days;
  if (patch.staffing) p.staffing = *patch.staffing;
  if (patch.status) p.status = *patch.status;
  const nlohmann::json none = nlohmann::json::object();
  http::FieldReader in(none);
  programme_cross_checks(in, p.start_time, p.end_time, p.term_start, p.term_end);
  if (!in.ok()) return in.status();
  return p;
}

Result<std::vector<StaffEntry>> read_staff_list(const nlohmann::json& body, core::LocalDate today) {
  http::FieldReader in(body);
  std::vector<StaffEntry> out;
  auto it = body.find("staff");
  if (it == body.end()) {
    in.fail("staff", "required: a list of at most 50 staff and volunteers");
  } else {
    in.known({"staff"});
    if (!it->is_array() || it->size() > static_cast<size_t>(kMaxStaff)) {
      in.fail("staff", "a list of at most 50 staff and volunteers");
    } else {
      std::set<int64_t> users;
      for (size_t i = 0; i < it->size(); ++i) {
        const std::string at = "staff[" + std::to_string(i) + "]";
        const nlohmann::json& entry = (*it)[i];
        if (!entry.is_object()) {
          in.fail(at, "{user_id, role: staff | volunteer, background_checked_on}");
          continue;
        }
        http::FieldReader e(entry);
        StaffEntry s;
        s.user_id = e.required_int("user_id", 1, INT64_MAX).value_or(0);
        if (std::optional<std::string> role = e.required_string("role", 1, 10)) {
          if (*role != "staff" && *role != "volunteer") {
            e.fail("role", "staff or volunteer");
          } else {
            s.role = *role;
          }
        }
        if (std::optional<std::string> d = e.required_string("background_checked_on", 10, 10)) {
          Result<core::LocalDate> date = core::parse_date(*d);
          if (!date.ok()) {
            e.fail("background_checked_on", "a date YYYY-MM-DD");
          } else if (*date > today) {
            e.fail("background_checked_on", "must not be in the future");
          } else {
            s.background_checked_on = *d;
          }
        }
        e.reject_unknown();
        if (s.user_id != 0 && !users.insert(s.user_id).second) e.fail("user_id", "listed twice");
        if (!e.ok()) {
          const Status why = e.status();
          for (const FieldError& fe : why.field_errors()) in.fail(at + "." + fe.field, fe.message);
          continue;
        }
        out.push_back(std::move(s));
      }
    }
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

Result<std::vector<int64_t>> read_duty(const nlohmann::json& body) {
  http::FieldReader in(body);
  std::vector<int64_t> out;
  auto it = body.find("user_ids");
  if (it == body.end()) {
    in.fail("user_ids", "required: a list of the adults on duty");
  } else {
    in.known({"user_ids"});
    std::set<int64_t> seen;
    bool good = it->is_array() && it->size() <= static_cast<size_t>(kMaxStaff);
    if (good) {
      for (const nlohmann::json& id : *it) {
        if (!id.is_number_integer() || id.get<int64_t>() < 1 ||
            !seen.insert(id.get<int64_t>()).second) {
          good = false;
          break;
        }
        out.push_back(id.get<int64_t>());
      }
    }
    if (!good) in.fail("user_ids", "a list of at most 50 distinct user ids");
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

SessionDay session_day(const Programme& p, core::LocalDate date, const core::Calendar& calendar) {
  const std::string day = core::format_date(date);
  if (day < p.term_start || day > p.term_end) return {false, "outside_term", ""};
  if (const core::OfficialDay* official = calendar.find(date)) {
    if (official->kind == core::DayKind::kHoliday) return {false, "holiday", official->name};
    if (p.on_makeup_days) return {true, "", ""};
    return {false, "makeup_day", ""};
  }
  const char digit = static_cast<char>('1' + core::weekday(date));
  if (p.weekdays.find(digit) == std::string::npos) return {false, "weekday", ""};
  return {true, "", ""};
}

int64_t adults_needed(const Staffing& s, int64_t children) {
  const int64_t extra = std::max<int64_t>(0, children - s.base_children);
  const int64_t per = std::max<int64_t>(1, s.per_extra_children);
  return s.min_adults + (extra + per - 1) / per;
}

int start_minute(const Programme& p) { return activities::parse_hhmm(p.start_time).value_or(0); }

int end_minute(const Programme& p) { return activities::parse_hhmm(p.end_time).value_or(0); }

std::string recheck_due_on(const std::string& checked_on) {
  Result<core::LocalDate> d = core::parse_date(checked_on);
  if (!d.ok()) return checked_on;
  core::LocalDate due{d->year + 1, d->month, d->day};
  due.day = std::min(due.day, core::days_in_month(due.year, due.month));
  return core::format_date(due);
}

bool recheck_due(const std::string& checked_on, core::LocalDate today) {
  if (!programme_is_date_text(checked_on)) return true;
  return recheck_due_on(checked_on) <= core::format_date(today);
}

}  // namespace warmcity::afterschool
