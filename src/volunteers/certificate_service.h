// CertificateService: volunteer service certificates (志愿服务记录证明,
// docs/volunteers.md "Certificates"): issuing and reissuing them, reading
// them, their QR code's number, the volunteers' requests, and the public
// verification by number. HTTP-free.
//
// Who:
//   - issues (for a volunteer of the team, now or in the period), reissues,
//     lists and answers the requests: the team admins of the team
//     (volunteer_access.h require_team_admin);
//   - reads one, or its QR code: its team's admins and the volunteer;
//   - lists a volunteer's: the volunteer (all), admins (all), the staff of a
//     team the volunteer is in (all) or of a team that issued one of them
//     (theirs);
//   - requests one: the volunteer (their account);
//   - verifies one: anyone, by number: its printed facts only.
// Every write is ONE write job on the single writer with its audit entry
// (volunteer.certificate_issue | certificate_reissue | certificate_request);
// a read by someone else than the volunteer is one job too, audited
// (personal_data.read, purpose "volunteer") before it is answered.
// Lifetime: REQUIRES db to outlive the service. `done` runs once, on the
// writer's answerer thread (or at once on the caller's thread).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/caller.h"
#include "store/database.h"
#include "volunteers/certificate.h"
#include "volunteers/record_service.h"

namespace warmcity::volunteers {

using accounts::Caller;

class CertificateService {
 public:
  // `now` (unix seconds) defaults to core::now_unix().
  explicit CertificateService(store::Database& db, std::function<int64_t()> now = nullptr);

  int64_t now() const;
  core::LocalDate today() const;

  // A new certificate. Unprocessable: from / to (check_certificate_period),
  // request_id (no such request, or another volunteer's or team's);
  // NotFound: volunteer, team; Conflict: "not_member" (the volunteer was no
  // member of the team now or in the period), "no_hours" (no confirmed
  // minutes in the period), "request_answered".
  void issue(IssueInput in, Caller by, LedgerDone<Certificate> done);
  // A new certificate over the same volunteer, team and period, counted
  // again; the old one superseded by it. Conflict: "superseded" (only the
  // current one is reissued), "no_hours".
  void reissue(int64_t id, Caller by, LedgerDone<Certificate> done);
  void get(int64_t id, Caller by, LedgerDone<Certificate> done);
  // The number of a certificate the caller may read (for its QR code).
  Result<std::string> number_of(int64_t id, const Caller& by);
  void of_volunteer(int64_t volunteer_id, Caller by, LedgerDone<std::vector<Certificate>> done);
  // NotFound "you are no volunteer" when the caller has no volunteer record.
  void mine(Caller by, LedgerDone<std::vector<Certificate>> done);

  // The caller's request to a team. NotFound: no volunteer of theirs, no
  // such team (team_id); Unprocessable: from / to; Conflict: "not_member",
  // "request_open" (an open request to the team already).
  void request(RequestInput in, Caller by, LedgerDone<CertificateRequest> done);
  // A team's requests in `state` ("" any).
  void requests(int64_t team_id, std::string state, Caller by,
                LedgerDone<std::vector<CertificateRequest>> done);

  // The certificate of a number; nullopt for an unknown or malformed one
  // (the same answer). Public.
  Result<std::optional<Certificate>> verify(const std::string& number);

 private:
  store::Database& db_;
  std::function<int64_t()> now_;
};

}  // namespace warmcity::volunteers
