// SQL for table `areas`: one row per sub-district, community or grid, its
// boundary stored as GeoJSON geometry text (WGS-84). Times are unix seconds.
//
// Parent rules (checked by check_parent inside write jobs, so they hold
// against concurrent writes): a sub-district has no parent, a community's
// parent is a sub-district, a grid's parent is a community. A row with
// children cannot be deleted (kConflict; the foreign key also refuses).
//
// REQUIRES: the migrations of module "areas". Reads take the caller's
// connection; the write helpers run inside a write job on its connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "areas/areas.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::areas {

struct AreaRecord {
  int64_t id = 0;
  Level level = Level::kSubdistrict;
  std::optional<int64_t> parent_id;
  std::string name;
  std::optional<std::string> code;
  std::string boundary;  // GeoJSON geometry text; "" in lists
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct AreaQuery {
  std::optional<Level> level;
  std::optional<int64_t> parent_id;
  std::optional<int64_t> before_id;  // the cursor
  int limit = 50;
};

// A page of areas, newest id first, without boundaries.
Result<std::vector<AreaRecord>> list_areas(store::Connection& c, const AreaQuery& q);
// Every area with its boundary (to build the snapshot).
Result<std::vector<AreaRecord>> all_areas(store::Connection& c);
Result<AreaRecord> get_area(store::Connection& c, int64_t id);
// The id and level of the area with `code`, nullopt when none has it.
Result<std::optional<std::pair<int64_t, Level>>> find_by_code(store::Connection& c,
                                                              const std::string& code);

// The level a parent of `level` must have (nullopt: a sub-district has none).
std::optional<Level> parent_level(Level level);
// kUnprocessable (field "parent_id") when `parent_id` breaks the parent rules.
Status check_parent(store::Connection& c, Level level, std::optional<int64_t> parent_id);
// kConflict when another area than `self` already has `code`.
Status check_code_free(store::Connection& c, const std::optional<std::string>& code, int64_t self);

// Inserts `a` (id, created_at, updated_at are set). No rule checks.
Status insert_area(store::Connection& c, AreaRecord& a);
// Writes name, code and boundary of `a.id` and stamps updated_at; kNotFound.
Status update_area(store::Connection& c, AreaRecord& a);
// How many areas name `id` as their parent.
Result<int64_t> count_children(store::Connection& c, int64_t id);
// kNotFound, or kConflict while the area has children.
Status delete_area(store::Connection& c, int64_t id);

}  // namespace warmcity::areas
