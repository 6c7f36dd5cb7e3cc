// Reading the errand routes' request bodies (formats only; the service
// keeps the rules that need the database). 400 for a body that is not a
// JSON object, 422 naming every bad field.
#pragma once

#include <string_view>

#include "core/status.h"
#include "eldercare/errand_service.h"

namespace warmcity::eldercare {

// {"kind": "shopping", "lines": [{"text", "quantity", "budget_fen"}…], "note"}
// | {"kind": "medicine", "pharmacy", "what", "note"} | {"kind": "task", "text", "note"}
Result<ErrandInput> read_errand_input(std::string_view body);

// {"step": "assign|start|substitute|deliver|settle|confirm|cancel", …} with
// the step's own fields (docs/eldercare.md, "Errands"). settle's optional
// receipt_photo is decoded and checked here (a few milliseconds for a large
// photo: the route reads a body that may hold one off the I/O thread).
Result<ErrandStepInput> read_step_input(std::string_view body);

}  // namespace warmcity::eldercare
