// Engine-specific schema forms, written as tokens in a module's migrations.
//
// A migration is written once, in the shared dialect; the few things the two
// engines spell differently in DDL are tokens that expand_schema() replaces:
//   {{id}}                  the type of an auto-numbered primary key column
//   {{blob}}                the type of a column of raw bytes
//   {{without_rowid}}       after a table whose primary key is its data
//                           (SQLite stores it as the b-tree; PostgreSQL: nothing)
//   {{json_check:COLUMN}}   inside a column definition: the value is valid JSON
//   {{append_only:TABLE}}   as a statement of its own: TABLE refuses UPDATE
//                           and DELETE (triggers on both engines)
//   {{check_domains:TABLE}} as a statement of its own, after TABLE's CHECKs:
//                           on PostgreSQL each single-column CHECK becomes
//                           a domain's (compiled once per connection, not
//                           for every statement); SQLite: nothing
//   {{change_check:TABLE.COLUMN:OLD => NEW}}
//                           as a statement of its own: the single-column
//                           CHECK (OLD) of TABLE, as its CREATE TABLE wrote
//                           it, becomes CHECK (NEW); the rows already there
//                           are checked. PostgreSQL: the constraint
//                           TABLE_COLUMN_check (the name cut to 63 bytes as
//                           PostgreSQL cut it) dropped and added again, on
//                           the domain {{check_domains:TABLE}} put it in (NEW
//                           with VALUE for the column) or else on the table.
//                           SQLite: the table rebuilt (see TableSchema).
//   {{guard_updates:TABLE:CONDITION}}
//                           as a statement of its own: TABLE's rows are
//                           never deleted, and an UPDATE passes only when
//                           CONDITION, a boolean over OLD.col and NEW.col in
//                           the SQL both engines run, is true for the row
//                           (false or NULL refuses it; the error names the
//                           table). SQLite: a BEFORE DELETE and a BEFORE
//                           UPDATE … WHEN trigger, RAISE(ABORT) (kConflict);
//                           PostgreSQL: the plpgsql function TABLE_guard() on
//                           UPDATE OR DELETE, and on TRUNCATE, RAISE
//                           EXCEPTION (SQLSTATE P0001, kInternal). A SELECT
//                           of no row first resolves CONDITION's columns, so
//                           a misspelt one fails the migration.
// An unknown token, an unclosed one or a missing argument is an error naming
// it, so a typo in a migration fails the first open, not a later query.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/engine.h"

namespace warmcity::store {

// What {{change_check:…}} needs on SQLite to rebuild a table: its CREATE
// TABLE text and the CREATE texts of its indexes and triggers, as
// sqlite_schema holds them. The expansion is, in the migration's transaction:
//   PRAGMA defer_foreign_keys = ON;   (SQLite resets it at COMMIT/ROLLBACK)
//   CREATE TEMP TABLE warmcity_rebuild_T AS SELECT * FROM T;
//   DROP TABLE T;
//   <create_sql with its one "CHECK (OLD)" made "CHECK (NEW)">;
//   INSERT INTO T SELECT * FROM temp.warmcity_rebuild_T;
//   DROP TABLE temp.warmcity_rebuild_T;
//   <each dependent>;
// so rows keep their ids, and the other tables' foreign keys to T are checked
// at COMMIT (a row the new CHECK refuses fails the migration). The reader is
// called while the migration is expanded, before any of its statements run:
// the token sees T as it was before that migration. So a migration that
// creates T, or an index or trigger on T, does it after the token, not before
// (the DROP TABLE would take it away). Not for a T that other tables
// reference with ON DELETE CASCADE / SET NULL / SET DEFAULT: the DROP TABLE's
// implicit DELETE would run those actions (the store's reader refuses it).
// Two tokens on one T in one migration: the second rebuilds from the first's
// result.
struct TableSchema {
  std::string create_sql;
  std::vector<std::string> dependents;
};
using TableSchemaReader = std::function<Result<TableSchema>(const std::string& table)>;

// read_table is called for {{change_check:…}} on SQLite only, once per table
// and call; without one that token is an error there.
Result<std::string> expand_schema(std::string_view sql, Engine engine,
                                  const TableSchemaReader& read_table = {});

}  // namespace warmcity::store
