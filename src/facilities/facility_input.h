// Reading a facility from a POST or PATCH body. Include only in route code
// (it pulls in nlohmann/json).
//
// Fields: kind (create only; a PATCH naming it is refused), name 1..100,
// address 1..200, lat/lon (both or neither; WGS-84, or GCJ-02 when the
// request says ?coord=gcj02), keeper_org_id, contact_phone (core/phone.h),
// opening_hours (OSM syntax, ≤ 1000 characters), amenities (amenities.h,
// for the facility's kind), status active|suspended, suspended_reason 1..200,
// suspended_until RFC 3339. Nullable fields are cleared with null. Every bad
// field is reported at once (kUnprocessable with errors[]); a body that is
// not a JSON object is kInvalidArgument.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/opening_hours.h"
#include "core/status.h"
#include "facilities/facility.h"
#include "facilities/facility_patch.h"

namespace warmcity::facilities {

struct Input {
  Kind kind = Kind::kServiceCentre;
  Patch patch;
};

// `creating`: kind, name, address, lat and lon are required and `known_kind`
// is ignored; otherwise `known_kind` is the stored facility's kind. When the
// opening hours fail to parse, *where receives the position.
Result<Input> read_input(std::string_view body, bool creating, Kind known_kind, bool gcj02,
                         std::optional<core::ParseError>* where);
// The same for a body already parsed to a JSON object (an imported row).
Result<Input> read_input_object(const nlohmann::json& doc, bool creating, Kind known_kind,
                                bool gcj02, std::optional<core::ParseError>* where);

// The fields a body may hold, in the order of the list above.
std::span<const std::string_view> input_fields();

// A new facility from a create Input (status, area and times not yet set).
Result<Facility> new_facility(const Input& in);

}  // namespace warmcity::facilities
