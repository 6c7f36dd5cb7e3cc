// The hours ledger's SQL (volunteer_records; docs/volunteers.md "The hours
// ledger"): reading records with their corrections and latest dispute,
// confirming one, a record's corrected total. Inserting is ledger_write.h.
// One dialect, both engines. No rules here: record_service.h checks them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"
#include "volunteers/record.h"

namespace warmcity::volunteers {

// The record with its corrections' ids and latest dispute; nullopt: none.
Result<std::optional<Record>> get_record(store::Connection& c, int64_t id);

// submitted → confirmed. Conflict "not_submitted: …" when it is not submitted.
Status confirm_record(store::Connection& c, int64_t id, int64_t by, int64_t at);

// The record's minutes plus its corrections' (REQUIRES: the record exists).
Result<int64_t> corrected_total(store::Connection& c, int64_t id);

// One volunteer's records whose service date is in `period`, newest first
// (service date, then id), at most kMaxVolunteerRecords, and the sum of the
// confirmed minutes of every record of the period.
Result<VolunteerRecords> records_of_volunteer(store::Connection& c, int64_t volunteer_id,
                                              const Period& period);

// The records an organiser organised (nullopt: those with no organisation),
// newest first (id), at most kMaxListed; `state` "" for any.
Result<std::vector<Record>> records_of_organiser(store::Connection& c,
                                                 std::optional<int64_t> organiser_org_id,
                                                 const std::string& state);

// The name of an organisation that may organise (kind department, community
// or volunteer_team); nullopt when there is no such organisation.
Result<std::optional<std::string>> organiser_organisation_name(store::Connection& c,
                                                               int64_t org_id);

// Whether there is a volunteer with this id.
Result<bool> volunteer_exists(store::Connection& c, int64_t volunteer_id);

}  // namespace warmcity::volunteers
