// The audit log: who did what to which record, when, from where.
//
// Owns the audit_log table. Entries are appended, never changed. What is
// recorded: sign-ins (successful and failed, with the username tried and the
// client address, never a password), sign-outs, user creation and updates,
// role changes (old → new), password changes, disabling, and every read of
// personal data. Other modules record their own personal-data reads here
// with action "personal_data.read", subject_type/subject_id naming the
// record and detail {"fields": [...]}.
//
// A read of personal data is answered only after its entry is durable: use
// record() and reply from its `done`, or put append_job() into the same
// write job as the module's own write (one savepoint for both).
//
// `at` is stored as unix seconds (UTC); `detail` is a JSON object as text
// (the table checks that it is JSON). Thread-safe: AuditLog holds no state but
// the Database reference.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/connection.h"
#include "store/database.h"

namespace warmcity::accounts {

struct AuditEntry {
  std::optional<int64_t> actor_user_id;  // nullopt: anonymous or the system
  std::string action;                    // "auth.login", "user.role_change", …
  std::string subject_type;              // "user", "elder", …
  std::string subject_id;
  std::string detail_json = "{}";  // a JSON object
  std::string client_address;
};

// A page of the audit log, newest first.
struct AuditQuery {
  std::optional<int64_t> actor_user_id;
  std::optional<std::string> action;
  std::optional<int64_t> since;      // at >= since (unix seconds)
  std::optional<int64_t> until;      // at < until
  std::optional<int64_t> before_id;  // the cursor: entries with id < before_id
  int limit = 50;
};

struct AuditRecord {
  int64_t id = 0;
  int64_t at = 0;
  std::optional<int64_t> actor_user_id;
  std::string action;
  std::string subject_type;
  std::string subject_id;
  std::string detail_json;
  std::string client_address;
};

class AuditLog {
 public:
  explicit AuditLog(store::Database& db) : db_(db) {}

  // A write job that appends the entry (to combine with a module's own write
  // in one savepoint). The entry's time is taken when the job runs.
  store::Database::WriteJob append_job(AuditEntry e);
  // Appends durably, then calls done (on the writer's answerer thread).
  void record(AuditEntry e, store::Database::Done done);
  // A page of the log (query_audit), read on this thread's reader.
  Result<std::vector<AuditRecord>> query(const AuditQuery& q);

 private:
  store::Database& db_;
};

// Appends one entry on `conn` (inside the caller's write job).
Status append_audit(store::Connection& conn, const AuditEntry& e, int64_t at);

// Builds the small JSON objects stored in `detail` without a JSON library:
//   AuditDetail().add("from", "worker").add("to", "admin").str()
// Keys are written as given (use plain ASCII snake_case); string values are
// escaped. REQUIRES: string values are valid UTF-8.
class AuditDetail {
 public:
  AuditDetail& add(std::string_view key, std::string_view value);
  AuditDetail& add(std::string_view key, const char* value) {
    return add(key, std::string_view(value));
  }
  AuditDetail& add(std::string_view key, int64_t value);
  AuditDetail& add(std::string_view key, bool value);
  AuditDetail& add_null(std::string_view key);
  AuditDetail& add_strings(std::string_view key, const std::vector<std::string>& values);
  AuditDetail& add_ints(std::string_view key, const std::vector<int64_t>& values);
  std::string str() const { return "{" + body_ + "}"; }

 private:
  void key(std::string_view k);
  std::string body_;
};

Result<std::vector<AuditRecord>> query_audit(store::Connection& conn, const AuditQuery& q);

}  // namespace warmcity::accounts
