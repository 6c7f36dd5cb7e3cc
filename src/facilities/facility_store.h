// SQL for the facilities tables (migration module "facilities"):
//   facilities         one row per facility (see facility.h)
//   facility_changes   who changed which fields of a facility, when: `fields`
//                      is a JSON object {name: {"old": …, "new": …}}
// (facility_occupancy is in occupancy.*, facility_notices and
// facility_receptions in stations.*; all their migrations are here.)
// Every function runs on the connection it is given: the writer's inside a
// write job, or the calling thread's reader. Prepared statements only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "facilities/facility.h"
#include "store/connection.h"
#include "store/database.h"

namespace warmcity::facilities {

struct Change {
  int64_t id = 0;
  int64_t facility_id = 0;
  int64_t at = 0;
  int64_t user_id = 0;
  std::string fields_json;
};

struct ListFilter {
  std::optional<Kind> kind;
  std::optional<int64_t> community_id;
  std::optional<int64_t> before_id;  // the cursor
  int limit = 50;
};

// kNotFound when there is no such facility.
Result<Facility> get_facility(store::Connection& c, int64_t id);
// Newest first.
Result<std::vector<Facility>> list_facilities(store::Connection& c, const ListFilter& f);
// Calls `each` with every facility the nearby index holds (entry.h's
// indexed(): active, or suspended until a given time), in ascending id
// order, one row at a time; stops at the first failure.
Status for_each_indexed_facility(store::Connection& c,
                                 const std::function<Status(const Facility&)>& each);

// Inserts `f` (its id is set); the caller fills created_at/updated_at.
// kConflict when keeper_org_id names no organisation.
Status insert_facility(store::Connection& c, Facility& f);
// Overwrites every column but id and created_at.
Status update_facility(store::Connection& c, const Facility& f);

// Removes facilities `ids` and their change rows (undoing an import that
// failed part way; nothing else refers to a facility that new).
Status delete_new_facilities(store::Connection& c, const std::vector<int64_t>& ids);

Status insert_change(store::Connection& c, const Change& change);
// Newest first.
Result<std::vector<Change>> list_changes(store::Connection& c, int64_t facility_id,
                                         std::optional<int64_t> before_id, int limit);

}  // namespace warmcity::facilities
