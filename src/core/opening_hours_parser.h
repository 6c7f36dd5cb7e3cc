// Opening hours, internal: text → compiled rules (see opening_hours_rules.h).
//
// Owns: the recursive-descent parser for the supported opening_hours syntax
// (listed in opening_hours.h, documented in docs/opening-hours.md) over the
// tokens of opening_hours_lexer.h, and the shaping of rules the evaluator
// expects (wrapped after-midnight rules, the reference's order of time
// selectors). Stricter than the reference, which silently
// corrects many mistakes: warmcity stores what keepers type, so a value is
// either exactly understood or rejected with the position of the problem.
//
// REQUIRES: `error` is not null. On failure returns false and fills *error
// (position in Unicode code points, what was expected there).
#pragma once

#include <string_view>

#include "core/opening_hours.h"
#include "core/opening_hours_rules.h"

namespace warmcity::core::oh_detail {

bool parse_program(std::string_view expr, Program* out, ParseError* error);

}  // namespace warmcity::core::oh_detail
