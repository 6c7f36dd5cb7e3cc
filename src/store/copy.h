// Copying every row of one database into another, empty one of the same
// schema: `warmcity copy` moves a district's SQLite file into PostgreSQL
// (docs/operations.md, "Moving to PostgreSQL").
//
// The destination's catalogue decides what is copied: its tables
// (information_schema, schema_migrations left out, since Database::open
// applied the same migrations to both), their columns and types, primary
// keys (the order rows are read in) and foreign keys (the order tables are
// written in; a row whose column refers to its own table, as areas.parent_id,
// waits until the row it names is in). Everything is written by ONE write job,
// so one transaction: a copy that stops leaves the destination as it was.
// Afterwards each identity column's sequence is set past the copied ids, and
// the row counts of both sides are compared inside the transaction (a
// mismatch rolls it back).
//
// REQUIRES: `to` is a PostgreSQL database (the catalogue queries are
// PostgreSQL's); `from` and `to` opened with the same migrations. Runs on
// the calling thread and `to`'s writer; not on an I/O thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <set>
#include <string>

#include "core/status.h"
#include "store/database.h"

namespace warmcity::store {

struct CopiedTable {
  std::string table;
  int64_t source_rows = 0;
  int64_t copied_rows = 0;  // counted in the destination before COMMIT
};

// Called on the writer thread as rows go in: (table, rows copied, rows in total).
using CopyProgress = std::function<void(const std::string&, int64_t, int64_t)>;

// kConflict when the destination already holds a row (naming the table)
// outside `seeded` (the tables migrations fill with starting rows: emptied
// and copied like the rest), kInvalidArgument when `to` is not PostgreSQL or
// a source table is missing; otherwise the engines' errors. On any error
// nothing was committed.
Result<std::vector<CopiedTable>> copy_rows(Database& from, Database& to,
                                           const CopyProgress& progress,
                                           const std::set<std::string>& seeded = {});

}  // namespace warmcity::store
