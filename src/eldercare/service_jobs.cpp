#include "eldercare/service_jobs.h"

#include <utility>

#include "eldercare/card_store.h"
#include "eldercare/elder_json.h"

namespace warmcity::eldercare {

accounts::AuditEntry entry(const Caller& by, std::string action, std::string subject_type,
                           std::string subject_id, std::string detail) {
  return {by.user_id,        std::move(action), std::move(subject_type), std::move(subject_id),
          std::move(detail), by.client_address};
}

Status audit_read(store::Connection& c, const Caller& by, const Elder& e, View v, int64_t at,
                  const char* purpose) {
  return accounts::append_audit(c,
                                entry(by, "personal_data.read", "elder", std::to_string(e.id),
                                      accounts::AuditDetail()
                                          .add_strings("fields", personal_fields(v))
                                          .add("view", v == View::kFull ? "full" : "masked")
                                          .add("purpose", purpose)
                                          .str()),
                                at);
}

Result<Elder> changeable(store::Connection& c, int64_t id, const Caller& by) {
  Result<Elder> e = get_elder(c, id);
  if (!e.ok()) return e.status();
  if (view_of(*e, by) == View::kNone) return Status::PermissionDenied(kNoAccess);
  if (!may_change(*e, by)) return Status::PermissionDenied(kChangeRule);
  return e;
}

Status record_change(store::Connection& c, const Caller& by, int64_t elder_id,
                     const std::string& action, const std::string& detail, int64_t at,
                     const std::optional<std::string>& audit_detail) {
  if (Status s = insert_event(c, {0, elder_id, at, by.user_id, action, detail}); !s.ok()) return s;
  return accounts::append_audit(c,
                                entry(by, "elder." + action, "elder", std::to_string(elder_id),
                                      audit_detail.value_or(detail)),
                                at);
}

Status record_changes(store::Connection& c, const Caller& by, int64_t elder_id,
                      const std::string& action, const Changes& changes, int64_t at) {
  return record_change(c, by, elder_id, action, changes.history, at,
                       accounts::AuditDetail().add_strings("fields", changes.fields).str());
}

Status revoke_active_card(store::Connection& c, const Elder& e, const Caller& by, int64_t at,
                          const std::string& reason) {
  Result<Card> card = active_card(c, e.id);
  if (!card.ok()) return card.status().code() == Code::kNotFound ? Status::Ok() : card.status();
  if (Status s = revoke_card(c, card->id, at, by.user_id, reason); !s.ok()) return s;
  const std::string detail =
      accounts::AuditDetail().add("card_id", card->id).add("reason", reason).str();
  return record_change(c, by, e.id, "card_revoke", detail, at);
}

}  // namespace warmcity::eldercare
