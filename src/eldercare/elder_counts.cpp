// count_open_elders (elder_counts.h): one GROUP BY in the shared dialect.
#include "eldercare/elder_counts.h"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "eldercare/elder.h"
#include "eldercare/elder_service.h"
#include "store/sql_list.h"

namespace warmcity::eldercare {

namespace {

// Placeholder ?1 is the community, ?2… the areas (padded, store::padded_length).
std::string count_sql(size_t areas) {
  std::string sql =
      "SELECT community_id, risk_tier, categories, COUNT(*) FROM elders WHERE closed = 0 AND "
      "(CAST(?1 AS BIGINT) IS NULL OR community_id = ?1)";
  if (areas > 0) {
    std::string list;
    for (size_t i = 0; i < areas; ++i) list += (i == 0 ? "?" : ", ?") + std::to_string(2 + i);
    sql += " AND (grid_id IN (" + list + ") OR community_id IN (" + list +
           ") OR subdistrict_id IN (" + list + "))";
  }
  return sql + " GROUP BY community_id, risk_tier, categories";
}

// Adds `n` elders of one group (a tier, a categories array) to `row`.
Status add_group(CommunityCount& row, const std::string& tier, const std::string& categories,
                 int64_t n) {
  const auto t = std::find(kRiskTiers.begin(), kRiskTiers.end(), tier);
  if (t == kRiskTiers.end()) return Status::Internal("an elder in an unknown risk tier: " + tier);
  row.total += n;
  row.tiers[static_cast<size_t>(t - kRiskTiers.begin())] += n;
  const nlohmann::json list = nlohmann::json::parse(categories, nullptr, false);
  if (!list.is_array()) return Status::Internal("an elder's categories are not a JSON array");
  const std::vector<std::string>& codes = category_codes();
  for (const nlohmann::json& code : list) {
    const auto c = code.is_string() ? std::find(codes.begin(), codes.end(), code.get<std::string>())
                                    : codes.end();
    if (c == codes.end()) return Status::Internal("an elder in an unknown category");
    row.categories[static_cast<size_t>(c - codes.begin())] += n;
  }
  return Status::Ok();
}

}  // namespace

std::optional<ElderCountBy> parse_elder_count_by(std::string_view name) {
  if (name == "tier") return ElderCountBy::kTier;
  if (name == "category") return ElderCountBy::kCategory;
  if (name == "community") return ElderCountBy::kCommunity;
  return std::nullopt;
}

Result<std::vector<CommunityCount>> count_open_elders(store::Connection& c,
                                                      const ElderCountFilter& f) {
  if (category_codes().size() != kCategoryCount) return Status::Internal("kCategoryCount is stale");
  std::vector<int64_t> areas;
  if (f.in_areas) {
    if (f.in_areas->empty()) return Status::InvalidArgument("an empty list of areas");
    areas = *f.in_areas;
    areas.resize(store::padded_length(areas.size()), areas.back());
  }
  auto s = c.prepare(count_sql(areas.size()));
  if (!s.ok()) return s.status();
  s->bind(1, f.community_id);
  for (size_t i = 0; i < areas.size(); ++i) s->bind(2 + static_cast<int>(i), areas[i]);

  std::vector<CommunityCount> rows;
  while (true) {
    Result<bool> more = s->step();
    if (!more.ok()) return more.status();
    if (!*more) break;
    const std::optional<int64_t> community = s->column_int64_opt(0);
    auto row = std::find_if(rows.begin(), rows.end(),
                            [&](const CommunityCount& r) { return r.community_id == community; });
    if (row == rows.end()) row = rows.insert(rows.end(), CommunityCount{.community_id = community});
    if (Status st = add_group(*row, s->column_text(1), s->column_text(2), s->column_int64(3));
        !st.ok()) {
      return st;
    }
  }
  // The engines order NULLs differently: sorted here, by id, null last.
  std::sort(rows.begin(), rows.end(), [](const CommunityCount& a, const CommunityCount& b) {
    return std::make_pair(!a.community_id, a.community_id.value_or(0)) <
           std::make_pair(!b.community_id, b.community_id.value_or(0));
  });
  return rows;
}

CommunityCount total_of(const std::vector<CommunityCount>& rows) {
  CommunityCount sum;
  for (const CommunityCount& r : rows) {
    sum.total += r.total;
    for (size_t i = 0; i < sum.tiers.size(); ++i) sum.tiers[i] += r.tiers[i];
    for (size_t i = 0; i < sum.categories.size(); ++i) sum.categories[i] += r.categories[i];
  }
  return sum;
}

Result<std::vector<CommunityCount>> ElderService::counts(std::optional<int64_t> community_id,
                                                         const Caller& by) const {
  if (by.role != "admin" && by.role != "worker") {
    return Status::PermissionDenied("the elders' counts are for admins and workers");
  }
  ElderCountFilter f{.in_areas = listable_areas(by), .community_id = community_id};
  if (f.in_areas && f.in_areas->empty()) return std::vector<CommunityCount>{};
  return count_open_elders(db_.reader(), f);
}

}  // namespace warmcity::eldercare
