// An activity's body and its series (activity.h).
#include "activities/activity.h"

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "http/json_input.h"

namespace warmcity::activities {

namespace {

core::LocalDate activity_add_days(core::LocalDate d, int64_t n) {
  return core::civil_from_days(core::days_from_civil(d) + n);
}

// Two years after `d` (29 February: 28 February).
core::LocalDate activity_two_years_after(core::LocalDate d) {
  core::LocalDate out = d;
  out.year += 2;
  if (out.day > core::days_in_month(out.year, out.month))
    out.day = core::days_in_month(out.year, out.month);
  return out;
}

// The n-th date after `first` (n = 0: first itself); nullopt when that month
// lacks the day (monthly).
std::optional<core::LocalDate> activity_nth(const SeriesRule& r, int64_t n) {
  if (r.repeat == "weekly") return activity_add_days(r.first, 7 * n);
  int64_t months = r.first.month - 1 + n;
  core::LocalDate d = r.first;
  d.year = r.first.year + static_cast<int>(months / 12);
  d.month = static_cast<int>(months % 12) + 1;
  if (d.day > core::days_in_month(d.year, d.month)) return std::nullopt;
  return d;
}

std::optional<int> activity_time_field(http::FieldReader& in, const std::string& field,
                                       bool required) {
  std::optional<std::string> s =
      required ? in.required_string(field, 5, 5) : in.optional_string(field, 1, 5);
  if (!s) return std::nullopt;
  std::optional<int> m = parse_hhmm(*s);
  if (!m) in.fail(field, "a time of day HH:MM");
  return m;
}

std::optional<core::LocalDate> activity_date_field(http::FieldReader& in, const std::string& field,
                                                   bool required) {
  std::optional<std::string> s =
      required ? in.required_string(field, 10, 10) : in.optional_string(field, 1, 10);
  if (!s) return std::nullopt;
  Result<core::LocalDate> d = core::parse_date(*s);
  if (!d.ok()) {
    in.fail(field, "a date YYYY-MM-DD");
    return std::nullopt;
  }
  return *d;
}

void activity_date_window(http::FieldReader& in, const std::string& field, core::LocalDate d,
                          core::LocalDate today) {
  if (d < today || d > activity_add_days(today, kFirstDateDaysAhead))
    in.fail(field, "from today to 365 days ahead");
}

// duration_minutes: an end before the start is a duration <= 0.
std::optional<int> activity_duration(http::FieldReader& in, bool required) {
  std::optional<int64_t> v = required ? in.required_int("duration_minutes", 1, 1440)
                                      : in.optional_int("duration_minutes", 1, 1440);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

// age_min/age_max: absent (outer nullopt), null (inner nullopt) or 0..150.
std::optional<std::optional<int64_t>> activity_age(const nlohmann::json& body,
                                                   http::FieldReader& in, const char* field) {
  auto it = body.find(field);
  if (it == body.end()) return std::nullopt;
  if (it->is_null()) {
    in.known({field});
    return std::optional<int64_t>{};
  }
  std::optional<int64_t> v = in.optional_int(field, 0, 150);
  if (!v) return std::nullopt;
  return std::optional<int64_t>{*v};
}

}  // namespace

Result<std::vector<core::LocalDate>> series_dates(const SeriesRule& r) {
  std::vector<core::LocalDate> out;
  if (r.repeat == "none") {
    out.push_back(r.first);
    return out;
  }
  if (r.repeat != "weekly" && r.repeat != "monthly")
    return Status::Unprocessable("bad repeat", {{"repeat", "none, weekly or monthly"}});
  if (!r.until && !r.count)
    return Status::Unprocessable(
        "a series needs an end",
        {{"repeat_until", "a series ends on repeat_until or after repeat_count occurrences"}});
  const core::LocalDate last_allowed = activity_two_years_after(r.first);
  if (r.until && *r.until < r.first)
    return Status::Unprocessable("bad repeat_until", {{"repeat_until", "on or after first_date"}});
  if (r.until && *r.until > last_allowed)
    return Status::Unprocessable("series too long",
                                 {{"repeat_until", "a series may reach at most 2 years ahead"}});
  // Monthly on the 31st skips at most 5 months of 12: 200 dates lie within
  // 400 steps, and two years within 105 weeks or 25 months.
  for (int64_t n = 0; n < 2000; ++n) {
    std::optional<core::LocalDate> d = activity_nth(r, n);
    if (!d) continue;
    if (r.until && *d > *r.until) break;
    if (*d > last_allowed) {
      if (r.until) break;
      return Status::Unprocessable("series too long",
                                   {{"repeat_count", "a series may reach at most 2 years ahead"}});
    }
    out.push_back(*d);
    if (r.count && static_cast<int64_t>(out.size()) == *r.count) break;
    if (static_cast<int>(out.size()) > kMaxOccurrences)
      return Status::Unprocessable("series too long",
                                   {{"repeat_until", "a series has at most 200 occurrences"}});
  }
  return out;
}

std::optional<int> parse_hhmm(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  for (size_t i : {0, 1, 3, 4})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  const int h = (t[0] - '0') * 10 + (t[1] - '0');
  const int m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::string format_hhmm(int minute) {
  char buf[6];
  buf[0] = static_cast<char>('0' + minute / 600);
  buf[1] = static_cast<char>('0' + minute / 60 % 10);
  buf[2] = ':';
  buf[3] = static_cast<char>('0' + minute % 60 / 10);
  buf[4] = static_cast<char>('0' + minute % 10);
  buf[5] = 0;
  return buf;
}

int64_t occurrence_start(core::LocalDate date, int start_minute) {
  return core::local_midnight_unix(date) + int64_t{start_minute} * 60;
}

std::optional<std::string> trimmed_text(http::FieldReader& in, const std::string& field, size_t min,
                                        size_t max, bool required) {
  std::optional<std::string> s =
      required ? in.required_string(field, min, max) : in.optional_string(field, min, max);
  if (!s) return s;
  std::string t(core::trim_blanks(*s));
  if (t.size() < min) {
    in.fail(field, "must not be blank");
    return std::nullopt;
  }
  return t;
}

void read_activity_basics(http::FieldReader& in, ActivityFields& f) {
  f.title = trimmed_text(in, "title", 1, 60, true).value_or("");
  if (std::optional<std::string> d = in.optional_string("description", 0, 2000))
    f.description = std::string(core::trim_blanks(*d));
  f.organiser_org_id = in.optional_int("organiser_org_id", 1, INT64_MAX);
  f.venue_id = in.optional_int("venue_id", 1, INT64_MAX);
  std::optional<std::string> address = trimmed_text(in, "address", 1, 200, false);
  f.address = address.value_or("");
  if (f.venue_id && address) in.fail("address", "a venue_id or an address, not both");
  if (!f.venue_id && !address && !in.has("venue_id") && !in.has("address"))
    in.fail("venue_id", "a venue_id or an address is required");
  f.community_id = in.optional_int("community_id", 1, INT64_MAX);
}

Result<ActivityFields> read_activity(const nlohmann::json& body, core::LocalDate today) {
  http::FieldReader in(body);
  ActivityFields f;
  if (std::optional<std::string> k = in.optional_string("kind", 1, 20)) {
    if (*k != "activity" && *k != "job_fair") in.fail("kind", "activity or job_fair");
    f.kind = *k;
  }
  read_activity_basics(in, f);
  f.capacity = in.required_int("capacity", 1, 100000).value_or(0);
  f.age_min = in.optional_int("age_min", 0, 150);
  f.age_max = in.optional_int("age_max", 0, 150);
  if (f.age_min && f.age_max && *f.age_max < *f.age_min) in.fail("age_max", "at least age_min");
  f.offer_window_minutes = in.optional_int("offer_window_minutes", 5, 10080).value_or(120);
  if (std::optional<core::LocalDate> d = activity_date_field(in, "first_date", true)) {
    f.first_date = *d;
    activity_date_window(in, "first_date", *d, today);
  }
  f.start_minute = activity_time_field(in, "start_time", true).value_or(0);
  f.duration_minutes = activity_duration(in, true).value_or(0);
  f.series.first = f.first_date;
  if (std::optional<std::string> r = in.optional_string("repeat", 1, 10)) {
    if (*r != "none" && *r != "weekly" && *r != "monthly")
      in.fail("repeat", "none, weekly or monthly");
    f.series.repeat = *r;
  }
  f.series.until = activity_date_field(in, "repeat_until", false);
  f.series.count = in.optional_int("repeat_count", 1, kMaxOccurrences);
  if (f.series.repeat == "none" && (f.series.until || f.series.count))
    in.fail("repeat", "weekly or monthly when repeat_until or repeat_count is given");
  if (f.series.until && f.series.count)
    in.fail("repeat_count", "repeat_until or repeat_count, not both");
  f.skip_clashes = in.optional_bool("skip_clashes").value_or(false);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  Result<std::vector<core::LocalDate>> dates = series_dates(f.series);
  if (!dates.ok()) return dates.status();
  return f;
}

Result<SeriesPatch> read_series_patch(const nlohmann::json& body) {
  http::FieldReader in(body);
  SeriesPatch p;
  for (const char* fixed :
       {"repeat", "repeat_until", "repeat_count", "first_date", "kind", "organiser_org_id"}) {
    if (body.contains(fixed)) {
      in.known({fixed});
      in.fail(fixed, "cannot be changed: create a new series");
    }
  }
  p.title = trimmed_text(in, "title", 1, 60, false);
  if (std::optional<std::string> d = in.optional_string("description", 0, 2000))
    p.description = std::string(core::trim_blanks(*d));
  p.capacity = in.optional_int("capacity", 1, 100000);
  p.age_min = activity_age(body, in, "age_min");
  p.age_max = activity_age(body, in, "age_max");
  p.offer_window_minutes = in.optional_int("offer_window_minutes", 5, 10080);
  p.start_minute = activity_time_field(in, "start_time", false);
  p.duration_minutes = activity_duration(in, false);
  p.venue_id = in.optional_int("venue_id", 1, INT64_MAX);
  p.address = trimmed_text(in, "address", 1, 200, false);
  if (p.venue_id && p.address) in.fail("address", "a venue_id or an address, not both");
  p.skip_clashes = in.optional_bool("skip_clashes").value_or(false);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return p;
}

Result<OccurrencePatch> read_occurrence_patch(const nlohmann::json& body, core::LocalDate today) {
  http::FieldReader in(body);
  OccurrencePatch p;
  p.date = activity_date_field(in, "date", false);
  if (p.date) activity_date_window(in, "date", *p.date, today);
  p.start_minute = activity_time_field(in, "start_time", false);
  p.duration_minutes = activity_duration(in, false);
  p.capacity = in.optional_int("capacity", 1, 100000);
  p.skip_clashes = in.optional_bool("skip_clashes").value_or(false);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return p;
}

Result<std::string> read_cancel_note(const nlohmann::json& body) {
  http::FieldReader in(body);
  std::optional<std::string> note = trimmed_text(in, "note", 1, 200, true);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return *note;
}

}  // namespace warmcity::activities
