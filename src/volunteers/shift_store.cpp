// The shifts' and sign-ups' rows (shift_store.h).
#include "volunteers/shift_store.h"

#include <functional>

namespace warmcity::volunteers {

namespace {

const char* const kShiftSelect =
    "SELECT s.id, s.occurrence_id, s.title, s.starts_at, s.ends_at, s.capacity, s.min_age, "
    "s.risky, s.training, s.team_org_id, s.code, s.status, s.created_by, s.created_at, "
    "o.local_date, o.status, a.id, a.organiser_org_id, a.status, "
    "(SELECT COUNT(*) FROM volunteer_signups g WHERE g.shift_id = s.id AND g.status = 'signed'), "
    "(SELECT COUNT(*) FROM volunteer_signups g WHERE g.shift_id = s.id AND g.status = 'signed' "
    "AND g.checked_in_at IS NOT NULL), "
    "s.cancel_reason, s.cancelled_by, s.cancelled_at "
    "FROM volunteer_shifts s JOIN activity_occurrences o ON o.id = s.occurrence_id "
    "JOIN activities a ON a.id = o.activity_id ";

ShiftRow read_shift_row(const store::Statement& s) {
  ShiftRow r;
  r.id = s.column_int64(0);
  r.occurrence_id = s.column_int64(1);
  r.title = s.column_text(2);
  r.starts_at = s.column_int64(3);
  r.ends_at = s.column_int64(4);
  r.capacity = s.column_int64(5);
  r.min_age = s.column_int64(6);
  r.risky = s.column_int64(7) != 0;
  r.training = s.column_text_opt(8);
  r.team_org_id = s.column_int64_opt(9);
  r.code = s.column_text(10);
  r.status = s.column_text(11);
  r.created_by = s.column_int64(12);
  r.created_at = s.column_int64(13);
  r.date = s.column_text(14);
  r.occurrence_status = s.column_text(15);
  r.activity_id = s.column_int64(16);
  r.organiser_org_id = s.column_int64(17);
  r.activity_status = s.column_text(18);
  r.signed_up = s.column_int64(19);
  r.checked_in = s.column_int64(20);
  r.cancel_reason = s.column_text_opt(21);
  r.cancelled_by = s.column_int64_opt(22);
  r.cancelled_at = s.column_int64_opt(23);
  return r;
}

const char* const kSignupSelect =
    "SELECT g.id, g.shift_id, g.volunteer_id, v.volunteer_no, v.name, v.user_id, g.status, "
    "g.signed_by, g.signed_at, g.cancelled_at, g.checked_in_at, g.checked_in_by, "
    "g.checked_out_at, g.checked_out_by, g.code_failures, g.minutes, g.record_id "
    "FROM volunteer_signups g JOIN volunteers v ON v.id = g.volunteer_id ";

SignupRow read_signup_row(const store::Statement& s) {
  SignupRow r;
  r.id = s.column_int64(0);
  r.shift_id = s.column_int64(1);
  r.volunteer_id = s.column_int64(2);
  r.volunteer_no = s.column_text(3);
  r.volunteer_name = s.column_text(4);
  r.volunteer_user_id = s.column_int64_opt(5);
  r.status = s.column_text(6);
  r.signed_by = s.column_int64(7);
  r.signed_at = s.column_int64(8);
  r.cancelled_at = s.column_int64_opt(9);
  r.checked_in_at = s.column_int64_opt(10);
  r.checked_in_by = s.column_int64_opt(11);
  r.checked_out_at = s.column_int64_opt(12);
  r.checked_out_by = s.column_int64_opt(13);
  r.code_failures = s.column_int64(14);
  r.minutes = s.column_int64_opt(15);
  r.record_id = s.column_int64_opt(16);
  return r;
}

Status shift_store_update(store::Connection& c, const std::string& sql,
                          const std::function<void(store::Statement&)>& bind) {
  Result<store::Statement> s = c.prepare(sql);
  if (!s.ok()) return s.status();
  bind(*s);
  return s->run();
}

}  // namespace

Result<std::optional<ShiftRow>> load_shift(store::Connection& c, int64_t id) {
  Result<store::Statement> s = c.prepare(std::string(kShiftSelect) + "WHERE s.id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ShiftRow>();
  return std::optional<ShiftRow>(read_shift_row(*s));
}

Result<std::vector<ShiftRow>> shifts_of_occurrence(store::Connection& c, int64_t occurrence_id) {
  Result<store::Statement> s =
      c.prepare(std::string(kShiftSelect) + "WHERE s.occurrence_id = ? ORDER BY s.starts_at, s.id");
  if (!s.ok()) return s.status();
  s->bind(1, occurrence_id);
  return store::collect<ShiftRow>(*s, read_shift_row);
}

Result<std::vector<ShiftRow>> shifts_of_team(store::Connection& c, int64_t team_org_id,
                                             int64_t from, int64_t until, int64_t limit) {
  Result<store::Statement> s =
      c.prepare(std::string(kShiftSelect) +
                "WHERE s.team_org_id = ? AND s.starts_at >= ? AND s.starts_at < ? "
                "ORDER BY s.starts_at, s.id LIMIT ?");
  if (!s.ok()) return s.status();
  s->bind(1, team_org_id).bind(2, from).bind(3, until).bind(4, limit);
  return store::collect<ShiftRow>(*s, read_shift_row);
}

Result<int64_t> insert_shift(store::Connection& c, const ShiftRow& r) {
  Result<store::Statement> s = c.prepare(
      "INSERT INTO volunteer_shifts (occurrence_id, title, starts_at, ends_at, capacity, min_age, "
      "risky, training, team_org_id, code, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, 'active', ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, r.occurrence_id);
  s->bind(2, r.title);
  s->bind(3, r.starts_at);
  s->bind(4, r.ends_at);
  s->bind(5, r.capacity);
  s->bind(6, r.min_age);
  s->bind(7, int64_t{r.risky ? 1 : 0});
  s->bind(8, r.training);
  s->bind(9, r.team_org_id);
  s->bind(10, r.code);
  s->bind(11, r.created_by);
  s->bind(12, r.created_at);
  return s->returning_id();
}

Status cancel_shift_row(store::Connection& c, int64_t id, const std::string& reason, int64_t by,
                        int64_t at) {
  return shift_store_update(
      c,
      "UPDATE volunteer_shifts SET status = 'cancelled', cancel_reason = ?, cancelled_by = ?, "
      "cancelled_at = ? WHERE id = ? AND status = 'active'",
      [&](store::Statement& s) { s.bind(1, reason).bind(2, by).bind(3, at).bind(4, id); });
}

Result<std::optional<SignupRow>> load_signup(store::Connection& c, int64_t id) {
  Result<store::Statement> s = c.prepare(std::string(kSignupSelect) + "WHERE g.id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SignupRow>();
  return std::optional<SignupRow>(read_signup_row(*s));
}

Result<std::vector<SignupRow>> signups_of_shift(store::Connection& c, int64_t shift_id) {
  Result<store::Statement> s =
      c.prepare(std::string(kSignupSelect) + "WHERE g.shift_id = ? ORDER BY g.id");
  if (!s.ok()) return s.status();
  s->bind(1, shift_id);
  return store::collect<SignupRow>(*s, read_signup_row);
}

Result<std::vector<SignupRow>> signups_of_volunteer(store::Connection& c, int64_t volunteer_id,
                                                    int64_t limit) {
  Result<store::Statement> s =
      c.prepare(std::string(kSignupSelect) + "WHERE g.volunteer_id = ? ORDER BY g.id DESC LIMIT ?");
  if (!s.ok()) return s.status();
  s->bind(1, volunteer_id);
  s->bind(2, limit);
  return store::collect<SignupRow>(*s, read_signup_row);
}

Result<bool> is_signed_up(store::Connection& c, int64_t shift_id, int64_t volunteer_id) {
  Result<store::Statement> s = c.prepare(
      "SELECT 1 FROM volunteer_signups WHERE shift_id = ? AND volunteer_id = ? AND status = "
      "'signed'");
  if (!s.ok()) return s.status();
  s->bind(1, shift_id);
  s->bind(2, volunteer_id);
  return s->step();
}

Result<int64_t> insert_signup(store::Connection& c, int64_t shift_id, int64_t volunteer_id,
                              int64_t by, int64_t at) {
  Result<store::Statement> s = c.prepare(
      "INSERT INTO volunteer_signups (shift_id, volunteer_id, status, signed_by, signed_at) "
      "VALUES (?, ?, 'signed', ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, shift_id);
  s->bind(2, volunteer_id);
  s->bind(3, by);
  s->bind(4, at);
  return s->returning_id();
}

Status cancel_signup_row(store::Connection& c, int64_t id, int64_t at) {
  return shift_store_update(
      c, "UPDATE volunteer_signups SET status = 'cancelled', cancelled_at = ? WHERE id = ?",
      [&](store::Statement& s) { s.bind(1, at).bind(2, id); });
}

Result<int64_t> cancel_open_signups(store::Connection& c, int64_t shift_id, int64_t at) {
  Status s =
      shift_store_update(c,
                         "UPDATE volunteer_signups SET status = 'cancelled', cancelled_at = ? "
                         "WHERE shift_id = ? AND status = 'signed' AND checked_in_at IS NULL",
                         [&](store::Statement& q) { q.bind(1, at).bind(2, shift_id); });
  if (!s.ok()) return s;
  return static_cast<int64_t>(c.changes());
}

Status set_checked_in(store::Connection& c, int64_t id, int64_t at, std::optional<int64_t> by) {
  return shift_store_update(
      c, "UPDATE volunteer_signups SET checked_in_at = ?, checked_in_by = ? WHERE id = ?",
      [&](store::Statement& s) { s.bind(1, at).bind(2, by).bind(3, id); });
}

Status set_checked_out(store::Connection& c, int64_t id, int64_t at, std::optional<int64_t> by,
                       int64_t minutes, int64_t record_id) {
  return shift_store_update(
      c,
      "UPDATE volunteer_signups SET checked_out_at = ?, checked_out_by = ?, "
      "minutes = ?, record_id = ? WHERE id = ?",
      [&](store::Statement& s) {
        s.bind(1, at).bind(2, by).bind(3, minutes).bind(4, record_id).bind(5, id);
      });
}

Status add_code_failure(store::Connection& c, int64_t id) {
  return shift_store_update(
      c, "UPDATE volunteer_signups SET code_failures = code_failures + 1 WHERE id = ?",
      [&](store::Statement& s) { s.bind(1, id); });
}

Result<std::optional<SignupVolunteer>> load_signup_volunteer(store::Connection& c,
                                                             int64_t volunteer_id) {
  Result<store::Statement> s = c.prepare(
      "SELECT status, birth_date, insurance_until, trainings FROM volunteers WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, volunteer_id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SignupVolunteer>();
  SignupVolunteer f;
  f.status = s->column_text(0);
  f.birth_date = s->column_text_opt(1);
  f.insurance_until = s->column_text_opt(2);
  f.trainings = parse_trainings(s->column_text(3));
  return std::optional<SignupVolunteer>(std::move(f));
}

Result<bool> is_volunteer_team(store::Connection& c, int64_t org_id) {
  Result<store::Statement> s =
      c.prepare("SELECT 1 FROM organisations WHERE id = ? AND kind = 'volunteer_team'");
  if (!s.ok()) return s.status();
  s->bind(1, org_id);
  return s->step();
}

Result<int64_t> confirm_shift_records(store::Connection& c, int64_t shift_id, int64_t by,
                                      int64_t at) {
  Result<store::Statement> s = c.prepare(
      "UPDATE volunteer_records SET state = 'confirmed', confirmed_by = ?, confirmed_at = ? "
      "WHERE state = 'submitted' AND source = 'shift' AND source_id IN "
      "(SELECT id FROM volunteer_signups WHERE shift_id = ?)");
  if (!s.ok()) return s.status();
  s->bind(1, by);
  s->bind(2, at);
  s->bind(3, shift_id);
  if (Status st = s->run(); !st.ok()) return st;
  return static_cast<int64_t>(c.changes());
}

}  // namespace warmcity::volunteers
