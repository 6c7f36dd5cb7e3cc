// Elders' meal-subsidy rules (长者助餐补贴) as data: a district's rule set
// versions, each in force from its `effective_from` day until the next
// version's day. A version holds tiers — by age band (whole years on the
// meal's day, both ends inclusive) and/or by the elder's categories
// (eldercare's codes: extreme_poverty 特困, subsistence_allowance 低保 …) —
// each with an amount per meal and the meals it counts, and version-wide caps
// per day and per month and the precedence when several tiers apply.
// Pure: no I/O. The engine that prices a meal is subsidy_engine.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace warmcity::canteens {

enum class Meal { kBreakfast, kLunch, kDinner };
// "breakfast", "lunch", "dinner".
std::optional<Meal> parse_meal(std::string_view code);
std::string_view meal_code(Meal m);

// Which tier wins when several apply to the elder and the meal: the highest
// amount (the first in list order among equals), or the first in list order.
enum class Precedence { kHighest, kFirst };
std::optional<Precedence> parse_precedence(std::string_view code);
std::string_view precedence_code(Precedence p);

struct SubsidyTier {
  std::string name;            // "80岁以上", "特困"
  std::optional<int> age_min;  // whole years, inclusive
  std::optional<int> age_max;  // inclusive; nullopt: no upper end
  // eldercare category codes: the tier applies when she has any of them
  // (and is in the age band, when the tier has one). Empty: age band only.
  std::vector<std::string> statuses;
  int64_t amount_fen = 0;  // per meal
  std::vector<Meal> meals;
};

// One version of the district's rule set.
struct SubsidyRules {
  int64_t id = 0;
  core::LocalDate effective_from;            // in force from this day (district time)
  std::vector<SubsidyTier> tiers;            // list order matters for Precedence::kFirst
  std::optional<int64_t> cap_per_day_fen;    // nullopt: no cap
  std::optional<int64_t> cap_per_month_fen;  // nullopt: no cap
  Precedence precedence = Precedence::kHighest;
  std::string note;
  int64_t created_at = 0, created_by = 0;
  int64_t updated_at = 0, updated_by = 0;
};

inline constexpr size_t kMaxTiers = 20;
inline constexpr int kMaxAge = 150;
inline constexpr int64_t kMaxSubsidyFen = 1'000'000;  // ¥10,000: beyond any meal

// What is wrong with the rules as a whole, by field path ("tiers[1].age_min"):
// no tiers or too many, a tier with neither an age band nor statuses, an
// age_max without age_min or below it, an unknown or repeated status or meal,
// no meals, a repeated tier name, and two tiers without statuses whose age
// bands overlap (the message names both). Formats and ranges of single values
// are the reader's (subsidy_json.h). Empty: the rules hold together.
std::vector<FieldError> check_rules(const SubsidyRules& r);

// The version in force on `day` among `versions` (any order): the one with
// the latest effective_from on or before it; nullptr when none is.
const SubsidyRules* in_force(const std::vector<SubsidyRules>& versions, core::LocalDate day);

// "¥5", "¥2.50": money in fen as the reason texts say it.
std::string yuan(int64_t fen);

}  // namespace warmcity::canteens
