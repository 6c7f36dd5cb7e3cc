// SQL for appeal_categories (migration module "appeals", see appeal_store.h).
// Every function runs on the connection it is given: the writer's inside a
// write job, or the calling thread's reader. Prepared statements only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "appeals/category.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::appeals {

// kNotFound when there is none.
Result<Category> get_category(store::Connection& c, const std::string& code);
Result<Category> get_category_by_id(store::Connection& c, int64_t id);
// By group, then code. `include_inactive` also lists deactivated ones.
Result<std::vector<Category>> list_categories(store::Connection& c, bool include_inactive);

// Sets c.id. kConflict when the code is taken or department_org_id names no
// organisation.
Status insert_category(store::Connection& c, Category& cat);
// Overwrites every column but id, code and created_at (kConflict as above).
Status update_category_row(store::Connection& c, const Category& cat);

}  // namespace warmcity::appeals
