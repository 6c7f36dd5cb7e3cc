// Volunteer service certificates (certificate_service.h).
#include "volunteers/certificate_service.h"

#include <algorithm>
#include <map>
#include <utility>

#include "accounts/audit.h"
#include "core/time.h"
#include "volunteers/certificate_number.h"
#include "volunteers/certificate_store.h"
#include "volunteers/volunteer.h"
#include "volunteers/volunteer_access.h"

namespace warmcity::volunteers {

namespace {

Status cert_not_found() { return Status::NotFound("no volunteer certificate with that id"); }

Status cert_audit(store::Connection& c, const Caller& by, const std::string& action,
                  const std::string& subject_type, const std::string& subject_id,
                  std::string detail, int64_t at) {
  return accounts::append_audit(
      c, accounts::audit_entry(by, action, subject_type, subject_id, std::move(detail)), at);
}

// The personal-data read of certificates by someone else than the volunteer.
Status cert_audit_read(store::Connection& c, const Caller& by, const std::string& subject_type,
                       const std::string& subject_id, std::vector<int64_t> ids, int64_t at) {
  accounts::AuditDetail d;
  d.add_strings("fields", {"certificate"}).add("purpose", "volunteer");
  if (!ids.empty()) d.add_ints("certificate_ids", ids);
  return cert_audit(c, by, "personal_data.read", subject_type, subject_id, d.str(), at);
}

// [from 00:00, the day after `to` 00:00), district time.
std::pair<int64_t, int64_t> cert_period_span(const CertificatePeriod& p) {
  return {core::local_midnight_unix(p.from),
          core::local_midnight_unix(p.to) + core::kSecondsPerDay};
}

// Counts the volunteer's confirmed minutes in the period and writes the
// certificate `out` (its volunteer, team, period, request and handler set
// by the caller), with the facts as they are now.
Status cert_write(store::Connection& c, Certificate& out, core::LocalDate today, int64_t at) {
  Result<std::optional<VolunteerFacts>> v = volunteer_facts(c, out.volunteer_id);
  if (!v.ok()) return v.status();
  if (!*v) return Status::NotFound("no such volunteer");
  Result<std::optional<TeamFacts>> team = team_facts(c, out.team_id);
  if (!team.ok()) return team.status();
  if (!*team) return Status::NotFound("no such volunteer team");
  Result<std::vector<CountedRecord>> rows = counted_records(c, out.volunteer_id, out.from, out.to);
  if (!rows.ok()) return rows.status();
  out.content = certificate_content(*rows);
  out.minutes = content_minutes(out.content);
  if (out.content.empty() || out.minutes <= 0)
    return Status::Conflict("no_hours: no confirmed volunteer hours in the period");
  out.volunteer_name = (*v)->name;
  out.id_number_masked = (*v)->id_number ? mask_id_number(*(*v)->id_number) : "";
  out.volunteer_no = (*v)->volunteer_no;
  out.issuer_name = (*team)->name;
  out.responsible_person = (*team)->responsible_person;
  out.contact_phone = (*team)->contact_phone;
  Result<std::string> handler = user_display_name(c, out.handler_user_id);
  if (!handler.ok()) return handler.status();
  out.handler_name = *handler;
  out.issued_on = core::format_date(today);
  out.note = std::string(kCertificateNote);
  out.created_at = at;
  return insert_certificate(c, out, today.year);
}

std::string cert_issue_detail(const Certificate& cert) {
  accounts::AuditDetail d;
  d.add("number", cert.number)
      .add("volunteer_id", cert.volunteer_id)
      .add("team_id", cert.team_id)
      .add("from", cert.from)
      .add("to", cert.to)
      .add("minutes", cert.minutes);
  if (cert.request_id) d.add("request_id", *cert.request_id);
  return d.str();
}

// Whether the caller is the volunteer of `volunteer_id` (their account).
Result<bool> cert_is_self(store::Connection& c, const Caller& by, int64_t volunteer_id) {
  Result<std::optional<VolunteerFacts>> v = volunteer_facts(c, volunteer_id);
  if (!v.ok()) return v.status();
  return by.signed_in() && *v && (*v)->user_id && *(*v)->user_id == by.user_id;
}

// The volunteer, or the team admins of the certificate's team.
Result<bool> cert_may_read(store::Connection& c, const Caller& by, const Certificate& cert) {
  Result<bool> self = cert_is_self(c, by, cert.volunteer_id);
  if (!self.ok() || *self) return self;
  if (Status s = require_team_admin(c, by, cert.team_id); !s.ok()) return s;
  return false;
}

}  // namespace

CertificateService::CertificateService(store::Database& db, std::function<int64_t()> now)
    : db_(db), now_(std::move(now)) {}

int64_t CertificateService::now() const { return now_ ? now_() : core::now_unix(); }

core::LocalDate CertificateService::today() const { return core::local_date_of(now()); }

void CertificateService::issue(IssueInput in, Caller by, LedgerDone<Certificate> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  const core::LocalDate day = today();
  Result<CertificatePeriod> period = check_certificate_period(in.from, in.to, day);
  if (!period.ok()) return done(period.status());
  const int64_t at = now();
  ledger_job<Certificate>(
      db_,
      [in = std::move(in), by, at, day, p = *period](store::Connection& c,
                                                     Certificate& out) -> Status {
        Result<std::optional<TeamFacts>> team = team_facts(c, in.team_id);
        if (!team.ok()) return team.status();
        if (!*team)
          return Status::Unprocessable("no such team", {{"team_id", "a volunteer team's id"}});
        if (Status s = require_team_admin(c, by, in.team_id); !s.ok()) return s;
        Result<std::optional<VolunteerFacts>> v = volunteer_facts(c, in.volunteer_id);
        if (!v.ok()) return v.status();
        if (!*v)
          return Status::Unprocessable("no such volunteer", {{"volunteer_id", "a volunteer's id"}});
        const auto [from_unix, to_unix] = cert_period_span(p);
        Result<bool> member = team_member_in(c, in.volunteer_id, in.team_id, from_unix, to_unix);
        if (!member.ok()) return member.status();
        if (!*member)
          return Status::Conflict(
              "not_member: the volunteer was no member of the team now or in the period");
        if (in.request_id) {
          Result<std::optional<CertificateRequest>> r = request_by_id(c, *in.request_id);
          if (!r.ok()) return r.status();
          if (!*r || (*r)->volunteer_id != in.volunteer_id || (*r)->team_id != in.team_id)
            return Status::Unprocessable(
                "no such request", {{"request_id", "a request of this volunteer to this team"}});
          if ((*r)->state != "open")
            return Status::Conflict("request_answered: the request was already answered");
        }
        out.volunteer_id = in.volunteer_id;
        out.team_id = in.team_id;
        out.from = in.from;
        out.to = in.to;
        out.request_id = in.request_id;
        out.handler_user_id = by.user_id;
        if (Status s = cert_write(c, out, day, at); !s.ok()) return s;
        if (in.request_id) {
          if (Status s = answer_request(c, *in.request_id, out.id, at); !s.ok()) return s;
        }
        return cert_audit(c, by, "volunteer.certificate_issue", "volunteer_certificate",
                          std::to_string(out.id), cert_issue_detail(out), at);
      },
      std::move(done));
}

void CertificateService::reissue(int64_t id, Caller by, LedgerDone<Certificate> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  const core::LocalDate day = today();
  const int64_t at = now();
  ledger_job<Certificate>(
      db_,
      [id, by, at, day](store::Connection& c, Certificate& out) -> Status {
        Result<std::optional<Certificate>> old = certificate_by_id(c, id);
        if (!old.ok()) return old.status();
        if (!*old) return cert_not_found();
        if (Status s = require_team_admin(c, by, (*old)->team_id); !s.ok()) return s;
        if ((*old)->superseded())
          return Status::Conflict("superseded: only the current certificate is reissued");
        out.volunteer_id = (*old)->volunteer_id;
        out.team_id = (*old)->team_id;
        out.from = (*old)->from;
        out.to = (*old)->to;
        out.request_id = (*old)->request_id;
        out.handler_user_id = by.user_id;
        if (Status s = cert_write(c, out, day, at); !s.ok()) return s;
        if (Status s = supersede(c, id, out.id, at); !s.ok()) return s;
        accounts::AuditDetail d;
        d.add("number", out.number)
            .add("supersedes", id)
            .add("supersedes_number", (*old)->number)
            .add("minutes", out.minutes)
            .add("minutes_before", (*old)->minutes);
        return cert_audit(c, by, "volunteer.certificate_reissue", "volunteer_certificate",
                          std::to_string(out.id), d.str(), at);
      },
      std::move(done));
}

void CertificateService::get(int64_t id, Caller by, LedgerDone<Certificate> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  store::Connection& r = db_.reader();
  Result<std::optional<Certificate>> cert = certificate_by_id(r, id);
  if (!cert.ok()) return done(cert.status());
  if (!*cert) return done(cert_not_found());
  Result<bool> self = cert_is_self(r, by, (*cert)->volunteer_id);
  if (!self.ok()) return done(self.status());
  if (*self) return done(std::move(**cert));
  const int64_t at = now();
  ledger_job<Certificate>(
      db_,
      [id, by, at](store::Connection& c, Certificate& out) -> Status {
        Result<std::optional<Certificate>> cert = certificate_by_id(c, id);
        if (!cert.ok()) return cert.status();
        if (!*cert) return cert_not_found();
        if (Status s = require_team_admin(c, by, (*cert)->team_id); !s.ok()) return s;
        out = std::move(**cert);
        return cert_audit_read(c, by, "volunteer", std::to_string(out.volunteer_id), {out.id}, at);
      },
      std::move(done));
}

Result<std::string> CertificateService::number_of(int64_t id, const Caller& by) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  store::Connection& r = db_.reader();
  Result<std::optional<Certificate>> cert = certificate_by_id(r, id);
  if (!cert.ok()) return cert.status();
  if (!*cert) return cert_not_found();
  if (Result<bool> ok = cert_may_read(r, by, **cert); !ok.ok()) return ok.status();
  return (*cert)->number;
}

void CertificateService::of_volunteer(int64_t volunteer_id, Caller by,
                                      LedgerDone<std::vector<Certificate>> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  store::Connection& r = db_.reader();
  Result<bool> self = cert_is_self(r, by, volunteer_id);
  if (!self.ok()) return done(self.status());
  if (*self) return done(certificates_of_volunteer(r, volunteer_id));
  const int64_t at = now();
  ledger_job<std::vector<Certificate>>(
      db_,
      [volunteer_id, by, at](store::Connection& c, std::vector<Certificate>& out) -> Status {
        Result<Standing> standing = standing_to_volunteer(c, by, volunteer_id);
        if (!standing.ok()) return standing.status();
        Result<std::vector<Certificate>> all = certificates_of_volunteer(c, volunteer_id);
        if (!all.ok()) return all.status();
        const bool sees_all = *standing == Standing::kAdmin || *standing == Standing::kTeamStaff;
        std::map<int64_t, bool> staff_of;  // team → the caller is its staff
        std::vector<int64_t> ids;
        for (Certificate& cert : *all) {
          if (!sees_all) {
            auto it = staff_of.find(cert.team_id);
            if (it == staff_of.end()) {
              Result<bool> staff = is_team_staff(c, by, cert.team_id);
              if (!staff.ok()) return staff.status();
              it = staff_of.emplace(cert.team_id, *staff).first;
            }
            if (!it->second) continue;
          }
          ids.push_back(cert.id);
          out.push_back(std::move(cert));
        }
        if (!sees_all && out.empty())
          return Status::PermissionDenied(
              "only the volunteer, the leaders and staff of their teams, and admins, may do this");
        return cert_audit_read(c, by, "volunteer", std::to_string(volunteer_id), std::move(ids),
                               at);
      },
      std::move(done));
}

void CertificateService::mine(Caller by, LedgerDone<std::vector<Certificate>> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  store::Connection& r = db_.reader();
  Result<std::optional<int64_t>> id = volunteer_of_user(r, by.user_id);
  if (!id.ok()) return done(id.status());
  if (!*id) return done(Status::NotFound("you are no volunteer"));
  done(certificates_of_volunteer(r, **id));
}

void CertificateService::request(RequestInput in, Caller by, LedgerDone<CertificateRequest> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  Result<CertificatePeriod> period = check_certificate_period(in.from, in.to, today());
  if (!period.ok()) return done(period.status());
  const int64_t at = now();
  ledger_job<CertificateRequest>(
      db_,
      [in = std::move(in), by, at, p = *period](store::Connection& c,
                                                CertificateRequest& out) -> Status {
        Result<std::optional<int64_t>> vid = volunteer_of_user(c, by.user_id);
        if (!vid.ok()) return vid.status();
        if (!*vid) return Status::NotFound("you are no volunteer");
        Result<std::optional<TeamFacts>> team = team_facts(c, in.team_id);
        if (!team.ok()) return team.status();
        if (!*team)
          return Status::Unprocessable("no such team", {{"team_id", "a volunteer team's id"}});
        const auto [from_unix, to_unix] = cert_period_span(p);
        Result<bool> member = team_member_in(c, **vid, in.team_id, from_unix, to_unix);
        if (!member.ok()) return member.status();
        if (!*member)
          return Status::Conflict(
              "not_member: you were no member of the team now or in the period");
        Result<bool> open = open_request_exists(c, **vid, in.team_id);
        if (!open.ok()) return open.status();
        if (*open) return Status::Conflict("request_open: you have an open request to the team");
        CertificateRequest r;
        r.volunteer_id = **vid;
        r.team_id = in.team_id;
        r.from = in.from;
        r.to = in.to;
        r.requested_by = by.user_id;
        r.requested_at = at;
        Result<int64_t> id = insert_request(c, r);
        if (!id.ok()) return id.status();
        Result<std::optional<CertificateRequest>> made = request_by_id(c, *id);
        if (!made.ok()) return made.status();
        if (!*made) return Status::Internal("the request just made is gone");
        out = std::move(**made);
        return cert_audit(c, by, "volunteer.certificate_request", "volunteer_certificate_request",
                          std::to_string(out.id),
                          accounts::AuditDetail()
                              .add("volunteer_id", out.volunteer_id)
                              .add("team_id", out.team_id)
                              .add("from", out.from)
                              .add("to", out.to)
                              .str(),
                          at);
      },
      std::move(done));
}

void CertificateService::requests(int64_t team_id, std::string state, Caller by,
                                  LedgerDone<std::vector<CertificateRequest>> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  const int64_t at = now();
  ledger_job<std::vector<CertificateRequest>>(
      db_,
      [team_id, state = std::move(state), by, at](store::Connection& c,
                                                  std::vector<CertificateRequest>& out) -> Status {
        if (Status s = require_team_admin(c, by, team_id); !s.ok()) return s;
        Result<std::vector<CertificateRequest>> rows = requests_of_team(c, team_id, state);
        if (!rows.ok()) return rows.status();
        out = std::move(*rows);
        std::vector<int64_t> ids;
        for (const CertificateRequest& r : out) ids.push_back(r.volunteer_id);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        if (ids.empty()) return Status::Ok();
        return cert_audit(c, by, "personal_data.read", "volunteer_list", "",
                          accounts::AuditDetail()
                              .add_ints("ids", ids)
                              .add_strings("fields", {"name", "volunteer_no"})
                              .add("purpose", "volunteer")
                              .str(),
                          at);
      },
      std::move(done));
}

Result<std::optional<Certificate>> CertificateService::verify(const std::string& number) {
  if (!is_certificate_number(number)) return std::optional<Certificate>();
  return certificate_by_number(db_.reader(), number);
}

}  // namespace warmcity::volunteers
