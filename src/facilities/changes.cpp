#include "facilities/changes.h"

#include <optional>

#include "facilities/facility_json.h"

namespace warmcity::facilities {

namespace {

using nlohmann::ordered_json;

// The compared fields of `f` as JSON values, in column order.
ordered_json fields(const Facility& f) {
  ordered_json out = facility_json(f, kAsStored);
  for (const char* bookkeeping : {"id", "created_at", "updated_at"}) out.erase(bookkeeping);
  return out;
}

}  // namespace

FieldChanges diff(const Facility* before, const Facility& after) {
  const ordered_json now = fields(after);
  const ordered_json old = before ? fields(*before) : ordered_json::object();
  FieldChanges out;
  ordered_json changed = ordered_json::object();
  for (const auto& [name, v] : now.items()) {
    const ordered_json was = old.contains(name) ? old[name] : ordered_json(nullptr);
    if (before && was == v) continue;
    changed[name] = {{"old", was}, {"new", v}};
    out.names.push_back(name);
  }
  out.json = changed.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  return out;
}

}  // namespace warmcity::facilities
