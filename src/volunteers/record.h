// The hours ledger's records and disputes as the services see them
// (docs/volunteers.md "The hours ledger"), and the rules that need no
// database: what a correction may change, what a manual record may say.
// Pure: no I/O.
//
// A record is never updated but by its one confirmation (submitted →
// confirmed). A correction is a new confirmed record (source "correction",
// corrects_id the record it corrects) carrying the signed change of
// minutes; a record's corrected total is its minutes plus its corrections'.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace warmcity::volunteers {

// The organiser name a record keeps when the service had no organisation.
inline constexpr std::string_view kNoOrganiserName = "社区";
// At most this many records or disputes in one list.
inline constexpr int kMaxListed = 500;
// At most this many of one volunteer's records in one answer (their total
// counts every record of the period).
inline constexpr int kMaxVolunteerRecords = 1000;
inline constexpr int64_t kMaxRecordMinutes = 1440;

// A record's latest dispute, as the record view names it.
// A record's latest dispute, as its volunteer and its organiser see it.
struct DisputeRef {
  int64_t id = 0;
  std::string state;  // "open" | "answered"
  std::string text;
  std::optional<std::string> answer;
  std::optional<int64_t> answered_at;
};

struct Record {
  int64_t id = 0;
  int64_t volunteer_id = 0;
  std::string volunteer_no;                 // read with the record (its volunteer's, now)
  std::string volunteer_name;               // likewise
  std::optional<int64_t> organiser_org_id;  // null: no organisation (admins only)
  std::string organiser_name;
  std::string service_date;  // YYYY-MM-DD
  std::string place;
  std::string content;
  int64_t minutes = 0;
  std::string source;  // "shift" | "errand" | "duty" | "manual" | "correction"
  std::optional<int64_t> source_id;
  std::string state;  // "submitted" | "confirmed"
  std::optional<int64_t> confirmed_by;
  std::optional<int64_t> confirmed_at;
  std::optional<int64_t> corrects_id;
  std::optional<std::string> reason;
  std::optional<int64_t> created_by;
  int64_t created_at = 0;
  // Filled by the store for the views: the ids of the corrections of this
  // record (oldest first) and its latest dispute.
  std::vector<int64_t> corrections;
  std::optional<DisputeRef> dispute;
};

struct Dispute {
  int64_t id = 0;
  int64_t record_id = 0;
  int64_t volunteer_id = 0;
  std::string text;
  int64_t raised_by = 0;
  int64_t raised_at = 0;
  std::string state;  // "open" | "answered"
  std::optional<std::string> answer;
  std::optional<int64_t> answered_by;
  std::optional<int64_t> answered_at;
  std::optional<int64_t> correction_id;
};

// POST /volunteer-records (formats checked by the route).
struct RecordInput {
  int64_t volunteer_id = 0;
  int64_t organiser_org_id = 0;
  std::string service_date;  // YYYY-MM-DD
  std::string place;
  std::string content;
  int64_t minutes = 0;  // 1..1440
};

// A correction's change and why (minutes -1440..1440, reason 1..200).
struct CorrectionInput {
  int64_t minutes = 0;
  std::string reason;
};

struct DisputeAnswer {
  std::string answer;  // 1..500
  std::optional<CorrectionInput> correction;
};

// One volunteer's records, newest first, and the sum of the confirmed
// minutes of every record in the period (corrections included).
struct VolunteerRecords {
  int64_t volunteer_id = 0;
  std::vector<Record> items;
  int64_t total_minutes = 0;
};

// A record's period filter: from..to, both inclusive, YYYY-MM-DD or "".
struct Period {
  std::string from;
  std::string to;
};

// The errors (field `minutes`) of correcting a record whose corrected total
// is now `total_now` by `change`: the change is not 0 and the new total is
// 0..kMaxRecordMinutes. Empty: allowed.
std::vector<FieldError> check_correction(int64_t total_now, int64_t change);

// The errors of a manual record's service date (field `service_date`):
// a date, and not after `today` (YYYY-MM-DD).
std::vector<FieldError> check_service_date(std::string_view date, std::string_view today);

// The valid UTF-8 start of `text`, at most `limit` characters (the
// ledger's text columns count characters on both engines).
std::string first_chars(const std::string& text, size_t limit);
// An organisation's name as a record keeps it: its first 60 characters.
std::string organiser_name_of(const std::string& name);

}  // namespace warmcity::volunteers
