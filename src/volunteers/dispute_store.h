// The disputes' SQL (volunteer_disputes; docs/volunteers.md "The hours
// ledger", disputes): one open dispute per record, answered once. One
// dialect, both engines. No rules here: dispute_service.h checks them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"
#include "volunteers/record.h"

namespace warmcity::volunteers {

// A dispute and the organiser of the record it disputes.
struct DisputeRow {
  Dispute dispute;
  std::optional<int64_t> organiser_org_id;
};

// nullopt: no such dispute.
Result<std::optional<DisputeRow>> get_dispute(store::Connection& c, int64_t id);

// Whether the record has an open dispute.
Result<bool> has_open_dispute(store::Connection& c, int64_t record_id);

// Inserts `d` (state open) and sets its id.
Status insert_dispute(store::Connection& c, Dispute& d);

// open → answered with d's answer, answered_by, answered_at and
// correction_id. Conflict "not_open: …" when it is not open.
Status answer_dispute_row(store::Connection& c, const Dispute& d);

// The disputes of the records an organiser organised (nullopt: those with
// no organisation), newest first, at most kMaxListed; `state` "" for any.
Result<std::vector<Dispute>> disputes_of_organiser(store::Connection& c,
                                                   std::optional<int64_t> organiser_org_id,
                                                   const std::string& state);

}  // namespace warmcity::volunteers
