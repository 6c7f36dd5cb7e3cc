#include "facilities/stations.h"

#include <cstdio>

#include "core/time.h"
#include "facilities/facility_store.h"

namespace warmcity::facilities {

bool has_notices(Kind k) { return k == Kind::kLoveStation; }

bool has_receptions(Kind k) { return k == Kind::kLiaisonStation || k == Kind::kServiceCentre; }

Status check_notice_kind(const Facility& f) {
  if (has_notices(f.kind)) return Status::Ok();
  return Status::Conflict("notices are posted at love stations only; this is a " +
                          std::string(kind_name(f.kind)));
}

Status check_reception_kind(const Facility& f) {
  if (has_receptions(f.kind)) return Status::Ok();
  return Status::Conflict(
      "receptions are held at liaison stations and service centres only; this is a " +
      std::string(kind_name(f.kind)));
}

std::vector<FieldError> notice_window_errors(int64_t valid_from, int64_t valid_until) {
  if (valid_until <= valid_from) return {{"valid_until", "must be after valid_from"}};
  if (valid_until - valid_from > kNoticeMaxWindow) {
    return {{"valid_until", "must be at most 31 days after valid_from"}};
  }
  return {};
}

std::optional<int> parse_hhmm(std::string_view text) {
  auto digit = [&](size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return std::nullopt;
  }
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string format_hhmm(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minute / 60) % 100, minute % 60);
  return buf;
}

std::optional<ReceptionTime> next_reception(const std::vector<Reception>& schedule,
                                            const core::Calendar& calendar, int64_t now,
                                            int horizon_days) {
  const int64_t first = core::days_from_civil(core::local_date_of(now));
  for (int64_t day = first; day <= first + horizon_days; ++day) {
    const core::LocalDate date = core::civil_from_days(day);
    if (!calendar.is_working_day(date)) continue;
    const int weekday = core::weekday(date) + 1;
    const int64_t midnight = core::local_midnight_unix(date);
    std::optional<ReceptionTime> best;
    for (const Reception& r : schedule) {
      if (r.weekday != weekday) continue;
      ReceptionTime t{r.representative, midnight + r.from_minute * int64_t{60},
                      midnight + r.until_minute * int64_t{60}};
      if (t.until <= now) continue;
      if (!best || t.from < best->from) best = std::move(t);
    }
    if (best) return best;
  }
  return std::nullopt;
}

Status insert_notice(store::Connection& c, Notice& n) {
  auto s = c.prepare(
      "INSERT INTO facility_notices (facility_id, text, valid_from, valid_until, created_at, "
      "created_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, n.facility_id).bind(2, n.text).bind(3, n.valid_from).bind(4, n.valid_until);
  s->bind(5, n.created_at).bind(6, n.created_by);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  n.id = *id;
  return Status::Ok();
}

Status delete_notice(store::Connection& c, int64_t facility_id, int64_t id) {
  auto s = c.prepare("DELETE FROM facility_notices WHERE id = ? AND facility_id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id).bind(2, facility_id);
  if (Status r = s->run(); !r.ok()) return r;
  if (c.changes() == 0) return Status::NotFound("no notice with that id at this facility");
  return Status::Ok();
}

namespace {

// The notices `where` selects (?1 the facility, ?2 now), in `order`.
Result<std::vector<Notice>> select_notices(store::Connection& c, int64_t facility_id, int64_t now,
                                           const std::string& where_and_order) {
  auto s = c.prepare(
      "SELECT id, facility_id, text, valid_from, valid_until, created_at, created_by "
      "FROM facility_notices WHERE facility_id = ?1 AND " +
      where_and_order);
  if (!s.ok()) return s.status();
  s->bind(1, facility_id).bind(2, now);
  return store::collect<Notice>(*s, [](const store::Statement& r) {
    return Notice{r.column_int64(0), r.column_int64(1), r.column_text(2), r.column_int64(3),
                  r.column_int64(4), r.column_int64(5), r.column_int64(6)};
  });
}

}  // namespace

Result<std::vector<Notice>> current_notices(store::Connection& c, int64_t facility_id,
                                            int64_t now) {
  return select_notices(c, facility_id, now,
                        "valid_from <= ?2 AND valid_until > ?2 ORDER BY id DESC");
}

Result<std::vector<Notice>> pending_notices(store::Connection& c, int64_t facility_id,
                                            int64_t now) {
  return select_notices(
      c, facility_id, now,
      "valid_until > ?2 ORDER BY valid_from, id LIMIT " + std::to_string(kMaxPendingNotices));
}

Status replace_receptions(store::Connection& c, int64_t facility_id,
                          const std::vector<Reception>& schedule) {
  auto del = c.prepare("DELETE FROM facility_receptions WHERE facility_id = ?");
  if (!del.ok()) return del.status();
  del->bind(1, facility_id);
  if (Status r = del->run(); !r.ok()) return r;
  for (size_t i = 0; i < schedule.size(); ++i) {
    const Reception& r = schedule[i];
    auto s = c.prepare(
        "INSERT INTO facility_receptions (facility_id, representative, weekday, from_minute, "
        "until_minute, position) VALUES (?, ?, ?, ?, ?, ?)");
    if (!s.ok()) return s.status();
    s->bind(1, facility_id).bind(2, r.representative).bind(3, r.weekday);
    s->bind(4, r.from_minute).bind(5, r.until_minute).bind(6, static_cast<int64_t>(i));
    if (Status w = s->run(); !w.ok()) return w;
  }
  return Status::Ok();
}

Result<std::vector<Reception>> load_receptions(store::Connection& c, int64_t facility_id) {
  auto s = c.prepare(
      "SELECT representative, weekday, from_minute, until_minute FROM facility_receptions "
      "WHERE facility_id = ? "
      "ORDER BY weekday, from_minute, position, until_minute, representative");
  if (!s.ok()) return s.status();
  s->bind(1, facility_id);
  return store::collect<Reception>(*s, [](const store::Statement& r) {
    return Reception{r.column_text(0), static_cast<int>(r.column_int64(1)),
                     static_cast<int>(r.column_int64(2)), static_cast<int>(r.column_int64(3))};
  });
}

}  // namespace warmcity::facilities
