// What a write changed, for facility_changes and the audit log.
#pragma once

#include <string>
#include <vector>

#include "facilities/facility.h"

namespace warmcity::facilities {

struct FieldChanges {
  std::string json = "{}";         // {name: {"old": …, "new": …}}
  std::vector<std::string> names;  // the changed fields, in column order
};

// The fields that differ between `before` (nullptr: the facility is new, so
// every field is "changed" from null) and `after`. Bookkeeping fields (id,
// created_at, updated_at, updated_by) are not compared.
FieldChanges diff(const Facility* before, const Facility& after);

}  // namespace warmcity::facilities
