// The hours ledger's records (record_service.h).
#include "volunteers/record_service.h"

#include <algorithm>

#include "accounts/audit.h"
#include "activities/organiser_access.h"
#include "core/time.h"
#include "volunteers/ledger_write.h"
#include "volunteers/record_access.h"
#include "volunteers/record_correction.h"
#include "volunteers/record_store.h"
#include "volunteers/volunteer_access.h"

namespace warmcity::volunteers {

using accounts::Caller;

namespace {

Status ledger_audit(store::Connection& c, const Caller& by, const std::string& action,
                    const std::string& subject_type, const std::string& subject_id,
                    std::string detail, int64_t at) {
  return accounts::append_audit(
      c, accounts::audit_entry(by, action, subject_type, subject_id, std::move(detail)), at);
}

// The record, or NotFound.
Result<Record> ledger_record(store::Connection& c, int64_t id) {
  Result<std::optional<Record>> r = get_record(c, id);
  if (!r.ok()) return r.status();
  if (!*r) return Status::NotFound("no volunteer record " + std::to_string(id));
  return std::move(**r);
}

// One audited read of many volunteers' records (none: nothing to audit).
Status ledger_audit_list(store::Connection& c, const Caller& by, std::vector<int64_t> ids,
                         int64_t at) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) return Status::Ok();
  return ledger_audit(c, by, "personal_data.read", "volunteer_list", "",
                      accounts::AuditDetail()
                          .add_ints("ids", ids)
                          .add_strings("fields", {"records"})
                          .add("purpose", "volunteer")
                          .str(),
                      at);
}

}  // namespace

RecordService::RecordService(store::Database& db, std::function<int64_t()> now)
    : db_(db), now_(std::move(now)) {}

int64_t RecordService::now() const { return now_ ? now_() : core::now_unix(); }

std::string RecordService::today() const { return core::format_date(core::local_date_of(now())); }

void RecordService::create(RecordInput in, Caller by, LedgerDone<Record> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  const int64_t at = now();
  const std::string today_now = today();
  ledger_job<Record>(
      db_,
      [in = std::move(in), by, at, today_now](store::Connection& c, Record& out) -> Status {
        Result<std::optional<std::string>> org =
            organiser_organisation_name(c, in.organiser_org_id);
        if (!org.ok()) return org.status();
        if (!*org) {
          return Status::Unprocessable("no such organiser",
                                       {{"organiser_org_id", "not an organiser's organisation"}});
        }
        if (Status s = activities::require_organiser(c, by, in.organiser_org_id); !s.ok()) return s;
        Result<bool> volunteer = volunteer_exists(c, in.volunteer_id);
        if (!volunteer.ok()) return volunteer.status();
        std::vector<FieldError> errors = check_service_date(in.service_date, today_now);
        if (!*volunteer)
          errors.insert(errors.begin(), FieldError{"volunteer_id", "no such volunteer"});
        if (!errors.empty()) return Status::Unprocessable("the record is not valid", errors);
        NewRecord r;
        r.volunteer_id = in.volunteer_id;
        r.organiser_org_id = in.organiser_org_id;
        r.organiser_name = organiser_name_of(**org);
        r.service_date = in.service_date;
        r.place = in.place;
        r.content = in.content;
        r.minutes = in.minutes;
        r.source = "manual";
        r.state = "submitted";
        r.created_by = by.user_id;
        r.created_at = at;
        Result<int64_t> id = insert_record(c, r);
        if (!id.ok()) return id.status();
        accounts::AuditDetail detail;
        detail.add("volunteer_id", in.volunteer_id).add("organiser_org_id", in.organiser_org_id);
        detail.add("service_date", in.service_date).add("minutes", in.minutes);
        if (Status s = ledger_audit(c, by, "volunteer.record_create", "volunteer_record",
                                    std::to_string(*id), detail.str(), at);
            !s.ok())
          return s;
        Result<Record> made = ledger_record(c, *id);
        if (!made.ok()) return made.status();
        out = std::move(*made);
        return Status::Ok();
      },
      std::move(done));
}

void RecordService::confirm(int64_t id, Caller by, LedgerDone<Record> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  const int64_t at = now();
  ledger_job<Record>(
      db_,
      [id, by, at](store::Connection& c, Record& out) -> Status {
        Result<Record> r = ledger_record(c, id);
        if (!r.ok()) return r.status();
        if (Status s = require_record_organiser(c, by, r->organiser_org_id); !s.ok()) return s;
        if (Status s = confirm_record(c, id, by.user_id, at); !s.ok()) return s;
        accounts::AuditDetail detail;
        detail.add("volunteer_id", r->volunteer_id).add("minutes", r->minutes);
        if (Status s = ledger_audit(c, by, "volunteer.record_confirm", "volunteer_record",
                                    std::to_string(id), detail.str(), at);
            !s.ok())
          return s;
        Result<Record> confirmed = ledger_record(c, id);
        if (!confirmed.ok()) return confirmed.status();
        out = std::move(*confirmed);
        return Status::Ok();
      },
      std::move(done));
}

void RecordService::correct(int64_t id, CorrectionInput in, Caller by, LedgerDone<Record> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  const int64_t at = now();
  ledger_job<Record>(
      db_,
      [id, in = std::move(in), by, at](store::Connection& c, Record& out) -> Status {
        Result<Record> r = ledger_record(c, id);
        if (!r.ok()) return r.status();
        if (Status s = require_record_organiser(c, by, r->organiser_org_id); !s.ok()) return s;
        Result<Record> made = write_correction(c, *r, in, by, at);
        if (!made.ok()) return made.status();
        out = std::move(*made);
        return Status::Ok();
      },
      std::move(done));
}

void RecordService::volunteer_records(int64_t volunteer_id, Period period, Caller by,
                                      LedgerDone<VolunteerRecords> done) {
  Result<Standing> standing = standing_to_volunteer(db_.reader(), by, volunteer_id);
  if (!standing.ok()) return done(standing.status());
  if (*standing == Standing::kSelf) {
    return done(records_of_volunteer(db_.reader(), volunteer_id, period));
  }
  const int64_t at = now();
  ledger_job<VolunteerRecords>(
      db_,
      [volunteer_id, period = std::move(period), by, at](store::Connection& c,
                                                         VolunteerRecords& out) -> Status {
        Result<Standing> s = require_volunteer_admin(c, by, volunteer_id);
        if (!s.ok()) return s.status();
        Result<VolunteerRecords> rows = records_of_volunteer(c, volunteer_id, period);
        if (!rows.ok()) return rows.status();
        out = std::move(*rows);
        return ledger_audit(c, by, "personal_data.read", "volunteer", std::to_string(volunteer_id),
                            accounts::AuditDetail()
                                .add_strings("fields", {"records"})
                                .add("purpose", "volunteer")
                                .str(),
                            at);
      },
      std::move(done));
}

void RecordService::my_records(Period period, Caller by, LedgerDone<VolunteerRecords> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  Result<std::optional<int64_t>> mine = volunteer_of_user(db_.reader(), by.user_id);
  if (!mine.ok()) return done(mine.status());
  if (!*mine) return done(Status::NotFound("you are no volunteer"));
  done(records_of_volunteer(db_.reader(), **mine, period));
}

void RecordService::organiser_records(std::optional<int64_t> organiser_org_id, std::string state,
                                      Caller by, LedgerDone<std::vector<Record>> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  const int64_t at = now();
  ledger_job<std::vector<Record>>(
      db_,
      [organiser_org_id, state = std::move(state), by, at](store::Connection& c,
                                                           std::vector<Record>& out) -> Status {
        if (Status s = require_record_organiser(c, by, organiser_org_id); !s.ok()) return s;
        Result<std::vector<Record>> rows = records_of_organiser(c, organiser_org_id, state);
        if (!rows.ok()) return rows.status();
        out = std::move(*rows);
        std::vector<int64_t> ids;
        for (const Record& r : out) ids.push_back(r.volunteer_id);
        return ledger_audit_list(c, by, std::move(ids), at);
      },
      std::move(done));
}

}  // namespace warmcity::volunteers
