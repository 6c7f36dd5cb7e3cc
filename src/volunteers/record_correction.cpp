// A correction of a record, inside the caller's job (record_correction.h).
#include "volunteers/record_correction.h"

#include <string>
#include <vector>

#include "accounts/audit.h"
#include "volunteers/ledger_write.h"
#include "volunteers/record_store.h"

namespace warmcity::volunteers {

Result<Record> write_correction(store::Connection& c, const Record& original,
                                const CorrectionInput& in, const accounts::Caller& by, int64_t at,
                                std::optional<int64_t> dispute_id) {
  if (original.source == "correction") {
    return Status::Conflict("corrects_correction: correct the record it corrects (" +
                            std::to_string(original.corrects_id.value_or(0)) + ")");
  }
  if (original.state != "confirmed")
    return Status::Conflict("not_confirmed: only a confirmed record is corrected");
  Result<int64_t> total = corrected_total(c, original.id);
  if (!total.ok()) return total.status();
  if (std::vector<FieldError> errors = check_correction(*total, in.minutes); !errors.empty())
    return Status::Unprocessable("the correction is not allowed", std::move(errors));
  NewRecord r;
  r.volunteer_id = original.volunteer_id;
  r.organiser_org_id = original.organiser_org_id;
  r.organiser_name = original.organiser_name;
  r.service_date = original.service_date;
  r.place = original.place;
  r.content = original.content;
  r.minutes = in.minutes;
  r.source = "correction";
  r.source_id = dispute_id;
  r.state = "confirmed";
  r.confirmed_by = by.user_id;
  r.confirmed_at = at;
  r.corrects_id = original.id;
  r.reason = in.reason;
  r.created_by = by.user_id;
  r.created_at = at;
  Result<int64_t> id = insert_record(c, r);
  if (!id.ok()) return id.status();
  accounts::AuditDetail detail;
  detail.add("volunteer_id", original.volunteer_id).add("corrects_id", original.id);
  detail.add("minutes", in.minutes).add("reason", in.reason);
  if (dispute_id) detail.add("dispute_id", *dispute_id);
  if (Status s = accounts::append_audit(
          c,
          accounts::audit_entry(by, "volunteer.record_correct", "volunteer_record",
                                std::to_string(*id), detail.str()),
          at);
      !s.ok())
    return s;
  Result<std::optional<Record>> made = get_record(c, *id);
  if (!made.ok()) return made.status();
  if (!*made) return Status::Internal("the correction just written is gone");
  return std::move(**made);
}

}  // namespace warmcity::volunteers
