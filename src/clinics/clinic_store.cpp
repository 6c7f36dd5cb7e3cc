// The free clinics' rows (clinic_store.h).
#include "clinics/clinic_store.h"

#include <algorithm>
#include <limits>

#include "store/sql_list.h"

namespace warmcity::clinics {

namespace {

ClinicRow clinic_row(store::Statement& q) {
  ClinicRow r;
  r.activity_id = q.column_int64(0);
  r.filing_number = q.column_text(1);
  r.slot_minutes = q.column_int64(2);
  r.places_per_slot = q.column_int64(3);
  r.created_by = q.column_int64(4);
  r.created_at = q.column_int64(5);
  r.updated_at = q.column_int64(6);
  return r;
}

HealthNote health_note_row(store::Statement& q) {
  HealthNote n;
  n.signup_id = q.column_int64(0);
  n.note = q.column_text(1);
  n.consent_at = q.column_int64(2);
  n.consent_recorded_by = q.column_int64(3);
  n.consent_version = q.column_text(4);
  return n;
}

}  // namespace

Status insert_clinic(store::Connection& c, const ClinicRow& row) {
  auto q = c.prepare(
      "INSERT INTO clinic_sessions (activity_id, filing_number, slot_minutes, places_per_slot, "
      "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  q->bind(1, row.activity_id)
      .bind(2, row.filing_number)
      .bind(3, row.slot_minutes)
      .bind(4, row.places_per_slot)
      .bind(5, row.created_by)
      .bind(6, row.created_at)
      .bind(7, row.updated_at);
  return q->run();
}

Status update_clinic(store::Connection& c, int64_t activity_id,
                     const std::optional<std::string>& filing_number, int64_t now) {
  auto q = c.prepare(
      "UPDATE clinic_sessions SET filing_number = COALESCE(?, filing_number), updated_at = ? "
      "WHERE activity_id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, filing_number).bind(2, now).bind(3, activity_id);
  return q->run();
}

Status replace_doctors(store::Connection& c, int64_t activity_id,
                       const std::vector<Doctor>& doctors) {
  auto gone = c.prepare("DELETE FROM clinic_doctors WHERE activity_id = ?");
  if (!gone.ok()) return gone.status();
  gone->bind(1, activity_id);
  if (Status s = gone->run(); !s.ok()) return s;
  int64_t seq = 0;
  for (const Doctor& d : doctors) {
    auto q = c.prepare(
        "INSERT INTO clinic_doctors (activity_id, seq, department, name, title, licence_number) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    if (!q.ok()) return q.status();
    q->bind(1, activity_id)
        .bind(2, ++seq)
        .bind(3, d.department)
        .bind(4, d.name)
        .bind(5, d.title)
        .bind(6, d.licence_number);
    if (Status s = q->run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<std::optional<ClinicRow>> load_clinic(store::Connection& c, int64_t activity_id) {
  auto q = c.prepare(
      "SELECT activity_id, filing_number, slot_minutes, places_per_slot, created_by, created_at, "
      "updated_at FROM clinic_sessions WHERE activity_id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, activity_id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ClinicRow>{};
  return std::optional<ClinicRow>{clinic_row(*q)};
}

Result<std::vector<Doctor>> doctors_of(store::Connection& c, int64_t activity_id) {
  auto q = c.prepare(
      "SELECT department, name, title, licence_number FROM clinic_doctors WHERE activity_id = ? "
      "ORDER BY seq");
  if (!q.ok()) return q.status();
  q->bind(1, activity_id);
  return store::collect<Doctor>(*q, [](store::Statement& s) {
    return Doctor{s.column_text(0), s.column_text(1), s.column_text(2), s.column_text(3)};
  });
}

Result<std::optional<ClinicSession>> load_session(store::Connection& c, int64_t activity_id) {
  Result<std::optional<ClinicRow>> row = load_clinic(c, activity_id);
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ClinicSession>{};
  ClinicSession s;
  s.clinic = std::move(**row);
  Result<activities::ActivityRecord> a = activities::load_activity(c, activity_id);
  if (!a.ok()) return a.status();
  s.activity = std::move(*a);
  Result<std::vector<Doctor>> doctors = doctors_of(c, activity_id);
  if (!doctors.ok()) return doctors.status();
  s.doctors = std::move(*doctors);
  Result<std::vector<activities::OccurrenceRecord>> slots = activities::occurrences_of(
      c, activity_id, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
  if (!slots.ok()) return slots.status();
  s.slots = std::move(*slots);
  return std::optional<ClinicSession>{std::move(s)};
}

Result<std::optional<int64_t>> clinic_of_occurrence(store::Connection& c, int64_t occurrence_id) {
  auto q = c.prepare(
      "SELECT s.activity_id FROM activity_occurrences o JOIN clinic_sessions s "
      "ON s.activity_id = o.activity_id WHERE o.id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, occurrence_id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>{};
  return std::optional<int64_t>{q->column_int64(0)};
}

Result<std::vector<int64_t>> sessions_in_window(store::Connection& c, int64_t from, int64_t until,
                                                std::optional<int64_t> community_id, int limit) {
  // The community is the activity's own, or its venue's (as the activities' list).
  const std::string in_community =
      community_id ? "AND COALESCE(a.community_id, (SELECT v.community_id FROM facilities v "
                     "WHERE v.id = a.venue_id)) = ? "
                   : "";
  auto q = c.prepare(
      "SELECT s.activity_id, (SELECT MIN(f.starts_at) FROM activity_occurrences f "
      "WHERE f.activity_id = s.activity_id) AS first_start "
      "FROM clinic_sessions s JOIN activities a ON a.id = s.activity_id "
      "WHERE EXISTS (SELECT 1 FROM activity_occurrences o WHERE o.activity_id = s.activity_id "
      "AND o.starts_at >= ? AND o.starts_at < ?) " +
      in_community + "ORDER BY first_start, s.activity_id LIMIT ?");
  if (!q.ok()) return q.status();
  q->bind(1, from).bind(2, until);
  if (community_id) q->bind(3, *community_id);
  q->bind(community_id ? 4 : 3, int64_t{limit});
  return store::collect<int64_t>(*q, [](store::Statement& s) { return s.column_int64(0); });
}

Result<std::vector<int64_t>> sessions_of_organisers(store::Connection& c,
                                                    const std::optional<std::vector<int64_t>>& orgs,
                                                    int limit) {
  std::string sql =
      "SELECT s.activity_id FROM clinic_sessions s JOIN activities a ON a.id = s.activity_id";
  const size_t padded = orgs ? store::padded_length(std::max<size_t>(orgs->size(), 1)) : 0;
  if (orgs) sql += " WHERE a.organiser_org_id IN (" + store::placeholders(padded) + ")";
  sql += " ORDER BY s.activity_id DESC LIMIT ?";
  auto q = c.prepare(sql);
  if (!q.ok()) return q.status();
  int i = 1;
  for (size_t n = 0; n < padded; ++n)  // none: IN (0), no organiser has id 0
    q->bind(i++, orgs->empty() ? int64_t{0} : (*orgs)[std::min(n, orgs->size() - 1)]);
  q->bind(i, int64_t{limit});
  return store::collect<int64_t>(*q, [](store::Statement& s) { return s.column_int64(0); });
}

Status insert_health_note(store::Connection& c, const HealthNote& n) {
  auto q = c.prepare(
      "INSERT INTO clinic_health_notes (signup_id, note, consent_at, consent_recorded_by, "
      "consent_version) VALUES (?, ?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  q->bind(1, n.signup_id)
      .bind(2, n.note)
      .bind(3, n.consent_at)
      .bind(4, n.consent_recorded_by)
      .bind(5, n.consent_version);
  return q->run();
}

Result<std::optional<HealthNote>> health_note_of(store::Connection& c, int64_t signup_id) {
  auto q = c.prepare(
      "SELECT signup_id, note, consent_at, consent_recorded_by, consent_version "
      "FROM clinic_health_notes WHERE signup_id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, signup_id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<HealthNote>{};
  return std::optional<HealthNote>{health_note_row(*q)};
}

Result<std::map<int64_t, std::string>> health_notes_on(store::Connection& c,
                                                       int64_t occurrence_id) {
  auto q = c.prepare(
      "SELECT n.signup_id, n.note FROM clinic_health_notes n JOIN activity_signups s "
      "ON s.id = n.signup_id WHERE s.occurrence_id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, occurrence_id);
  std::map<int64_t, std::string> out;
  while (true) {
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.emplace(q->column_int64(0), q->column_text(1));
  }
  return out;
}

Result<int64_t> forget_health_notes(store::Connection& c, int64_t user_id,
                                    const std::optional<std::string>& phone) {
  auto q = c.prepare(
      "DELETE FROM clinic_health_notes WHERE signup_id IN "
      "(SELECT id FROM activity_signups WHERE user_id = ?1 OR phone = ?2)");
  if (!q.ok()) return q.status();
  q->bind(1, user_id).bind(2, phone);
  if (Status r = q->run(); !r.ok()) return r;
  return int64_t{c.changes()};
}

}  // namespace warmcity::clinics
