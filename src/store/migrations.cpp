#include "store/migrations.h"

#include <map>
#include <string>
#include <vector>

#include "core/time.h"
#include "store/schema_sql.h"

namespace warmcity::store {
namespace {

constexpr char kCreateTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " module TEXT NOT NULL,"
    " version BIGINT NOT NULL,"
    " applied_at TEXT NOT NULL,"
    " PRIMARY KEY (module, version))";

std::string name(const Migration& m) { return m.module + " v" + std::to_string(m.version); }

// Per module, the newest version the list knows; fails on a malformed list.
Result<std::map<std::string, int>> newest_known(const std::vector<Migration>& migrations) {
  std::map<std::string, int> newest;
  for (const Migration& m : migrations) {
    if (m.module.empty()) return Status::Internal("migration with an empty module name");
    if (m.version < 1) return Status::Internal("migration " + name(m) + ": versions start at 1");
    auto [it, first] = newest.try_emplace(m.module, m.version);
    if (!first) {
      if (m.version <= it->second) {
        return Status::Internal("migration " + name(m) + " listed after v" +
                                std::to_string(it->second) + ": versions must increase");
      }
      it->second = m.version;
    }
  }
  return newest;
}

Result<std::map<std::string, int>> newest_applied(Connection& conn) {
  std::map<std::string, int> newest;
  Result<Statement> q =
      conn.prepare("SELECT module, MAX(version) FROM schema_migrations GROUP BY module");
  if (!q.ok()) return q.status();
  while (true) {
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    newest[q->column_text(0)] = static_cast<int>(q->column_int64(1));
  }
  return newest;
}

Result<bool> is_applied(Connection& conn, const Migration& m) {
  Result<Statement> q =
      conn.prepare("SELECT 1 FROM schema_migrations WHERE module = ?1 AND version = ?2");
  if (!q.ok()) return q.status();
  q->bind(1, m.module).bind(2, m.version);
  return q->step();
}

// {{change_check:…}}'s reader on SQLite (store/schema_sql.h, TableSchema):
// the table's CREATE TABLE and its indexes' and triggers' CREATE texts, read
// in the migration's transaction before its statements run. The indexes
// SQLite makes itself (UNIQUE, PRIMARY KEY) have no text: the CREATE TABLE
// makes them again. Refuses a table that another table references with an ON
// DELETE action, which the rebuild's DROP TABLE would run on its rows.
Result<TableSchema> read_sqlite_table(Connection& conn, const std::string& table) {
  TableSchema t;
  {
    Result<Statement> q =
        conn.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    if (!q.ok()) return q.status();
    q->bind(1, table);
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no table " + table);
    t.create_sql = q->column_text(0);
  }
  {
    Result<Statement> q = conn.prepare(
        "SELECT m.name, f.on_delete FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f"
        " WHERE m.type = 'table' AND m.name <> ?1 AND lower(f.\"table\") = lower(?1)"
        " AND f.on_delete NOT IN ('NO ACTION', 'RESTRICT') ORDER BY m.name");
    if (!q.ok()) return q.status();
    q->bind(1, table);
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (*row) {
      return Status::Internal("table " + q->column_text(0) + " references " + table +
                              " ON DELETE " + q->column_text(1) + ", which rebuilding " + table +
                              " would run on its rows");
    }
  }
  Result<Statement> q = conn.prepare(
      "SELECT sql FROM sqlite_schema WHERE tbl_name = ?1 AND type IN ('index', 'trigger')"
      " AND sql IS NOT NULL ORDER BY type, name");
  if (!q.ok()) return q.status();
  q->bind(1, table);
  Result<std::vector<std::string>> deps =
      collect<std::string>(*q, [](Statement& s) { return s.column_text(0); });
  if (!deps.ok()) return deps.status();
  t.dependents = std::move(*deps);
  return t;
}

// The migration and its record, in one transaction. Re-checks inside the
// transaction, so a second process opening the same file does not apply twice.
Status apply_one(Connection& conn, const Migration& m) {
  Status s = conn.begin_schema_change();
  if (!s.ok()) return s;
  Result<bool> done = is_applied(conn, m);
  if (!done.ok()) {
    s = done.status();
  } else if (!*done) {
    TableSchemaReader read_table;
    if (conn.engine() == Engine::kSqlite) {
      read_table = [&conn](const std::string& table) { return read_sqlite_table(conn, table); };
    }
    Result<std::string> ddl = expand_schema(m.sql, conn.engine(), read_table);
    s = ddl.ok() ? conn.exec(*ddl)
                 : Status::Internal("migration " + name(m) + ": " + ddl.status().message());
    if (s.ok()) {
      Result<Statement> rec = conn.prepare(
          "INSERT INTO schema_migrations (module, version, applied_at)"
          " VALUES (?1, ?2, ?3)");
      s = rec.ok() ? rec->bind(1, m.module)
                         .bind(2, m.version)
                         .bind(3, core::format_rfc3339(core::now_unix(), 0))
                         .run()
                   : rec.status();
    }
  }
  if (s.ok()) s = conn.exec("COMMIT");
  if (!s.ok()) {
    conn.exec("ROLLBACK");  // may fail when the engine already rolled back; nothing to add
    return s;
  }
  return Status::Ok();
}

}  // namespace

Status apply_migrations(Connection& conn, const std::vector<Migration>& migrations) {
  Result<std::map<std::string, int>> known = newest_known(migrations);
  if (!known.ok()) return known.status();
  // In a schema-change transaction: two processes starting at once on one
  // PostgreSQL database would otherwise race to create the table.
  Status s = conn.begin_schema_change();
  if (s.ok()) s = conn.exec(kCreateTable);
  if (s.ok()) s = conn.exec("COMMIT");
  if (!s.ok()) {
    conn.exec("ROLLBACK");  // may fail when nothing is open; nothing to add
    return Status::Internal("create schema_migrations: " + s.message());
  }
  Result<std::map<std::string, int>> applied = newest_applied(conn);
  if (!applied.ok())
    return Status::Internal("read schema_migrations: " + applied.status().message());
  for (const auto& [module, version] : *applied) {
    auto it = known->find(module);
    if (it != known->end() && version > it->second) {
      return Status::Internal("database has migration " + module + " v" + std::to_string(version) +
                              " but this build knows " + module + " only up to v" +
                              std::to_string(it->second) +
                              "; refusing to open it with an older build");
    }
  }
  for (const Migration& m : migrations) {
    Result<bool> done = is_applied(conn, m);
    if (!done.ok()) return Status::Internal("read schema_migrations: " + done.status().message());
    if (*done) continue;
    s = apply_one(conn, m);
    if (!s.ok()) return Status::Internal("migration " + name(m) + " failed: " + s.message());
  }
  return Status::Ok();
}

}  // namespace warmcity::store
