// RFC 9457 problem details: every error warmcity sends looks like this.
//
//   {"type": "https://warmcity.example/problems/not-found", "title": "Not Found",
//    "status": 404, "detail": "...", "errors": [{"field": "...", "message": "..."}]}
//
// Content-Type: application/problem+json.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"
#include "http/message.h"

namespace warmcity::http {

// HTTP status for a Status code (kOk → 200).
int http_status(Code code);

// A problem response for a non-ok Status.
Response problem(const Status& status);
// A problem response with an explicit HTTP status (404/405 from the router…).
Response problem(int http_status, std::string_view detail);
// The problem for text that failed to parse (an opening_hours expression):
// problem(status) plus the members `position` (where parsing stopped) and
// `expected` (what it expected there).
Response parse_problem(const Status& status, size_t position, std::string_view expected);

// The refusal's code a service put first in its message: the leading word
// of lower-case letters and '_' before ':' ("already_enrolled: …" →
// "already_enrolled"), or the whole message when it is one such word
// ("clash"); "" otherwise.
std::string refusal_code(std::string_view message);
// problem(status) plus `error`, the refusal's code (a 422 without one:
// "invalid"), and for a 422 `field`, its first field error's field — the
// shape the activities', clinics' and after-school contracts answer.
Response coded_problem(const Status& status);

// 200 (or `status`) with a JSON body already serialised.
Response json_response(std::string body, int status = 200);

}  // namespace warmcity::http
