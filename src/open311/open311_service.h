// Open311Service: what the Open311 routes read and write, so that no route
// reaches a store. It owns the module's tables (open311_store.h) and goes to
// the appeals through AppealService (appeal_service.h) and to organisation
// names through accounts' stateless organisation reads.
//
// Reads run on the calling thread's reader. Writes are one job each on the
// store's single writer, audited in the same job where they change a key;
// `done` runs after the commit (on the writer's answerer thread), or at once when
// refused before queueing.
// Lifetime: REQUIRES `db` and `appeals` to outlive the service. Threads:
// every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "appeals/appeal_service.h"
#include "core/status.h"
#include "open311/records.h"
#include "store/database.h"

namespace warmcity::open311 {

class Open311Service {
 public:
  template <class T>
  using Done = std::function<void(Result<T>)>;

  Open311Service(store::Database& db, appeals::AppealService& appeals)
      : db_(db), appeals_(appeals) {}

  appeals::AppealService& appeals() const { return appeals_; }

  // --- requests ---------------------------------------------------------
  // Submits `in` through the appeals with its Open311 row (`row`'s key,
  // token, email, address_id) in the same write job: both commit or
  // neither. `done` gets the appeal.
  void submit(appeals::NewAppeal in, RequestRow row, appeals::Caller by,
              appeals::AppealService::Done<appeals::Appeal> done);
  // kNotFound when there is none.
  Result<RequestRow> request_by_token(const std::string& token) const;
  // open311_store.h requests_by_appeals.
  Result<std::map<int64_t, RequestRow>> requests_by_appeals(
      const std::vector<int64_t>& appeal_ids) const;
  // The names of those of `org_ids` that exist, by id.
  Result<std::map<int64_t, std::string>> organisation_names(
      const std::vector<int64_t>& org_ids) const;

  // --- keys -------------------------------------------------------------
  // The active (unrevoked) key whose hash matches; kNotFound otherwise.
  Result<ApiKey> find_active_key(const std::string& key) const;
  Result<ApiKey> key(int64_t id) const;  // kNotFound
  // Newest first, ids below before_id, at most `limit`.
  Result<std::vector<ApiKey>> keys(std::optional<int64_t> before_id, int limit) const;
  // Draws a fresh key, stores `k` with its hash (created_at now) and audits
  // "open311_key.issue" with `audit` (its subject and detail filled in). The
  // answer is the only time the key itself is seen.
  struct IssuedKey {
    ApiKey key;
    std::string secret;
  };
  void issue_key(ApiKey k, accounts::AuditEntry audit, Done<IssuedKey> done);
  // Revokes (keeping the first revocation time) and audits
  // "open311_key.revoke"; the answer is the key as it is now. kNotFound.
  void revoke_key(int64_t id, accounts::AuditEntry audit, Done<ApiKey> done);

 private:
  store::Database& db_;
  appeals::AppealService& appeals_;
};

}  // namespace warmcity::open311
