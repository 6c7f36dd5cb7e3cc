// The database engines the store runs on. Module code never names one: it
// writes the shared dialect (docs/storage.md, "One SQL for both engines");
// only src/store/ turns that into an engine's own spellings.
#pragma once

#include <string>
#include <string_view>

namespace warmcity::store {

enum class Engine { kSqlite, kPostgres };

// "verb `sql`" for the engines' error messages, long SQL (migrations) cut short.
inline std::string describe_sql(std::string_view verb, std::string_view sql) {
  constexpr size_t kMax = 160;
  std::string out(verb);
  out += " `";
  out += sql.substr(0, kMax);
  out += sql.size() > kMax ? "...`" : "`";
  return out;
}

}  // namespace warmcity::store
