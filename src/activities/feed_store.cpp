// The calendar feeds' reads and tokens (feed_store.h).
#include "activities/feed_store.h"

namespace warmcity::activities {

namespace {

const char* feed_subject_sql(FeedScope scope) {
  switch (scope) {
    case FeedScope::kVenue:
      return "SELECT name FROM facilities WHERE id = ? AND kind = 'venue'";
    case FeedScope::kCommunity:
      return "SELECT name FROM areas WHERE id = ? AND level = 'community'";
    case FeedScope::kOrganiser:
      return "SELECT name FROM organisations WHERE id = ? "
             "AND kind IN ('department', 'community', 'volunteer_team')";
    case FeedScope::kUser:
      return "SELECT display_name FROM users WHERE id = ? AND disabled = 0";
  }
  return "";
}

const char* feed_scope_where(FeedScope scope) {
  switch (scope) {
    case FeedScope::kVenue:
      return "a.venue_id = ?";
    case FeedScope::kCommunity:
      return "a.community_id = ?";
    case FeedScope::kOrganiser:
      return "a.organiser_org_id = ?";
    case FeedScope::kUser:
      // A place held now, or one the date's cancellation took: the sign-up
      // had joined, been offered or accepted, and its 'cancelled' event is the
      // occurrence's or the series' (activity_service.cpp's notes), not the
      // person's own or staff's.
      return "EXISTS (SELECT 1 FROM activity_signups s WHERE s.occurrence_id = o.id "
             "AND s.user_id = ? AND (s.status IN ('confirmed', 'offered') OR (s.status = "
             "'cancelled' AND o.status = 'cancelled' AND EXISTS (SELECT 1 FROM "
             "activity_signup_events h WHERE h.signup_id = s.id AND h.kind IN ('joined', "
             "'offered', 'accepted')) AND EXISTS (SELECT 1 FROM activity_signup_events x WHERE "
             "x.signup_id = s.id AND x.kind = 'cancelled' AND x.note IN ('本场活动取消', "
             "'活动取消')))))";
  }
  return "";
}

}  // namespace

Result<std::optional<std::string>> feed_subject_name(store::Connection& c, FeedScope scope,
                                                     int64_t id) {
  auto q = c.prepare(feed_subject_sql(scope));
  if (!q.ok()) return q.status();
  q->bind(1, id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{q->column_text(0)};
}

Result<std::vector<FeedOccurrence>> feed_occurrences(store::Connection& c, FeedScope scope,
                                                     int64_t id, int64_t from, int64_t until,
                                                     int64_t limit) {
  auto q = c.prepare(
      std::string("SELECT o.id, o.activity_id, o.starts_at, o.ends_at, o.updated_at, o.revision, "
                  "o.status, o.cancel_note, a.kind, a.title, a.description, g.name, "
                  "COALESCE(f.name, ''), COALESCE(f.address, ''), a.address "
                  "FROM activity_occurrences o JOIN activities a ON a.id = o.activity_id "
                  "JOIN organisations g ON g.id = a.organiser_org_id "
                  "LEFT JOIN facilities f ON f.id = a.venue_id "
                  "WHERE o.starts_at >= ? AND o.starts_at < ? AND ") +
      feed_scope_where(scope) + " ORDER BY o.starts_at, o.id LIMIT ?");
  if (!q.ok()) return q.status();
  q->bind(1, from).bind(2, until).bind(3, id).bind(4, limit);
  std::vector<FeedOccurrence> out;
  for (;;) {
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    FeedOccurrence f;
    f.id = q->column_int64(0);
    f.activity_id = q->column_int64(1);
    f.starts_at = q->column_int64(2);
    f.ends_at = q->column_int64(3);
    f.updated_at = q->column_int64(4);
    f.revision = q->column_int64(5);
    f.cancelled = q->column_text(6) == "cancelled";
    f.cancel_note = q->column_text(7);
    f.kind = q->column_text(8);
    f.title = q->column_text(9);
    f.description = q->column_text(10);
    f.organiser = q->column_text(11);
    f.venue_name = q->column_text(12);
    f.venue_address = q->column_text(13);
    f.address = q->column_text(14);
    out.push_back(std::move(f));
  }
}

Result<std::optional<int64_t>> feed_token_user(store::Connection& c,
                                               std::string_view token_sha256) {
  auto q = c.prepare(
      "SELECT t.user_id FROM activity_feed_tokens t JOIN users u ON u.id = t.user_id "
      "WHERE t.token_sha256 = ? AND u.disabled = 0");
  if (!q.ok()) return q.status();
  q->bind(1, token_sha256);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>{};
  return std::optional<int64_t>{q->column_int64(0)};
}

Status put_feed_token(store::Connection& c, int64_t user_id, std::string_view token_sha256,
                      int64_t now) {
  auto del = c.prepare("DELETE FROM activity_feed_tokens WHERE user_id = ?");
  if (!del.ok()) return del.status();
  del->bind(1, user_id);
  if (Status s = del->run(); !s.ok()) return s;
  auto ins = c.prepare(
      "INSERT INTO activity_feed_tokens (user_id, token_sha256, created_at) VALUES (?, ?, ?)");
  if (!ins.ok()) return ins.status();
  ins->bind(1, user_id).bind(2, token_sha256).bind(3, now);
  return ins->run();
}

}  // namespace warmcity::activities
