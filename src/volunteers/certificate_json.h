// The certificates' JSON (docs/volunteers.md "Certificates"): the content as
// stored (a JSON array in the row) and as answered, the certificate view,
// the public verification (its printed facts and nothing else), the request
// view, and the bodies read from the routes.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "volunteers/certificate.h"

namespace warmcity::volunteers {

// The content as stored: [{organiser: {id, name}, records, minutes, services}].
std::string content_text(const std::vector<CertificateLine>& lines);
// Back from the stored text. kInternal when it is not that shape.
Result<std::vector<CertificateLine>> content_from_text(const std::string& text);

// {number, status, superseded_by_number, volunteer_name, id_number_masked,
//  volunteer_no, from, to, hours, content, issuer: {name, responsible_person,
//  contact_phone}, issued_on, note} — and nothing else.
nlohmann::ordered_json verification_json(const Certificate& c);
// The verification's fields plus {id, volunteer_id, team_id, minutes,
// handler, request_id, status, superseded_by, created_at}.
nlohmann::ordered_json certificate_json(const Certificate& c);
// {items: [certificate views]}.
nlohmann::ordered_json certificates_json(const std::vector<Certificate>& list);
// {id, volunteer_id, volunteer: {id, name, volunteer_no}, team_id, from, to,
//  state, requested_at, certificate_id, answered_at}.
nlohmann::ordered_json request_json(const CertificateRequest& r);
nlohmann::ordered_json requests_json(const std::vector<CertificateRequest>& list);

// {volunteer_id, team_id, from, to, request_id?} (unknown fields refused);
// kUnprocessable naming the fields. The period's rules are the service's.
Result<IssueInput> read_issue(const nlohmann::json& doc);
// {team_id, from, to}.
Result<RequestInput> read_request(const nlohmann::json& doc);

}  // namespace warmcity::volunteers
