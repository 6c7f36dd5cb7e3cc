// UTF-8 length counting for the accounts' text rules (passwords, names),
// usable without the JSON layer (the CLI path has no FieldReader).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace warmcity::accounts {

// Number of Unicode code points in `s`, or nullopt when `s` is not valid
// UTF-8 (overlong forms, surrogates and values above U+10FFFF are invalid).
std::optional<size_t> utf8_length(std::string_view s);

}  // namespace warmcity::accounts
