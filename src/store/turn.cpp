#include "store/turn.h"

namespace warmcity::store {

int64_t turn_key(std::string_view name) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a, 64 bits
  for (unsigned char ch : name) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  return static_cast<int64_t>(h);
}

Result<bool> take_turn(Connection& c, std::string_view name) {
  if (c.engine() != Engine::kPostgres) return true;
  Result<Statement> q =
      c.prepare("SELECT CASE WHEN pg_try_advisory_xact_lock(CAST(? AS BIGINT)) THEN 1 ELSE 0 END");
  if (!q.ok()) return q.status();
  q->bind(1, turn_key(name));
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("pg_try_advisory_xact_lock returned no row");
  const bool mine = q->column_int64(0) == 1;
  if (Status rest = q->run(); !rest.ok()) return rest;
  return mine;
}

Status wait_turn(Connection& c, std::string_view name) {
  if (c.engine() != Engine::kPostgres) return Status::Ok();
  Result<Statement> q = c.prepare("SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))");
  if (!q.ok()) return q.status();
  q->bind(1, turn_key(name));
  return q->run();
}

}  // namespace warmcity::store
