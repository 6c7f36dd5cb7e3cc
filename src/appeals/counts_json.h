// The answer of GET /api/v1/appeals/counts, written straight into text: a
// city's month by grid is 15,000 items, and an ordered_json object per item
// (with a lookup per cell for its by_state) took most of the answer's time.
// The same bytes nlohmann's dump() gave (keys in this order):
//   {"month","by","from","until","total","items":[…]}
//   by state:      {"state","count"}
//   by category:   {"category_id","category","name_zh","name_en","count","by_state"}
//   by channel:    {"channel","count","by_state"}
//   by an area:    {"area_id" (null: none),"count","by_state"}
// by_state maps each state of the group's cells to its count. Pure.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "appeals/appeal_counts.h"
#include "appeals/category.h"

namespace warmcity::appeals {

struct CountsHeader {
  std::string month;  // "2026-06"
  std::string from;   // RFC 3339, district time
  std::string until;
};

// The category with this id, or null (its names are then null).
using CategoryOf = std::function<const Category*(int64_t id)>;

// REQUIRES: `cells` as count_appeals() orders them (a group's cells together).
std::string counts_json(const CountsHeader& header, CountBy by, const std::vector<CountCell>& cells,
                        const CategoryOf& category);

}  // namespace warmcity::appeals
