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
// An unknown token, an unclosed one or a missing argument is an error naming
// it, so a typo in a migration fails the first open, not a later query.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "store/engine.h"

namespace warmcity::store {

Result<std::string> expand_schema(std::string_view sql, Engine engine);

}  // namespace warmcity::store
