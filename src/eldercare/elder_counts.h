// Counts of the open elders (the dashboard's 服务对象 panel, issue #16): per
// community, by risk tier and by category. Numbers only — no name, phone,
// address or id of an elder — so a count is not a personal-data read and
// writes no audit row.
//
// One GROUP BY community_id, risk_tier, categories over the open rows, in
// the SQL both engines run, read through the covering index elders_counts
// (migration "eldercare" v4): the groups are few (the distinct category
// arrays of a community and tier), and each group's JSON array is read once,
// in C++, to add its count to each of its categories. A correction or a
// closing is counted the moment it commits: there is no second table to keep.
//
// REQUIRES: nothing beyond a connection; HTTP-free. Threads: the caller's.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::eldercare {

// The answer's grouping: tier, category or community (the dashboard's
// table: a row per community, columns the tiers and the categories).
enum class ElderCountBy { kTier, kCategory, kCommunity };
// "tier", "category", "community"; nullopt for anything else.
std::optional<ElderCountBy> parse_elder_count_by(std::string_view name);

// The risk tiers in the order the counts give them (each is_risk_tier).
inline constexpr std::array<std::string_view, 3> kRiskTiers = {"high", "priority", "general"};
inline constexpr size_t kCategoryCount = 8;  // category_codes().size()

// The open elders of one community (null: of a grid in no community).
struct CommunityCount {
  std::optional<int64_t> community_id;
  int64_t total = 0;
  std::array<int64_t, kRiskTiers.size()> tiers{};    // kRiskTiers order
  std::array<int64_t, kCategoryCount> categories{};  // category_codes() order
};

struct ElderCountFilter {
  // Elders lying in one of these areas (grid, community or sub-district);
  // nullopt: anywhere. REQUIRES: not an empty list.
  std::optional<std::vector<int64_t>> in_areas;
  std::optional<int64_t> community_id;
};

// The communities with open elders, by id, the null community last. No open
// elders: no rows.
Result<std::vector<CommunityCount>> count_open_elders(store::Connection& c,
                                                      const ElderCountFilter& f);

// The sum of `rows` (community_id null).
CommunityCount total_of(const std::vector<CommunityCount>& rows);

}  // namespace warmcity::eldercare
