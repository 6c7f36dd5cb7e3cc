#include "facilities/amenities.h"

#include <array>

namespace warmcity::facilities {

namespace {

using T = AmenityType;

constexpr AmenityField flag(std::string_view name) { return {name, T::kBool, 0, 0, false, ""}; }
constexpr AmenityField integer(std::string_view name, int64_t min, int64_t max, T type = T::kInt,
                               bool required = false) {
  return {name, type, min, max, required, ""};
}

constexpr std::array<AmenityField, 9> kLoveStation = {{
    flag("drinking_water"),
    flag("hot_water"),
    flag("heating"),
    flag("cooling"),
    flag("microwave"),
    flag("charging"),
    flag("first_aid"),
    flag("toilet"),
    integer("seats", 0, 10000),
}};

constexpr std::array<AmenityField, 3> kToilet = {{
    flag("wheelchair"),
    flag("baby_change"),
    {"sections", T::kChoice, 0, 0, false, "men_women|all_gender|men|women"},
}};

constexpr std::array<AmenityField, 4> kParking = {{
    integer("capacity", 1, 100000, T::kInt, true),
    integer("fee_fen_per_hour", 0, 100000),
    integer("max_stay_minutes", 1, 525600, T::kNullableInt),
    {"rules", T::kString, 0, 500, false, ""},
}};

}  // namespace

std::span<const AmenityField> amenity_fields(Kind kind) {
  switch (kind) {
    case Kind::kLoveStation:
      return kLoveStation;
    case Kind::kToilet:
      return kToilet;
    case Kind::kParking:
      return kParking;
    default:
      return {};
  }
}

std::optional<uint32_t> amenity_flag(Kind kind, std::string_view name) {
  uint32_t bit = 0;
  for (const AmenityField& f : amenity_fields(kind)) {
    if (f.type != T::kBool) continue;
    if (f.name == name) return uint32_t{1} << bit;
    ++bit;
  }
  return std::nullopt;
}

std::string bool_amenities_text(Kind kind) {
  std::string out;
  for (const AmenityField& f : amenity_fields(kind)) {
    if (f.type == T::kBool) out += (out.empty() ? "" : ", ") + std::string(f.name);
  }
  return out.empty() ? "none" : out;
}

}  // namespace warmcity::facilities
