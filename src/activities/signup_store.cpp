// The sign-ups' rows (signup_store.h).
#include "activities/signup_store.h"

#include "activities/places.h"

namespace warmcity::activities {

namespace {

constexpr const char* kSignupColumns =
    "s.id, s.occurrence_id, s.user_id, s.by_user, s.name, s.phone, s.status, "
    "s.offer_expires_at, s.code, s.attendance, s.created_at";

SignupRecord signup_row_of(store::Statement& s) {
  SignupRecord r;
  r.id = s.column_int64(0);
  r.occurrence_id = s.column_int64(1);
  r.user_id = s.column_int64_opt(2);
  r.by_user = s.column_int64_opt(3);
  r.name = s.column_text(4);
  r.phone = s.column_text(5);
  r.status = s.column_text(6);
  r.offer_expires_at = s.column_int64_opt(7);
  r.code = s.column_text(8);
  r.attendance = s.column_text(9);
  r.created_at = s.column_int64(10);
  return r;
}

Status signup_fill_position(store::Connection& c, SignupRecord& r) {
  if (r.status != "waiting") return Status::Ok();
  Result<int64_t> p = line_position(c, r.id);
  if (!p.ok()) return p.status();
  r.position = *p;
  return Status::Ok();
}

Result<std::optional<SignupRecord>> signup_one(store::Connection& c, store::Statement& q) {
  Result<bool> row = q.step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SignupRecord>{};
  SignupRecord r = signup_row_of(q);
  if (Status s = signup_fill_position(c, r); !s.ok()) return s;
  return std::optional<SignupRecord>{std::move(r)};
}

constexpr const char* kSignupFactsColumns =
    "o.id, o.activity_id, a.organiser_org_id, a.title, o.local_date, o.starts_at, o.ends_at, "
    "o.status, a.status, a.age_min, a.age_max";

OccurrenceFacts signup_facts_row(store::Statement& s, int at) {
  OccurrenceFacts f;
  f.id = s.column_int64(at);
  f.activity_id = s.column_int64(at + 1);
  f.organiser_org_id = s.column_int64(at + 2);
  f.title = s.column_text(at + 3);
  f.local_date = s.column_text(at + 4);
  f.starts_at = s.column_int64(at + 5);
  f.ends_at = s.column_int64(at + 6);
  f.cancelled = s.column_text(at + 7) != "scheduled" || s.column_text(at + 8) != "active";
  f.ages.min = s.column_int64_opt(at + 9);
  f.ages.max = s.column_int64_opt(at + 10);
  return f;
}

}  // namespace

Result<std::optional<OccurrenceFacts>> get_occurrence_facts(store::Connection& c,
                                                            int64_t occurrence_id) {
  auto q = c.prepare(std::string("SELECT ") + kSignupFactsColumns +
                     " FROM activity_occurrences o JOIN activities a ON a.id = o.activity_id "
                     "WHERE o.id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, occurrence_id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<OccurrenceFacts>{};
  return std::optional<OccurrenceFacts>{signup_facts_row(*q, 0)};
}

Result<std::optional<SignupRecord>> get_signup(store::Connection& c, int64_t id) {
  auto q = c.prepare(std::string("SELECT ") + kSignupColumns +
                     " FROM activity_signups s WHERE s.id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, id);
  return signup_one(c, *q);
}

Result<std::optional<SignupRecord>> latest_signup_of(store::Connection& c, int64_t occurrence_id,
                                                     int64_t user_id) {
  auto q = c.prepare(std::string("SELECT ") + kSignupColumns +
                     " FROM activity_signups s WHERE s.occurrence_id = ? AND s.user_id = ? "
                     "ORDER BY s.id DESC LIMIT 1");
  if (!q.ok()) return q.status();
  q->bind(1, occurrence_id).bind(2, user_id);
  return signup_one(c, *q);
}

Result<std::vector<SignupRecord>> signups_of(store::Connection& c, int64_t occurrence_id) {
  auto q = c.prepare(std::string("SELECT ") + kSignupColumns +
                     " FROM activity_signups s WHERE s.occurrence_id = ? ORDER BY s.id");
  if (!q.ok()) return q.status();
  q->bind(1, occurrence_id);
  Result<std::vector<SignupRecord>> rows = store::collect<SignupRecord>(*q, signup_row_of);
  if (!rows.ok()) return rows.status();
  int64_t waiting = 0;
  for (SignupRecord& r : *rows)
    if (r.status == "waiting") r.position = ++waiting;  // the line is the id order
  return rows;
}

Result<std::vector<MySignup>> signups_of_user(store::Connection& c, int64_t user_id, bool upcoming,
                                              int64_t now, int limit) {
  auto q = c.prepare(std::string("SELECT ") + kSignupColumns + ", " + kSignupFactsColumns +
                     ", f.name, CASE WHEN a.venue_id IS NULL THEN a.address ELSE f.address END "
                     "FROM activity_signups s "
                     "JOIN activity_occurrences o ON o.id = s.occurrence_id "
                     "JOIN activities a ON a.id = o.activity_id "
                     "LEFT JOIN facilities f ON f.id = a.venue_id WHERE s.user_id = ? AND " +
                     (upcoming ? "o.ends_at > ? ORDER BY o.starts_at, s.id"
                               : "o.ends_at <= ? ORDER BY o.starts_at DESC, s.id DESC") +
                     " LIMIT ?");
  if (!q.ok()) return q.status();
  q->bind(1, user_id).bind(2, now).bind(3, static_cast<int64_t>(limit));
  Result<std::vector<MySignup>> rows = store::collect<MySignup>(*q, [](store::Statement& s) {
    MySignup m;
    m.signup = signup_row_of(s);
    m.occurrence = signup_facts_row(s, 11);
    m.occurrence_status = s.column_text(18);
    if (!s.column_is_null(22)) m.venue_name = s.column_text(22);
    m.address = s.column_is_null(23) ? "" : s.column_text(23);
    return m;
  });
  if (!rows.ok()) return rows.status();
  for (MySignup& m : *rows)
    if (Status s = signup_fill_position(c, m.signup); !s.ok()) return s;
  return rows;
}

Result<std::optional<Contact>> contact_of_user(store::Connection& c, int64_t user_id) {
  auto q = c.prepare("SELECT display_name, phone FROM users WHERE id = ? AND disabled = 0");
  if (!q.ok()) return q.status();
  q->bind(1, user_id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Contact>{};
  Contact k;
  k.name = q->column_text(0);
  if (!q->column_is_null(1)) k.phone = q->column_text(1);
  return std::optional<Contact>{std::move(k)};
}

Result<bool> phone_is_signed_up(store::Connection& c, int64_t occurrence_id,
                                std::string_view phone) {
  auto q = c.prepare(
      "SELECT 1 FROM activity_signups WHERE occurrence_id = ? AND phone = ? "
      "AND status IN ('confirmed', 'waiting', 'offered')");
  if (!q.ok()) return q.status();
  q->bind(1, occurrence_id).bind(2, phone);
  return q->step();
}

Result<bool> code_in_use(store::Connection& c, int64_t occurrence_id, std::string_view code) {
  // Every sign-up with the code, the statuses looked at here: with the status
  // in the WHERE, PostgreSQL's generic plan walked the occurrence's line
  // index (occurrence_id, status, id) and filtered on the code — 0.32 ms a
  // sign-up at 5,000 sign-ups on one date, growing with them — where
  // (occurrence_id, code) finds the one or two rows at once.
  auto q = c.prepare("SELECT status FROM activity_signups WHERE occurrence_id = ? AND code = ?");
  if (!q.ok()) return q.status();
  q->bind(1, occurrence_id).bind(2, code);
  while (true) {
    Result<bool> row = q->step();
    if (!row.ok() || !*row) return row;
    const std::string status = q->column_text(0);
    if (status == "confirmed" || status == "waiting" || status == "offered") return true;
  }
}

Result<std::optional<SignupRecord>> active_signup_with_code(store::Connection& c,
                                                            int64_t occurrence_id,
                                                            std::string_view code) {
  auto q = c.prepare(std::string("SELECT ") + kSignupColumns +
                     " FROM activity_signups s WHERE s.occurrence_id = ? AND s.code = ? "
                     "AND s.status IN ('confirmed', 'waiting', 'offered') "
                     "ORDER BY s.id DESC LIMIT 1");
  if (!q.ok()) return q.status();
  q->bind(1, occurrence_id).bind(2, code);
  return signup_one(c, *q);
}

Result<int64_t> insert_signup(store::Connection& c, const SignupRecord& r, int64_t now) {
  auto q = c.prepare(
      "INSERT INTO activity_signups (occurrence_id, user_id, by_user, name, phone, status, code, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, r.occurrence_id)
      .bind(2, r.user_id)
      .bind(3, r.by_user)
      .bind(4, r.name)
      .bind(5, r.phone)
      .bind(6, r.status)
      .bind(7, r.code)
      .bind(8, now)
      .bind(9, now);
  return q->returning_id();
}

Result<bool> move_signup(store::Connection& c, int64_t id, std::string_view from,
                         std::string_view to, int64_t now) {
  auto q = c.prepare(
      "UPDATE activity_signups SET status = ?, offer_expires_at = NULL, updated_at = ? "
      "WHERE id = ? AND status = ?");
  if (!q.ok()) return q.status();
  q->bind(1, to).bind(2, now).bind(3, id).bind(4, from);
  if (Status s = q->run(); !s.ok()) return s;
  return c.changes() == 1;
}

Status set_signup_attendance(store::Connection& c, int64_t id, std::string_view attendance,
                             int64_t by_user, int64_t now) {
  auto q = c.prepare(
      "UPDATE activity_signups SET attendance = ?, attendance_at = ?, attendance_by = ?, "
      "updated_at = ? WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, attendance).bind(2, now).bind(3, by_user).bind(4, now).bind(5, id);
  return q->run();
}

}  // namespace warmcity::activities
