// JSON text written by hand: string escaping for the places that build JSON
// without a JSON library (audit details, the nearby answer).
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

}  // namespace warmcity::core
