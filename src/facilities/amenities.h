// Amenities: what a facility offers, typed per kind.
//
//   love_station  drinking_water, hot_water, heating, cooling, microwave,
//                 charging, first_aid, toilet: bool (default false);
//                 seats: int 0..10000 (default 0)
//   toilet        wheelchair, baby_change: bool (default false);
//                 sections: men_women | all_gender | men | women (default men_women)
//   parking       capacity: int 1..100000 (required); fee_fen_per_hour: int
//                 0..100000 (default 0); max_stay_minutes: int 1..525600 or
//                 null (default null); rules: string ≤ 500 characters (default "")
//   other kinds   {} (no amenities)
// Unknown keys are refused. The stored form (`json`) is canonical: every
// field of the kind, defaults filled in, so two equal amenities compare equal
// as text. Reading the JSON lives in amenities_json.h (route code).
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "facilities/facility.h"

namespace warmcity::facilities {

enum class AmenityType { kBool, kInt, kNullableInt, kString, kChoice };

struct AmenityField {
  std::string_view name;
  AmenityType type;
  int64_t min = 0;  // kInt, kNullableInt: value range; kString: max characters in `max`
  int64_t max = 0;
  bool required = false;
  std::string_view choices;  // kChoice: "a|b|c"; the first is the default
};

std::span<const AmenityField> amenity_fields(Kind kind);

// The validated amenities of one facility.
struct Amenities {
  std::string json = "{}";          // canonical JSON object text
  uint32_t flags = 0;               // bit amenity_flag(name) set when that bool is true
  std::optional<int64_t> capacity;  // parking only
};

// The bit of a boolean amenity of `kind`; nullopt when `kind` has no
// boolean amenity of that name.
std::optional<uint32_t> amenity_flag(Kind kind, std::string_view name);
// "drinking_water, hot_water, …" (the kind's boolean amenities), or "none".
std::string bool_amenities_text(Kind kind);

// Reads stored canonical text back. kInternal when it does not validate.
Result<Amenities> amenities_from_text(Kind kind, std::string_view text);

}  // namespace warmcity::facilities
