#include "eldercare/errand_jobs.h"

#include <utility>

#include "eldercare/errand_receipt_store.h"
#include "eldercare/family_store.h"
#include "eldercare/service_jobs.h"

namespace warmcity::eldercare {

void assign_errand_on_duty(Errand& e, const OnDuty& duty, int64_t at) {
  if (duty.team) {
    e.team_id = duty.team->id;
    e.assign_reason = duty.reason;
  } else if (duty.her_team_id) {
    e.team_id = duty.her_team_id;
    e.assign_reason = "her_team_not_on_duty";
  } else {
    e.assign_reason = duty.reason;
    return;
  }
  e.state = ErrandState::kAssigned;
  e.assigned_at = at;
}

Result<std::optional<Team>> errand_team_of(store::Connection& c, const std::optional<int64_t>& id) {
  if (!id) return std::optional<Team>();
  Result<Team> t = get_team(c, *id);
  if (!t.ok()) return t.status();
  return std::optional<Team>(std::move(*t));
}

Status record_errand_step(store::Connection& c, const Caller& by, const Errand& e,
                          const std::string& step, const std::string& detail, int64_t at) {
  if (Status s = insert_errand_event(c, {0, e.id, at, by.user_id, step, detail}); !s.ok()) return s;
  return accounts::append_audit(c,
                                entry(by, "errand." + step, "errand", std::to_string(e.id),
                                      accounts::AuditDetail()
                                          .add("elder_id", e.elder_id)
                                          .add("state", errand_state_name(e.state))
                                          .str()),
                                at);
}

Status fill_errand_extras(store::Connection& c, Errand& e, const ErrandOptions& o) {
  if (o.family) {
    Result<bool> family = is_family_errand(c, e.id);
    if (!family.ok()) return family.status();
    e.from_family = *family;
  }
  if (!o.receipt_photos || !e.settlement) return Status::Ok();
  Result<std::optional<photos::Photo>> receipt = get_errand_receipt(c, e.id);
  if (!receipt.ok()) return receipt.status();
  e.receipt_photo = std::move(*receipt);
  return Status::Ok();
}

Errand new_errand(const Elder& elder, const ErrandInput& in, const Caller& by, int64_t at,
                  int64_t due_seconds, const OnDuty& duty) {
  Errand e;
  e.elder_id = elder.id;
  e.community_id = elder.community_id;
  e.work = in.work;
  e.note = in.note;
  e.received_at = e.updated_at = at;
  e.received_by = by.user_id;
  e.due_at = at + due_seconds;
  assign_errand_on_duty(e, duty, at);
  return e;
}

}  // namespace warmcity::eldercare
