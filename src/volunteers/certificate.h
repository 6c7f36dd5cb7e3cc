// Volunteer service certificates (志愿服务记录证明, docs/volunteers.md
// "Certificates"): what one says, and the pure rules behind it — the number,
// the period asked for, the content counted from the confirmed ledger.
//
// A certificate is written once and never changed: only its superseded_by /
// superseded_at are set, once, when it is reissued (certificate_store.h).
// Its printed facts (the volunteer's name, masked ID and number, the
// issuing team's name, responsible person and contact phone, the handler's
// name) are kept as they were on the day.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace warmcity::volunteers {

// The note every certificate carries until the platform is connected to the
// national volunteer system.
inline constexpr std::string_view kCertificateNote =
    "本证明为暖城平台志愿服务记录，尚未接入全国志愿服务信息系统";

// One line of the content: an organiser of the volunteer's confirmed
// records in the period.
struct CertificateLine {
  std::optional<int64_t> organiser_id;  // null: an organiser with no organisation
  std::string organiser_name;
  int64_t records = 0;                // the records (corrections not counted)
  int64_t minutes = 0;                // their minutes, corrections included
  std::vector<std::string> services;  // distinct contents, at most 10, first served first
};

// A confirmed ledger record in the period as the content counts it: a
// correction carries the organiser of the record it corrects.
struct CountedRecord {
  std::optional<int64_t> organiser_id;
  std::string organiser_name;
  std::string content;
  int64_t minutes = 0;
  bool correction = false;
};

// The content of `records` (in service-date order): one line per organiser
// (by organisation id, else by name), minutes summed with the corrections;
// lines whose minutes sum to 0 or less are left out (nothing served remains
// there). Lines ordered by minutes, most first, then by name.
std::vector<CertificateLine> certificate_content(const std::vector<CountedRecord>& records);

// The sum of the lines' minutes.
int64_t content_minutes(const std::vector<CertificateLine>& lines);

// Hours with one decimal from minutes, rounded half up (90 → 1.5, 100 →
// 1.7). REQUIRES: minutes >= 0.
double hours_of(int64_t minutes);

// A period asked for: `from` and `to` dates, from ≤ to, `to` not after
// `today`, at most 10 years long (from no earlier than `to` ten years
// before). kUnprocessable naming the field otherwise.
struct CertificatePeriod {
  core::LocalDate from;
  core::LocalDate to;
};
Result<CertificatePeriod> check_certificate_period(std::string_view from, std::string_view to,
                                                   core::LocalDate today);

struct Certificate {
  int64_t id = 0;
  std::string number;
  int64_t volunteer_id = 0;
  int64_t team_id = 0;
  std::string from, to;  // the period, YYYY-MM-DD
  int64_t minutes = 0;
  std::string volunteer_name;
  std::string id_number_masked;  // "" when the volunteer has no ID number
  std::string volunteer_no;
  std::vector<CertificateLine> content;
  std::string issuer_name;
  std::string responsible_person;
  std::string contact_phone;
  int64_t handler_user_id = 0;
  std::string handler_name;
  std::string issued_on;
  std::string note;
  std::optional<int64_t> request_id;
  std::optional<int64_t> superseded_by;
  std::optional<std::string> superseded_by_number;
  std::optional<int64_t> superseded_at;
  int64_t created_at = 0;

  bool superseded() const { return superseded_by.has_value(); }
};

// What team admins ask to issue (POST /volunteer-certificates).
struct IssueInput {
  int64_t volunteer_id = 0;
  int64_t team_id = 0;
  std::string from, to;  // checked by check_certificate_period
  std::optional<int64_t> request_id;
};

// What a volunteer asks for (POST /me/volunteer/certificate-requests).
struct RequestInput {
  int64_t team_id = 0;
  std::string from, to;
};

// A volunteer's request for a certificate over a period from a team.
struct CertificateRequest {
  int64_t id = 0;
  int64_t volunteer_id = 0;
  std::string volunteer_name;
  std::string volunteer_no;
  int64_t team_id = 0;
  std::string from, to;
  std::string state;  // "open" | "answered"
  int64_t requested_by = 0;
  int64_t requested_at = 0;
  std::optional<int64_t> certificate_id;
  std::optional<int64_t> answered_at;
};

}  // namespace warmcity::volunteers
