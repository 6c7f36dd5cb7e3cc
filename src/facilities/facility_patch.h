// Patch: the fields a PATCH request changes, and how they apply.
//
// A field left nullopt keeps its value; a nullable field set to an inner
// nullopt is cleared. The kind never changes (a different kind is a
// different facility). Setting `suspended` to false clears the reason and
// the until time. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "facilities/facility.h"

namespace warmcity::facilities {

struct Patch {
  std::optional<std::string> name;
  std::optional<std::string> address;
  std::optional<double> lat;  // WGS-84; set together with lon
  std::optional<double> lon;
  std::optional<std::optional<int64_t>> keeper_org_id;
  std::optional<std::optional<std::string>> contact_phone;
  std::optional<std::optional<std::string>> opening_hours;
  std::optional<std::string> amenities_json;  // validated for the facility's kind
  std::optional<bool> suspended;
  std::optional<std::optional<std::string>> suspended_reason;
  std::optional<std::optional<int64_t>> suspended_until;
};

// `before` with `patch` applied. kUnprocessable (field "suspended_reason")
// when the result is suspended without a reason.
Result<Facility> apply_patch(const Facility& before, const Patch& patch);

// A facility that is suspended must say why.
Status check_suspension(const Facility& f);

}  // namespace warmcity::facilities
