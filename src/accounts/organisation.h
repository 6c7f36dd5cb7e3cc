// An organisation users belong to — a department, facility keeper,
// community, sub-district, grid or volunteer team — and the rules on its
// kind. The plain record the store, the services and the routes share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace warmcity::accounts {

struct Organisation {
  int64_t id = 0;
  std::string kind;
  std::string name;
  int64_t created_at = 0;
  // The area it serves (community, sub-district, grid kinds only): its
  // workers' appeals are that area's (see Principal::area_ids).
  std::optional<int64_t> area_id;
};

// The kinds that may serve an area, which must be of the same level.
bool kind_serves_area(std::string_view kind);

// department, keeper, community, subdistrict, grid, volunteer_team.
bool is_organisation_kind(std::string_view kind);
// The kinds, comma-separated, for error messages.
std::string_view organisation_kinds_text();

}  // namespace warmcity::accounts
