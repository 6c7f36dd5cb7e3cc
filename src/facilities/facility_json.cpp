// A facility as JSON: the API's shape and the values change records compare.
#include "facilities/facility_json.h"

#include "core/time.h"

namespace warmcity::facilities {

namespace {

using nlohmann::ordered_json;

template <class T>
ordered_json value(const std::optional<T>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

}  // namespace

ordered_json stored_json(const std::string& text) {
  ordered_json v = ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  return v.is_discarded() ? ordered_json::object() : v;
}

void add_free_spaces(ordered_json& lot, const FreeSpaces& v) {
  lot["free_spaces"] = value(v.free_spaces);
  lot["free_spaces_at"] = v.at ? ordered_json(core::format_rfc3339(*v.at)) : ordered_json(nullptr);
  lot["free_spaces_age_s"] = value(v.age_s);
}

ordered_json facility_json(const Facility& f) { return facility_json(f, core::now_unix()); }

ordered_json facility_json(const Facility& f, int64_t now) {
  const bool suspended = suspended_at(f, now);
  return {
      {"id", f.id},
      {"kind", kind_name(f.kind)},
      {"name", f.name},
      {"address", f.address},
      {"lat", f.lat},
      {"lon", f.lon},
      {"subdistrict_id", value(f.subdistrict_id)},
      {"community_id", value(f.community_id)},
      {"grid_id", value(f.grid_id)},
      {"keeper_org_id", value(f.keeper_org_id)},
      {"contact_phone", value(f.contact_phone)},
      {"opening_hours", value(f.opening_hours)},
      {"amenities", stored_json(f.amenities_json)},
      {"status", suspended ? "suspended" : "active"},
      {"suspended_reason", suspended ? value(f.suspended_reason) : ordered_json(nullptr)},
      {"suspended_until", suspended && f.suspended_until
                              ? ordered_json(core::format_rfc3339(*f.suspended_until))
                              : ordered_json(nullptr)},
      {"created_at", core::format_rfc3339(f.created_at)},
      {"updated_at", core::format_rfc3339(f.updated_at)},
  };
}

}  // namespace warmcity::facilities
