// The database engines the store runs on. Module code never names one: it
// writes the shared dialect (docs/storage.md, "One SQL for both engines");
// only src/store/ turns that into an engine's own spellings.
#pragma once

namespace warmcity::store {

enum class Engine { kSqlite, kPostgres };

}  // namespace warmcity::store
