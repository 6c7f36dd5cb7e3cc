// A correction of a record in the hours ledger (docs/volunteers.md "The
// hours ledger"), written inside the caller's write job: by the corrections
// route and by a dispute's answer. Records are never edited: the correction
// is a new confirmed record of the same volunteer, organiser, date, place
// and content, carrying the signed change of minutes and why.
#pragma once

#include <cstdint>
#include <optional>

#include "accounts/caller.h"
#include "core/status.h"
#include "store/connection.h"
#include "volunteers/record.h"

namespace warmcity::volunteers {

// Checks and writes the correction of `original` by `by` at `at`
// (`dispute_id`: the dispute whose answer it is, kept as its source_id) and
// its audit entry (volunteer.record_correct); the new record. The caller
// has checked who may. Conflict "not_confirmed: …" (the original is not
// confirmed), "corrects_correction: …" (the original is itself a
// correction); Unprocessable `minutes` (check_correction).
Result<Record> write_correction(store::Connection& c, const Record& original,
                                const CorrectionInput& in, const accounts::Caller& by, int64_t at,
                                std::optional<int64_t> dispute_id = std::nullopt);

}  // namespace warmcity::volunteers
