#include "accounts/organisation.h"

#include <algorithm>
#include <array>

namespace warmcity::accounts {

namespace {

constexpr std::array<std::string_view, 6> kKinds = {"department",  "keeper", "community",
                                                    "subdistrict", "grid",   "volunteer_team"};

}  // namespace

bool kind_serves_area(std::string_view kind) {
  return kind == "community" || kind == "subdistrict" || kind == "grid";
}

bool is_organisation_kind(std::string_view kind) {
  return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}

std::string_view organisation_kinds_text() {
  return "department, keeper, community, subdistrict, grid, volunteer_team";
}

}  // namespace warmcity::accounts
