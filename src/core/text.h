#pragma once
// Small text helpers shared by the parsers (headers, cookies, CSV cells,
// calendar lines).
#include <string_view>

namespace warmcity::core {

// `s` without leading and trailing blanks: spaces, tabs and carriage returns.
std::string_view trim_blanks(std::string_view s);

}  // namespace warmcity::core
