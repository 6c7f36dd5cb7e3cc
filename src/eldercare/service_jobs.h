// Internal to ElderService: the pieces its write jobs share (elder_service.cpp,
// card_service.cpp). Each runs on the writer's connection inside a job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "accounts/audit.h"
#include "eldercare/elder_access.h"
#include "eldercare/elder_json.h"
#include "eldercare/elder_store.h"
#include "store/connection.h"

namespace warmcity::eldercare {

inline constexpr const char* kNoAccess =
    "only admins and the workers of the elder's areas see an elder";
inline constexpr const char* kChangeRule =
    "only admins and the workers of the elder's grid or community change, export or issue cards "
    "for a record";

accounts::AuditEntry entry(const Caller& by, std::string action, std::string subject_type,
                           std::string subject_id, std::string detail);

// The audit row of a read of the elder's personal data as view `v` shows it.
Status audit_read(store::Connection& c, const Caller& by, const Elder& e, View v, int64_t at,
                  const char* purpose);

// Reads the elder and checks that `by` may change it (View::kFull).
Result<Elder> changeable(store::Connection& c, int64_t id, const Caller& by);

// The record of a change to the elder: her history's event `action` with
// `detail` and the audit entry "elder.<action>" with `audit_detail` (when
// given; else `detail` too — the audit log must not copy personal data).
Status record_change(store::Connection& c, const Caller& by, int64_t elder_id,
                     const std::string& action, const std::string& detail, int64_t at,
                     const std::optional<std::string>& audit_detail = std::nullopt);

// record_change() for a correction or pairing (Changes from elder_json.h):
// the history gets the values, the audit log the changed fields' names.
Status record_changes(store::Connection& c, const Caller& by, int64_t elder_id,
                      const std::string& action, const Changes& changes, int64_t at);

// Revokes the elder's active card, if she has one, with its event and audit
// entry (card_revoke, elder.card_revoke).
Status revoke_active_card(store::Connection& c, const Elder& e, const Caller& by, int64_t at,
                          const std::string& reason);

}  // namespace warmcity::eldercare
