// JSON text handled by hand: string escaping for the places that build JSON
// without a JSON library (audit details, the nearby answer), and the nesting
// check every request body passes before a JSON library sees it.
//
// Owns the one escaping rule: '"' and '\' are escaped, \n \r \t by name,
// other control characters as \u00XX, everything else (UTF-8 included)
// copied as is. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace warmcity::core {

// Appends `s` as a JSON string, quotes included.
void append_json_string(std::string& out, std::string_view s);
// Appends the escaped characters of `s` without the quotes.
void append_json_escaped(std::string& out, std::string_view s);

// The deepest a request document may nest arrays and objects. nlohmann's
// parser is iterative, but copying, comparing and dumping a document recurse
// once per level: 150,000 levels in 300 KB overflowed an I/O thread's stack.
inline constexpr int kMaxJsonDepth = 64;

// True when `text`, read as JSON, opens more than `limit` arrays/objects
// inside one another. Brackets inside strings (escapes included) do not
// count. It does not validate: malformed text that stays shallow is left to
// the parser. One pass, stops at the first level past the limit.
bool json_nesting_exceeds(std::string_view text, int limit = kMaxJsonDepth);

}  // namespace warmcity::core
