// The activities' and occurrences' rows (activity_store.h).
#include "activities/activity_store.h"

#include <cmath>

#include "activities/places.h"
#include "core/geo.h"

namespace warmcity::activities {

namespace {

constexpr char kActivityColumns[] =
    "SELECT a.id, a.kind, a.title, a.description, a.organiser_org_id, org.name, a.venue_id, "
    "f.name, f.address, f.lat, f.lon, a.address, COALESCE(a.community_id, f.community_id), "
    "ar.name, a.capacity, a.age_min, a.age_max, a.offer_window_minutes, a.first_date, "
    "a.start_minute, a.duration_minutes, a.repeat, a.repeat_until, a.repeat_count, a.status, "
    "a.cancel_note, a.created_by, a.created_at, a.updated_at "
    "FROM activities a JOIN organisations org ON org.id = a.organiser_org_id "
    "LEFT JOIN facilities f ON f.id = a.venue_id "
    "LEFT JOIN areas ar ON ar.id = COALESCE(a.community_id, f.community_id) ";

ActivityRecord activity_row(store::Statement& s) {
  ActivityRecord a;
  a.id = s.column_int64(0);
  a.kind = s.column_text(1);
  a.title = s.column_text(2);
  a.description = s.column_text(3);
  a.organiser_org_id = s.column_int64(4);
  a.organiser_name = s.column_text(5);
  a.venue_id = s.column_int64_opt(6);
  a.venue_name = s.column_text(7);
  a.venue_address = s.column_text(8);
  a.venue_lat = s.column_double(9);
  a.venue_lon = s.column_double(10);
  a.address = s.column_text(11);
  a.community_id = s.column_int64_opt(12);
  a.community_name = s.column_text(13);
  a.capacity = s.column_int64(14);
  a.age_min = s.column_int64_opt(15);
  a.age_max = s.column_int64_opt(16);
  a.offer_window_minutes = s.column_int64(17);
  a.first_date = s.column_text(18);
  a.start_minute = static_cast<int>(s.column_int64(19));
  a.duration_minutes = static_cast<int>(s.column_int64(20));
  a.repeat = s.column_text(21);
  a.repeat_until = s.column_text_opt(22);
  a.repeat_count = s.column_int64_opt(23);
  a.status = s.column_text(24);
  a.cancel_note = s.column_text(25);
  a.created_by = s.column_int64(26);
  a.created_at = s.column_int64(27);
  a.updated_at = s.column_int64(28);
  return a;
}

constexpr char kOccurrenceColumns[] =
    "o.id, o.activity_id, o.seq, o.local_date, o.starts_at, o.ends_at, o.capacity, o.taken, "
    "(SELECT COUNT(*) FROM activity_signups w WHERE w.occurrence_id = o.id AND w.status = "
    "'waiting'), o.status, o.cancel_note, o.revision, o.detached, o.updated_at";
constexpr int kOccurrenceColumnCount = 14;

OccurrenceRecord occurrence_row(store::Statement& s) {
  OccurrenceRecord o;
  o.id = s.column_int64(0);
  o.activity_id = s.column_int64(1);
  o.seq = s.column_int64(2);
  o.date = s.column_text(3);
  o.starts_at = s.column_int64(4);
  o.ends_at = s.column_int64(5);
  o.capacity = s.column_int64(6);
  o.taken = s.column_int64(7);
  o.waiting = s.column_int64(8);
  o.status = s.column_text(9);
  o.cancel_note = s.column_text(10);
  o.revision = s.column_int64(11);
  o.detached = s.column_int64(12) != 0;
  o.updated_at = s.column_int64(13);
  return o;
}

}  // namespace

Result<ActivityRecord> load_activity(store::Connection& c, int64_t id) {
  auto q = c.prepare(std::string(kActivityColumns) + "WHERE a.id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no activity with that id");
  return activity_row(*q);
}

Result<OccurrenceRecord> load_occurrence(store::Connection& c, int64_t id) {
  auto q = c.prepare(std::string("SELECT ") + kOccurrenceColumns +
                     " FROM activity_occurrences o WHERE o.id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no activity occurrence with that id");
  return occurrence_row(*q);
}

Result<std::vector<OccurrenceRecord>> occurrences_of(store::Connection& c, int64_t activity_id,
                                                     int64_t from, int64_t until) {
  auto q = c.prepare(std::string("SELECT ") + kOccurrenceColumns +
                     " FROM activity_occurrences o WHERE o.activity_id = ? AND o.starts_at >= ? "
                     "AND o.starts_at < ? ORDER BY o.starts_at, o.id");
  if (!q.ok()) return q.status();
  q->bind(1, activity_id).bind(2, from).bind(3, until);
  return store::collect<OccurrenceRecord>(*q, occurrence_row);
}

Result<std::optional<VenueRecord>> load_venue(store::Connection& c, int64_t id) {
  auto q = c.prepare(
      "SELECT id, name, address, lat, lon, community_id, opening_hours FROM facilities "
      "WHERE id = ? AND kind = 'venue'");
  if (!q.ok()) return q.status();
  q->bind(1, id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<VenueRecord>{};
  VenueRecord v;
  v.id = q->column_int64(0);
  v.name = q->column_text(1);
  v.address = q->column_text(2);
  v.lat = q->column_double(3);
  v.lon = q->column_double(4);
  v.community_id = q->column_int64_opt(5);
  v.opening_hours = q->column_text_opt(6);
  return std::optional<VenueRecord>{std::move(v)};
}

Result<bool> is_community(store::Connection& c, int64_t id) {
  auto q = c.prepare("SELECT 1 FROM areas WHERE id = ? AND level = 'community'");
  if (!q.ok()) return q.status();
  q->bind(1, id);
  return q->step();
}

Result<int64_t> insert_activity(store::Connection& c, const ActivityFields& f, int64_t organiser,
                                int64_t by, int64_t now) {
  auto q = c.prepare(
      "INSERT INTO activities (kind, title, description, organiser_org_id, venue_id, address, "
      "community_id, capacity, age_min, age_max, offer_window_minutes, first_date, start_minute, "
      "duration_minutes, repeat, repeat_until, repeat_count, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!q.ok()) return q.status();
  std::optional<std::string> until;
  if (f.series.until) until = core::format_date(*f.series.until);
  q->bind(1, f.kind)
      .bind(2, f.title)
      .bind(3, f.description)
      .bind(4, organiser)
      .bind(5, f.venue_id)
      .bind(6, f.address)
      .bind(7, f.community_id)
      .bind(8, f.capacity)
      .bind(9, f.age_min)
      .bind(10, f.age_max)
      .bind(11, f.offer_window_minutes)
      .bind(12, core::format_date(f.first_date))
      .bind(13, f.start_minute)
      .bind(14, f.duration_minutes)
      .bind(15, f.series.repeat)
      .bind(16, until)
      .bind(17, f.series.count)
      .bind(18, by)
      .bind(19, now)
      .bind(20, now);
  return q->returning_id();
}

Result<int64_t> insert_occurrence(store::Connection& c, int64_t activity_id, int64_t seq,
                                  core::LocalDate date, int64_t starts_at, int64_t ends_at,
                                  int64_t capacity, int64_t now, bool detached) {
  auto q = c.prepare(
      "INSERT INTO activity_occurrences (activity_id, seq, local_date, starts_at, ends_at, "
      "capacity, updated_at, detached) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, activity_id)
      .bind(2, seq)
      .bind(3, core::format_date(date))
      .bind(4, starts_at)
      .bind(5, ends_at)
      .bind(6, capacity)
      .bind(7, now)
      .bind(8, int64_t{detached ? 1 : 0});
  return q->returning_id();
}

Status save_activity(store::Connection& c, const ActivityRecord& a) {
  auto q = c.prepare(
      "UPDATE activities SET title = ?, description = ?, capacity = ?, age_min = ?, age_max = ?, "
      "offer_window_minutes = ?, start_minute = ?, duration_minutes = ?, venue_id = ?, "
      "address = ?, community_id = ?, updated_at = ? WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, a.title)
      .bind(2, a.description)
      .bind(3, a.capacity)
      .bind(4, a.age_min)
      .bind(5, a.age_max)
      .bind(6, a.offer_window_minutes)
      .bind(7, a.start_minute)
      .bind(8, a.duration_minutes)
      .bind(9, a.venue_id)
      .bind(10, a.address)
      .bind(11, a.community_id)
      .bind(12, a.updated_at)
      .bind(13, a.id);
  return q->run();
}

Status save_occurrence(store::Connection& c, const OccurrenceRecord& o, int64_t now) {
  auto q = c.prepare(
      "UPDATE activity_occurrences SET local_date = ?, starts_at = ?, ends_at = ?, capacity = ?, "
      "detached = ?, revision = revision + 1, updated_at = ? WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, o.date)
      .bind(2, o.starts_at)
      .bind(3, o.ends_at)
      .bind(4, o.capacity)
      .bind(5, int64_t{o.detached ? 1 : 0})
      .bind(6, now)
      .bind(7, o.id);
  return q->run();
}

Status cancel_occurrence_row(store::Connection& c, int64_t occurrence_id, const std::string& note,
                             const std::string& signup_note, int64_t by, int64_t now) {
  if (Status s = hold_occurrence(c, occurrence_id); !s.ok()) return s;
  auto active = c.prepare(
      "SELECT id FROM activity_signups WHERE occurrence_id = ? "
      "AND status IN ('confirmed', 'waiting', 'offered') ORDER BY id");
  if (!active.ok()) return active.status();
  active->bind(1, occurrence_id);
  Result<std::vector<int64_t>> ids =
      store::collect<int64_t>(*active, [](store::Statement& s) { return s.column_int64(0); });
  if (!ids.ok()) return ids.status();
  for (int64_t id : *ids) {
    auto u =
        c.prepare("UPDATE activity_signups SET status = 'cancelled', updated_at = ? WHERE id = ?");
    if (!u.ok()) return u.status();
    u->bind(1, now).bind(2, id);
    if (Status s = u->run(); !s.ok()) return s;
    if (Status s = add_signup_event(c, id, "cancelled", now, by, signup_note); !s.ok()) return s;
  }
  auto q = c.prepare(
      "UPDATE activity_occurrences SET status = 'cancelled', cancel_note = ?, taken = 0, "
      "revision = revision + 1, updated_at = ? WHERE id = ? AND status = 'scheduled'");
  if (!q.ok()) return q.status();
  q->bind(1, note).bind(2, now).bind(3, occurrence_id);
  return q->run();
}

Status cancel_activity_row(store::Connection& c, int64_t activity_id, const std::string& note,
                           int64_t now) {
  auto q = c.prepare(
      "UPDATE activities SET status = 'cancelled', cancel_note = ?, updated_at = ? WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, note).bind(2, now).bind(3, activity_id);
  return q->run();
}

Result<std::vector<OccurrenceItem>> find_occurrences(store::Connection& c,
                                                     const OccurrenceFilter& f) {
  std::string sql = std::string("SELECT ") + kOccurrenceColumns +
                    ", a.title, a.kind, org.name, f.name, CASE WHEN a.venue_id IS NULL THEN "
                    "a.address ELSE f.address END, COALESCE(a.community_id, f.community_id), "
                    "a.venue_id, f.lat, f.lon FROM activity_occurrences o "
                    "JOIN activities a ON a.id = o.activity_id "
                    "JOIN organisations org ON org.id = a.organiser_org_id "
                    "LEFT JOIN facilities f ON f.id = a.venue_id "
                    "WHERE o.starts_at >= ? AND o.starts_at < ?";
  if (f.community_id) sql += " AND COALESCE(a.community_id, f.community_id) = ?";
  if (f.venue_id) sql += " AND a.venue_id = ?";
  if (f.organiser_org_id) sql += " AND a.organiser_org_id = ?";
  if (f.kind) sql += " AND a.kind = ?";
  double dlat = 0, dlon = 0;
  if (f.near_lat) {
    dlat = f.radius_m / 111'000.0 + 0.001;
    dlon = dlat / std::max(0.01, std::cos(*f.near_lat * M_PI / 180.0));
    sql += " AND f.lat BETWEEN ? AND ? AND f.lon BETWEEN ? AND ?";
  }
  if (f.after) sql += " AND (o.starts_at > ? OR (o.starts_at = ? AND o.id > ?))";
  sql += " ORDER BY o.starts_at, o.id";
  if (!f.near_lat) sql += " LIMIT ?";
  auto q = c.prepare(sql);
  if (!q.ok()) return q.status();
  int i = 1;
  q->bind(i++, f.from);
  q->bind(i++, f.until);
  if (f.community_id) q->bind(i++, *f.community_id);
  if (f.venue_id) q->bind(i++, *f.venue_id);
  if (f.organiser_org_id) q->bind(i++, *f.organiser_org_id);
  if (f.kind) q->bind(i++, *f.kind);
  if (f.near_lat) {
    q->bind(i++, *f.near_lat - dlat);
    q->bind(i++, *f.near_lat + dlat);
    q->bind(i++, *f.near_lon - dlon);
    q->bind(i++, *f.near_lon + dlon);
  }
  if (f.after) {
    q->bind(i++, f.after->first);
    q->bind(i++, f.after->first);
    q->bind(i++, f.after->second);
  }
  if (!f.near_lat) q->bind(i++, int64_t{f.limit} + 1);
  std::vector<OccurrenceItem> out;
  while (true) {
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    OccurrenceItem it;
    it.o = occurrence_row(*q);
    const int k = kOccurrenceColumnCount;
    it.title = q->column_text(k);
    it.kind = q->column_text(k + 1);
    it.organiser_name = q->column_text(k + 2);
    it.venue_name = q->column_text(k + 3);
    it.address = q->column_text(k + 4);
    it.community_id = q->column_int64_opt(k + 5);
    it.venue_id = q->column_int64_opt(k + 6);
    if (it.venue_id) {
      it.lat = q->column_double(k + 7);
      it.lon = q->column_double(k + 8);
    }
    if (f.near_lat) {
      if (!it.lat) continue;
      const double d = core::distance_m({*f.near_lat, *f.near_lon}, {*it.lat, *it.lon});
      if (d > f.radius_m) continue;
      it.distance_m = std::round(d);
    }
    out.push_back(std::move(it));
    if (static_cast<int>(out.size()) > f.limit) break;
  }
  return out;
}

Result<std::vector<ActivityRecord>> activities_of(store::Connection& c,
                                                  const std::optional<std::vector<int64_t>>& orgs,
                                                  const std::string& status) {
  std::string sql = std::string(kActivityColumns) + "WHERE a.status = ?";
  if (orgs) {
    sql += " AND a.organiser_org_id IN (0";
    for (size_t n = 0; n < orgs->size(); ++n) sql += ", ?";
    sql += ")";
  }
  sql += " ORDER BY a.id DESC LIMIT 500";
  auto q = c.prepare(sql);
  if (!q.ok()) return q.status();
  int i = 1;
  q->bind(i++, status);
  if (orgs)
    for (int64_t id : *orgs) q->bind(i++, id);
  return store::collect<ActivityRecord>(*q, activity_row);
}

}  // namespace warmcity::activities
