// Disputes of the hours ledger's records (dispute_service.h).
#include "volunteers/dispute_service.h"

#include <algorithm>
#include <utility>

#include "accounts/audit.h"
#include "core/time.h"
#include "volunteers/dispute_store.h"
#include "volunteers/record_access.h"
#include "volunteers/record_correction.h"
#include "volunteers/record_store.h"
#include "volunteers/volunteer_access.h"

namespace warmcity::volunteers {

using accounts::Caller;

namespace {

Status dispute_audit(store::Connection& c, const Caller& by, const std::string& action,
                     int64_t dispute_id, std::string detail, int64_t at) {
  return accounts::append_audit(
      c,
      accounts::audit_entry(by, action, "volunteer_dispute", std::to_string(dispute_id),
                            std::move(detail)),
      at);
}

Result<DisputeRow> dispute_row(store::Connection& c, int64_t id) {
  Result<std::optional<DisputeRow>> d = get_dispute(c, id);
  if (!d.ok()) return d.status();
  if (!*d) return Status::NotFound("no volunteer dispute " + std::to_string(id));
  return std::move(**d);
}

}  // namespace

DisputeService::DisputeService(store::Database& db, std::function<int64_t()> now)
    : db_(db), now_(std::move(now)) {}

int64_t DisputeService::now() const { return now_ ? now_() : core::now_unix(); }

void DisputeService::raise(int64_t record_id, std::string text, Caller by,
                           LedgerDone<Dispute> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  const int64_t at = now();
  ledger_job<Dispute>(
      db_,
      [record_id, text = std::move(text), by, at](store::Connection& c, Dispute& out) -> Status {
        Result<std::optional<Record>> r = get_record(c, record_id);
        if (!r.ok()) return r.status();
        if (!*r) return Status::NotFound("no volunteer record " + std::to_string(record_id));
        Result<std::optional<int64_t>> mine = volunteer_of_user(c, by.user_id);
        if (!mine.ok()) return mine.status();
        if (!*mine || **mine != (*r)->volunteer_id)
          return Status::PermissionDenied("only the record's volunteer may dispute it");
        Result<bool> open = has_open_dispute(c, record_id);
        if (!open.ok()) return open.status();
        if (*open) return Status::Conflict("dispute_open: the record has an open dispute");
        out.record_id = record_id;
        out.volunteer_id = (*r)->volunteer_id;
        out.text = text;
        out.raised_by = by.user_id;
        out.raised_at = at;
        if (Status s = insert_dispute(c, out); !s.ok()) return s;
        return dispute_audit(c, by, "volunteer.dispute_raise", out.id,
                             accounts::AuditDetail()
                                 .add("record_id", record_id)
                                 .add("volunteer_id", out.volunteer_id)
                                 .str(),
                             at);
      },
      std::move(done));
}

void DisputeService::list(std::optional<int64_t> organiser_org_id, std::string state, Caller by,
                          LedgerDone<std::vector<Dispute>> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  const int64_t at = now();
  ledger_job<std::vector<Dispute>>(
      db_,
      [organiser_org_id, state = std::move(state), by, at](store::Connection& c,
                                                           std::vector<Dispute>& out) -> Status {
        if (Status s = require_record_organiser(c, by, organiser_org_id); !s.ok()) return s;
        Result<std::vector<Dispute>> rows = disputes_of_organiser(c, organiser_org_id, state);
        if (!rows.ok()) return rows.status();
        out = std::move(*rows);
        std::vector<int64_t> ids;
        for (const Dispute& d : out) ids.push_back(d.volunteer_id);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        if (ids.empty()) return Status::Ok();
        return accounts::append_audit(
            c,
            accounts::audit_entry(by, "personal_data.read", "volunteer_list", "",
                                  accounts::AuditDetail()
                                      .add_ints("ids", ids)
                                      .add_strings("fields", {"disputes"})
                                      .add("purpose", "volunteer")
                                      .str()),
            at);
      },
      std::move(done));
}

void DisputeService::answer(int64_t id, DisputeAnswer in, Caller by, LedgerDone<Dispute> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  const int64_t at = now();
  ledger_job<Dispute>(
      db_,
      [id, in = std::move(in), by, at](store::Connection& c, Dispute& out) -> Status {
        Result<DisputeRow> row = dispute_row(c, id);
        if (!row.ok()) return row.status();
        if (Status s = require_record_organiser(c, by, row->organiser_org_id); !s.ok()) return s;
        Dispute d = std::move(row->dispute);
        if (d.state != "open") return Status::Conflict("not_open: the dispute is already answered");
        if (in.correction) {
          Result<std::optional<Record>> r = get_record(c, d.record_id);
          if (!r.ok()) return r.status();
          if (!*r) return Status::Internal("a dispute's record is gone");
          Result<Record> made = write_correction(c, **r, *in.correction, by, at, d.id);
          if (!made.ok()) return made.status();
          d.correction_id = made->id;
        }
        d.state = "answered";
        d.answer = in.answer;
        d.answered_by = by.user_id;
        d.answered_at = at;
        if (Status s = answer_dispute_row(c, d); !s.ok()) return s;
        accounts::AuditDetail detail;
        detail.add("record_id", d.record_id);
        if (d.correction_id) {
          detail.add("correction_id", *d.correction_id);
        } else {
          detail.add_null("correction_id");
        }
        if (Status s = dispute_audit(c, by, "volunteer.dispute_answer", d.id, detail.str(), at);
            !s.ok())
          return s;
        out = std::move(d);
        return Status::Ok();
      },
      std::move(done));
}

}  // namespace warmcity::volunteers
