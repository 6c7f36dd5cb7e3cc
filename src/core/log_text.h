// Text from outside (a username, a path, an exception's message) made safe
// for one log line: control characters (CR, LF, ESC, DEL …) and bytes that
// are not valid UTF-8 become \xNN, and a backslash becomes \\, so a crafted
// value can neither start a forged line nor hide behind terminal escapes,
// and every escaped line still reads back unambiguously. Written here because
// spdlog writes what it is given as is.
#pragma once

#include <string>
#include <string_view>

namespace warmcity::core {

// At most `max_bytes` of the escaped text; a cut one ends with "…".
std::string log_text(std::string_view s, size_t max_bytes = 512);

}  // namespace warmcity::core
