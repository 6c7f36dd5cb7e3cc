// Internal to ElderService: the pieces its write jobs share (elder_service.cpp,
// card_service.cpp). Each runs on the writer's connection inside a job.
#pragma once

#include <cstdint>
#include <string>

#include "accounts/audit.h"
#include "eldercare/elder_access.h"
#include "eldercare/elder_store.h"
#include "store/connection.h"

namespace warmcity::eldercare {

inline constexpr const char* kNoAccess =
    "only admins and the workers of the elder's areas see an elder";

accounts::AuditEntry entry(const Caller& by, std::string action, std::string subject_type,
                           std::string subject_id, std::string detail);

// The audit row of a read of the elder's personal data as view `v` shows it.
Status audit_read(store::Connection& c, const Caller& by, const Elder& e, View v, int64_t at,
                  const char* purpose);

// Reads the elder and checks that `by` may change it (View::kFull).
Result<Elder> changeable(store::Connection& c, int64_t id, const Caller& by);

// The record of a change to the elder: her history's event `action` and the
// audit entry "elder.<action>", both with `detail`.
Status record_change(store::Connection& c, const Caller& by, int64_t elder_id,
                     const std::string& action, const std::string& detail, int64_t at);

// Revokes the elder's active card, if she has one, with its event and audit
// entry (card_revoke, elder.card_revoke).
Status revoke_active_card(store::Connection& c, const Elder& e, const Caller& by, int64_t at,
                          const std::string& reason);

}  // namespace warmcity::eldercare
