// What a list of appeals asks for: the staff list's filters (AppealFilter)
// and the supervision list's cursor. Plain structs, no I/O: the routes fill
// them, AppealService::list / supervision (appeal_service.h) run them, and
// appeal_store.h turns them into SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "appeals/workflow.h"

namespace warmcity::appeals {

// A bounded list, newest first. Empty vectors and nullopts switch a filter off.
struct AppealFilter {
  std::vector<State> states = {};
  std::vector<int64_t> category_ids = {};
  std::vector<int64_t> assigned_org_ids = {};    // visibility for department staff
  std::vector<int64_t> area_ids = {};            // visibility for a worker bound to areas
  std::optional<int64_t> reporter_user_id = {};  // "my appeals"
  std::vector<int64_t> ids = {};
  std::optional<int64_t> submitted_from = {};   // submitted_at >= from
  std::optional<int64_t> submitted_until = {};  // submitted_at < until
  std::optional<int64_t> before_id = {};        // the cursor
  int limit = 50;
};

// Supervision (督办) lists by (nearly_at, id); the cursor is the pair of the
// last row seen.
struct SupervisionCursor {
  int64_t nearly_at = 0;
  int64_t id = 0;
};

}  // namespace warmcity::appeals
