// DisputeService: a volunteer disputes a record of the hours ledger, its
// organiser answers, with a correction if the volunteer was right
// (docs/volunteers.md "The hours ledger", disputes). HTTP-free.
//
// Who: the volunteer of the record raises (one open dispute per record);
// the organiser staff of the record's organiser (record_access.h) list and
// answer. Every call is ONE write job: a write puts the dispute, any
// correction and their audit entries (volunteer.dispute_raise |
// dispute_answer, subject "volunteer_dispute"; volunteer.record_correct)
// together; the organiser's list is audited (personal_data.read, subject
// "volunteer_list" naming the volunteers, purpose "volunteer").
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
#include "volunteers/record.h"
#include "volunteers/record_service.h"

namespace warmcity::volunteers {

class DisputeService {
 public:
  // `now` (unix seconds) defaults to core::now_unix().
  explicit DisputeService(store::Database& db, std::function<int64_t()> now = nullptr);

  int64_t now() const;

  // `text` 1..500 (checked by the caller). NotFound (no record);
  // PermissionDenied (not the record's volunteer); Conflict "dispute_open".
  void raise(int64_t record_id, std::string text, accounts::Caller by, LedgerDone<Dispute> done);
  // nullopt organiser: the disputes of records with no organiser (admins).
  void list(std::optional<int64_t> organiser_org_id, std::string state, accounts::Caller by,
            LedgerDone<std::vector<Dispute>> done);
  // The dispute answered, with the correction written in the same job.
  // NotFound; PermissionDenied; Conflict "not_open", and a correction's
  // refusals (record_correction.h).
  void answer(int64_t id, DisputeAnswer in, accounts::Caller by, LedgerDone<Dispute> done);

 private:
  store::Database& db_;
  std::function<int64_t()> now_;
};

}  // namespace warmcity::volunteers
