// The certificates' SQL (certificate_store.h).
#include "volunteers/certificate_store.h"

#include <utility>

#include "volunteers/certificate_json.h"
#include "volunteers/certificate_number.h"

namespace warmcity::volunteers {

namespace {

constexpr const char* kCertColumns =
    "c.id, c.number, c.volunteer_id, c.team_org_id, c.period_from, c.period_to, c.minutes, "
    "c.volunteer_name, c.id_number_masked, c.volunteer_no, c.content, c.issuer_name, "
    "c.responsible_person, c.contact_phone, c.handler_user_id, c.handler_name, c.issued_on, "
    "c.note, c.request_id, c.superseded_by, n.number, c.superseded_at, c.created_at "
    "FROM volunteer_certificates c LEFT JOIN volunteer_certificates n ON n.id = c.superseded_by ";

Certificate cert_row(store::Statement& s) {
  Certificate c;
  c.id = s.column_int64(0);
  c.number = s.column_text(1);
  c.volunteer_id = s.column_int64(2);
  c.team_id = s.column_int64(3);
  c.from = s.column_text(4);
  c.to = s.column_text(5);
  c.minutes = s.column_int64(6);
  c.volunteer_name = s.column_text(7);
  c.id_number_masked = s.column_text(8);
  c.volunteer_no = s.column_text(9);
  // The content was written by content_text(): a row that does not read
  // back shows no lines rather than failing every read of the volunteer.
  Result<std::vector<CertificateLine>> lines = content_from_text(s.column_text(10));
  if (lines.ok()) c.content = std::move(*lines);
  c.issuer_name = s.column_text(11);
  c.responsible_person = s.column_text(12);
  c.contact_phone = s.column_text(13);
  c.handler_user_id = s.column_int64(14);
  c.handler_name = s.column_text(15);
  c.issued_on = s.column_text(16);
  c.note = s.column_text(17);
  c.request_id = s.column_int64_opt(18);
  c.superseded_by = s.column_int64_opt(19);
  c.superseded_by_number = s.column_text_opt(20);
  c.superseded_at = s.column_int64_opt(21);
  c.created_at = s.column_int64(22);
  return c;
}

constexpr const char* kCertRequestColumns =
    "r.id, r.volunteer_id, v.name, v.volunteer_no, r.team_org_id, r.period_from, r.period_to, "
    "r.state, r.requested_by, r.requested_at, r.certificate_id, r.answered_at "
    "FROM volunteer_certificate_requests r JOIN volunteers v ON v.id = r.volunteer_id ";

CertificateRequest cert_request_row(store::Statement& s) {
  CertificateRequest r;
  r.id = s.column_int64(0);
  r.volunteer_id = s.column_int64(1);
  r.volunteer_name = s.column_text(2);
  r.volunteer_no = s.column_text(3);
  r.team_id = s.column_int64(4);
  r.from = s.column_text(5);
  r.to = s.column_text(6);
  r.state = s.column_text(7);
  r.requested_by = s.column_int64(8);
  r.requested_at = s.column_int64(9);
  r.certificate_id = s.column_int64_opt(10);
  r.answered_at = s.column_int64_opt(11);
  return r;
}

template <class T, class Read>
Result<std::optional<T>> cert_one_row(store::Statement& s, Read read) {
  Result<bool> row = s.step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<T>();
  return std::optional<T>(read(s));
}

}  // namespace

Result<std::vector<CountedRecord>> counted_records(store::Connection& c, int64_t volunteer_id,
                                                   const std::string& from, const std::string& to) {
  // A correction (corrects_id set) counts under the record it corrects.
  Result<store::Statement> s = c.prepare(
      "SELECT CASE WHEN r.corrects_id IS NULL THEN r.organiser_org_id ELSE o.organiser_org_id "
      "END, CASE WHEN r.corrects_id IS NULL THEN r.organiser_name ELSE o.organiser_name END, "
      "r.content, r.minutes, CASE WHEN r.corrects_id IS NULL THEN 0 ELSE 1 END, "
      "CASE WHEN r.corrects_id IS NULL THEN r.service_date ELSE o.service_date END AS served "
      "FROM volunteer_records r LEFT JOIN volunteer_records o ON o.id = r.corrects_id "
      "WHERE r.volunteer_id = ? AND r.state = 'confirmed' AND "
      "CASE WHEN r.corrects_id IS NULL THEN r.service_date ELSE o.service_date END "
      "BETWEEN ? AND ? ORDER BY served, r.id");
  if (!s.ok()) return s.status();
  s->bind(1, volunteer_id).bind(2, from).bind(3, to);
  return store::collect<CountedRecord>(*s, [](store::Statement& q) {
    return CountedRecord{q.column_int64_opt(0), q.column_text(1), q.column_text(2),
                         q.column_int64(3), q.column_int64(4) == 1};
  });
}

Result<bool> team_member_in(store::Connection& c, int64_t volunteer_id, int64_t team_id,
                            int64_t from_unix, int64_t to_unix) {
  Result<store::Statement> s = c.prepare(
      "SELECT 1 FROM volunteer_team_members WHERE volunteer_id = ? AND team_org_id = ? AND "
      "(left_at IS NULL OR (joined_at < ? AND left_at >= ?))");
  if (!s.ok()) return s.status();
  s->bind(1, volunteer_id).bind(2, team_id).bind(3, to_unix).bind(4, from_unix);
  return s->step();
}

Result<std::optional<VolunteerFacts>> volunteer_facts(store::Connection& c, int64_t volunteer_id) {
  Result<store::Statement> s =
      c.prepare("SELECT name, id_number, volunteer_no, user_id FROM volunteers WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, volunteer_id);
  return cert_one_row<VolunteerFacts>(*s, [](store::Statement& q) {
    return VolunteerFacts{q.column_text(0), q.column_text_opt(1), q.column_text(2),
                          q.column_int64_opt(3)};
  });
}

Result<std::optional<TeamFacts>> team_facts(store::Connection& c, int64_t team_id) {
  Result<store::Statement> s = c.prepare(
      "SELECT o.name, t.responsible_person, t.contact_phone FROM organisations o "
      "LEFT JOIN volunteer_teams t ON t.org_id = o.id WHERE o.id = ? AND o.kind = "
      "'volunteer_team'");
  if (!s.ok()) return s.status();
  s->bind(1, team_id);
  return cert_one_row<TeamFacts>(*s, [](store::Statement& q) {
    return TeamFacts{q.column_text(0), q.column_text(1), q.column_text(2)};
  });
}

Result<std::string> user_display_name(store::Connection& c, int64_t user_id) {
  Result<store::Statement> s = c.prepare("SELECT display_name FROM users WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, user_id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  return *row ? s->column_text(0) : std::string();
}

Status insert_certificate(store::Connection& c, Certificate& cert, int year) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    const std::string number = new_certificate_number(year);
    Result<store::Statement> q = c.prepare("SELECT 1 FROM volunteer_certificates WHERE number = ?");
    if (!q.ok()) return q.status();
    q->bind(1, number);
    Result<bool> taken = q->step();
    if (!taken.ok()) return taken.status();
    if (*taken) continue;
    cert.number = number;
    Result<store::Statement> s = c.prepare(
        "INSERT INTO volunteer_certificates (number, volunteer_id, team_org_id, period_from, "
        "period_to, minutes, volunteer_name, id_number_masked, volunteer_no, content, "
        "issuer_name, responsible_person, contact_phone, handler_user_id, handler_name, "
        "issued_on, note, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?) RETURNING id");
    if (!s.ok()) return s.status();
    s->bind(1, cert.number).bind(2, cert.volunteer_id).bind(3, cert.team_id).bind(4, cert.from);
    s->bind(5, cert.to).bind(6, cert.minutes).bind(7, cert.volunteer_name);
    s->bind(8, cert.id_number_masked).bind(9, cert.volunteer_no);
    s->bind(10, content_text(cert.content)).bind(11, cert.issuer_name);
    s->bind(12, cert.responsible_person).bind(13, cert.contact_phone);
    s->bind(14, cert.handler_user_id).bind(15, cert.handler_name).bind(16, cert.issued_on);
    s->bind(17, cert.note).bind(18, cert.request_id).bind(19, cert.created_at);
    Result<int64_t> id = s->returning_id();
    if (!id.ok()) return id.status();
    cert.id = *id;
    return Status::Ok();
  }
  return Status::Unavailable("no free certificate number");
}

Status supersede(store::Connection& c, int64_t id, int64_t by_id, int64_t at) {
  Result<store::Statement> s = c.prepare(
      "UPDATE volunteer_certificates SET superseded_by = ?, superseded_at = ? WHERE id = ? AND "
      "superseded_by IS NULL");
  if (!s.ok()) return s.status();
  s->bind(1, by_id).bind(2, at).bind(3, id);
  if (Status r = s->run(); !r.ok()) return r;
  if (c.changes() == 0) return Status::Conflict("superseded: the certificate was already reissued");
  return Status::Ok();
}

Result<std::optional<Certificate>> certificate_by_id(store::Connection& c, int64_t id) {
  Result<store::Statement> s = c.prepare(std::string("SELECT ") + kCertColumns + "WHERE c.id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  return cert_one_row<Certificate>(*s, cert_row);
}

Result<std::optional<Certificate>> certificate_by_number(store::Connection& c,
                                                         const std::string& number) {
  Result<store::Statement> s =
      c.prepare(std::string("SELECT ") + kCertColumns + "WHERE c.number = ?");
  if (!s.ok()) return s.status();
  s->bind(1, number);
  return cert_one_row<Certificate>(*s, cert_row);
}

Result<std::vector<Certificate>> certificates_of_volunteer(store::Connection& c,
                                                           int64_t volunteer_id) {
  Result<store::Statement> s = c.prepare(std::string("SELECT ") + kCertColumns +
                                         "WHERE c.volunteer_id = ? ORDER BY c.id DESC LIMIT " +
                                         std::to_string(kMaxCertificatesListed));
  if (!s.ok()) return s.status();
  s->bind(1, volunteer_id);
  return store::collect<Certificate>(*s, cert_row);
}

Result<int64_t> insert_request(store::Connection& c, const CertificateRequest& r) {
  Result<store::Statement> s = c.prepare(
      "INSERT INTO volunteer_certificate_requests (volunteer_id, team_org_id, period_from, "
      "period_to, state, requested_by, requested_at) VALUES (?, ?, ?, ?, 'open', ?, ?) "
      "RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, r.volunteer_id).bind(2, r.team_id).bind(3, r.from).bind(4, r.to);
  s->bind(5, r.requested_by).bind(6, r.requested_at);
  return s->returning_id();
}

Result<std::optional<CertificateRequest>> request_by_id(store::Connection& c, int64_t id) {
  Result<store::Statement> s =
      c.prepare(std::string("SELECT ") + kCertRequestColumns + "WHERE r.id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  return cert_one_row<CertificateRequest>(*s, cert_request_row);
}

Result<bool> open_request_exists(store::Connection& c, int64_t volunteer_id, int64_t team_id) {
  Result<store::Statement> s = c.prepare(
      "SELECT 1 FROM volunteer_certificate_requests WHERE volunteer_id = ? AND team_org_id = ? "
      "AND state = 'open'");
  if (!s.ok()) return s.status();
  s->bind(1, volunteer_id).bind(2, team_id);
  return s->step();
}

Result<std::vector<CertificateRequest>> requests_of_team(store::Connection& c, int64_t team_id,
                                                         const std::string& state) {
  Result<store::Statement> s = c.prepare(std::string("SELECT ") + kCertRequestColumns +
                                         "WHERE r.team_org_id = ? AND (CAST(? AS TEXT) = '' OR "
                                         "r.state = ?) ORDER BY r.id DESC LIMIT " +
                                         std::to_string(kMaxCertificatesListed));
  if (!s.ok()) return s.status();
  s->bind(1, team_id).bind(2, state).bind(3, state);
  return store::collect<CertificateRequest>(*s, cert_request_row);
}

Status answer_request(store::Connection& c, int64_t id, int64_t certificate_id, int64_t at) {
  Result<store::Statement> s = c.prepare(
      "UPDATE volunteer_certificate_requests SET state = 'answered', certificate_id = ?, "
      "answered_at = ? WHERE id = ? AND state = 'open'");
  if (!s.ok()) return s.status();
  s->bind(1, certificate_id).bind(2, at).bind(3, id);
  if (Status r = s->run(); !r.ok()) return r;
  if (c.changes() == 0)
    return Status::Conflict("request_answered: the request was already answered");
  return Status::Ok();
}

}  // namespace warmcity::volunteers
