// The certificates' SQL (volunteer_certificates, volunteer_certificate_requests;
// docs/volunteers.md "Certificates"), and the facts a certificate prints,
// read from the volunteers', teams', users' and ledger's tables. One dialect,
// both engines. No rules here: certificate_service.h checks them.
//
// A certificate row is inserted once; the only UPDATE is supersede(), which
// sets superseded_by / superseded_at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"
#include "volunteers/certificate.h"

namespace warmcity::volunteers {

inline constexpr int kMaxCertificatesListed = 500;

// The confirmed records of a volunteer whose service date (a correction:
// its record's) is in from..to, in service-date order, a correction with
// its record's organiser.
Result<std::vector<CountedRecord>> counted_records(store::Connection& c, int64_t volunteer_id,
                                                   const std::string& from, const std::string& to);

// Whether the volunteer is a member of the team now, or was at some moment
// in [from_unix, to_unix).
Result<bool> team_member_in(store::Connection& c, int64_t volunteer_id, int64_t team_id,
                            int64_t from_unix, int64_t to_unix);

// What a certificate prints of a volunteer; nullopt: no such volunteer.
struct VolunteerFacts {
  std::string name;
  std::optional<std::string> id_number;
  std::string volunteer_no;
  std::optional<int64_t> user_id;
};
Result<std::optional<VolunteerFacts>> volunteer_facts(store::Connection& c, int64_t volunteer_id);

// What a certificate prints of the issuing team (its facts "" until set);
// nullopt: no organisation of kind volunteer_team with this id.
struct TeamFacts {
  std::string name;
  std::string responsible_person;
  std::string contact_phone;
};
Result<std::optional<TeamFacts>> team_facts(store::Connection& c, int64_t team_id);

// A user's display name ("" when there is none).
Result<std::string> user_display_name(store::Connection& c, int64_t user_id);

// Inserts the certificate under a fresh number of `year` (drawn again while
// taken; kUnavailable after 20 draws); sets `cert.id` and `cert.number`.
Status insert_certificate(store::Connection& c, Certificate& cert, int year);

// `id` superseded by `by_id` at `at`. kConflict "superseded: …" when it
// already is.
Status supersede(store::Connection& c, int64_t id, int64_t by_id, int64_t at);

// nullopt: none.
Result<std::optional<Certificate>> certificate_by_id(store::Connection& c, int64_t id);
Result<std::optional<Certificate>> certificate_by_number(store::Connection& c,
                                                         const std::string& number);
// A volunteer's certificates, newest first, at most kMaxCertificatesListed.
Result<std::vector<Certificate>> certificates_of_volunteer(store::Connection& c,
                                                           int64_t volunteer_id);

// Requests.
Result<int64_t> insert_request(store::Connection& c, const CertificateRequest& r);
Result<std::optional<CertificateRequest>> request_by_id(store::Connection& c, int64_t id);
// Whether the volunteer has an open request to the team.
Result<bool> open_request_exists(store::Connection& c, int64_t volunteer_id, int64_t team_id);
// A team's requests in `state` ("" any), newest first, at most kMaxCertificatesListed.
Result<std::vector<CertificateRequest>> requests_of_team(store::Connection& c, int64_t team_id,
                                                         const std::string& state);
// open → answered by the certificate. kConflict "request_answered: …" when
// it is not open.
Status answer_request(store::Connection& c, int64_t id, int64_t certificate_id, int64_t at);

}  // namespace warmcity::volunteers
