// The shared SQL dialect, turned into what PostgreSQL's protocol wants
// (src/store/postgres/; modules never include it).
//
// Module SQL uses SQLite's placeholders, `?` and `?N` (1-based). PostgreSQL
// numbers its parameters `$N`. to_postgres() rewrites every placeholder that
// stands in code: not inside '…' strings (E'…' with its backslash escapes
// too), "…" identifiers, $tag$…$tag$ bodies, -- or /* */ comments. Numbering
// follows SQLite: `?N` is parameter N, and a bare `?` is one more than the
// highest number seen so far, so `?2, ?, ?1` becomes `$2, $3, $1`.
//
// The same scanner tells what a statement does to the session's transaction
// and whether it changes rows (so Connection::changes() means what SQLite's
// does). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace warmcity::store {

struct PgSql {
  std::string text;  // with $N placeholders
  int params = 0;    // the highest parameter number used
};

// kInternal for `?0` or a number above 65535 (PostgreSQL's limit), naming it.
Result<PgSql> to_postgres(std::string_view sql);

// What a statement does to the transaction, from its leading keywords.
enum class TxVerb {
  kOther,       // anything else
  kBegin,       // BEGIN, START TRANSACTION
  kCommit,      // COMMIT, END
  kRollback,    // ROLLBACK, ABORT (the whole transaction)
  kRollbackTo,  // ROLLBACK [WORK|TRANSACTION] TO [SAVEPOINT] name
  kSavepoint,   // SAVEPOINT name
  kRelease,     // RELEASE [SAVEPOINT] name
};
TxVerb tx_verb(std::string_view statement);

// True for INSERT, UPDATE, DELETE, MERGE, and a WITH … whose CTEs or main
// statement is one of those: the statements whose row count changes() reports.
bool changes_rows(std::string_view statement);

// The statements of a script, split at the semicolons that stand in code
// (empty ones dropped). Views into `sql`.
std::vector<std::string_view> split_statements(std::string_view sql);

}  // namespace warmcity::store
