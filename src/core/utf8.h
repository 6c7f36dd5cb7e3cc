// UTF-8 validation and length in code points: every text rule in warmcity
// ("1 to 64 characters") counts characters, not bytes, and refuses bad UTF-8.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace warmcity::core {

// Number of Unicode code points in `s`, or nullopt when `s` is not valid
// UTF-8 (overlong forms, surrogates and values above U+10FFFF are invalid).
std::optional<size_t> utf8_length(std::string_view s);

// The length in bytes of the longest valid UTF-8 prefix of `s`: s.size()
// when all of `s` is valid, else the offset of the first bad sequence.
size_t utf8_valid_prefix(std::string_view s);

}  // namespace warmcity::core
