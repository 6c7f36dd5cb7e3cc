// RecordService: the hours ledger (志愿服务记录, docs/volunteers.md "The
// hours ledger"): manual records, their confirmation and corrections, and
// the reads of a volunteer's records and of an organiser's. HTTP-free.
//
// Who:
//   - adds, confirms, corrects a record: the organiser staff of its
//     organiser (record_access.h; a record with no organiser: admins);
//   - reads a volunteer's records: the team admins of their teams
//     (require_volunteer_admin) and the volunteer themself (their account);
//   - lists an organiser's records: its organiser staff.
// Every call is ONE write job on the single writer, but the volunteer's own
// read (no audit): a write puts the record and its audit entry
// (volunteer.record_create | record_confirm | record_correct, subject
// "volunteer_record") in the same job; a read by someone else than the
// volunteer is audited (personal_data.read, purpose "volunteer": subject
// "volunteer" and the id, or a list's "volunteer_list" naming the ids)
// before it is answered.
// Lifetime: REQUIRES db to outlive the service. `done` runs once, on the
// writer's answerer thread (or at once on the caller's thread).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accounts/caller.h"
#include "store/database.h"
#include "volunteers/record.h"

namespace warmcity::volunteers {

template <class T>
using LedgerDone = std::function<void(Result<T>)>;

// Runs `job` as one write job filling a T, then answers it (or the job's error).
template <class T>
void ledger_job(store::Database& db, std::function<Status(store::Connection&, T&)> job,
                LedgerDone<T> done) {
  auto out = std::make_shared<T>();
  db.submit([job = std::move(job), out](store::Connection& c) { return job(c, *out); },
            [out, done = std::move(done)](const Status& s) {
              if (!s.ok()) return done(s);
              done(std::move(*out));
            });
}

class RecordService {
 public:
  // `now` (unix seconds) defaults to core::now_unix().
  explicit RecordService(store::Database& db, std::function<int64_t()> now = nullptr);

  int64_t now() const;
  std::string today() const;  // the district's date now, YYYY-MM-DD

  // A manual record, submitted. Unprocessable: organiser_org_id (no
  // organiser organisation), volunteer_id (no such volunteer), service_date
  // (in the future); PermissionDenied; Unauthenticated.
  void create(RecordInput in, accounts::Caller by, LedgerDone<Record> done);
  // NotFound; PermissionDenied; Conflict "not_submitted".
  void confirm(int64_t id, accounts::Caller by, LedgerDone<Record> done);
  // The correction (record_correction.h). NotFound; PermissionDenied.
  void correct(int64_t id, CorrectionInput in, accounts::Caller by, LedgerDone<Record> done);

  // NotFound (no volunteer); PermissionDenied; Unauthenticated.
  void volunteer_records(int64_t volunteer_id, Period period, accounts::Caller by,
                         LedgerDone<VolunteerRecords> done);
  // The caller's own; NotFound when they are no volunteer.
  void my_records(Period period, accounts::Caller by, LedgerDone<VolunteerRecords> done);
  // nullopt organiser: the records with no organiser (admins only).
  void organiser_records(std::optional<int64_t> organiser_org_id, std::string state,
                         accounts::Caller by, LedgerDone<std::vector<Record>> done);

 private:
  store::Database& db_;
  std::function<int64_t()> now_;
};

}  // namespace warmcity::volunteers
