// Entity tags (RFC 9110 8.8.3, 13.1.2): whether a request's If-None-Match
// names a response's tag — the static files' and the calendar feeds' 304s.
#pragma once

#include <string>
#include <string_view>

namespace warmcity::http {

// If-None-Match `header` holds `etag`, or is "*". Weak validators compare
// weakly.
bool etag_matches(std::string_view header, const std::string& etag);

}  // namespace warmcity::http
