// The subsidy engine: what an elder pays for one meal under one version of
// the subsidy rules (subsidy_rule.h). Pure: no database, no clock.
//
// How a meal is priced:
//   - not an elder (no record given): no subsidy, the full price;
//   - no version in force on the meal's day: no subsidy;
//   - her age on the meal's day in whole years from her birth date (a
//     birthday counts from its day: a 75th birthday on the 16th moves her to
//     the next band on the 16th; born on 29 February, her birthday counts on
//     1 March in common years), and her categories on that day (the caller
//     derives them from her history);
//   - the tiers that apply: in the age band (when the tier has one) and
//     holding any of its statuses (when it has some), and counting this meal;
//     of those, the version's precedence picks one (highest amount, the
//     first in list order among equals; or the first in list order);
//   - the subsidy is the tier's amount, never more than the price, and never
//     more than what is left of the caps per day and per month after what was
//     already subsidised that day and month.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "canteens/subsidy_rule.h"
#include "core/time.h"

namespace warmcity::canteens {

// The elder on the meal's day.
struct ElderOnDay {
  core::LocalDate birth_date;
  std::vector<std::string> statuses;  // her eldercare categories that day
};

struct MealToPrice {
  core::LocalDate date;
  Meal meal = Meal::kLunch;
  int64_t price_fen = 0;             // >= 0
  int64_t subsidised_today_fen = 0;  // her subsidy already given that day
  int64_t subsidised_month_fen = 0;  // … and that month
};

struct Quote {
  int64_t price_fen = 0;
  int64_t subsidy_fen = 0;  // 0 <= subsidy <= price, within the caps
  int64_t pays_fen = 0;     // price - subsidy
  std::optional<int> age;   // whole years on the day; nullopt: not an elder
  std::optional<std::string> tier;
  std::optional<int64_t> version_id;
  // Why the subsidy is less than the tier's amount: "price", "cap_per_day",
  // "cap_per_month"; "" when it is not.
  std::string limited_by;
  // In Chinese, naming the rule: "80岁以上 每餐补贴¥5（2026-12-01起）";
  // never her age or categories (a counter reads it).
  std::string reason;
};

// Whole years from `birth` to `day` (negative never: 0 before the first
// birthday). REQUIRES: birth <= day for a meaningful answer.
int age_on(core::LocalDate birth, core::LocalDate day);

// The meal priced under `version` (nullptr: none in force) for `elder`
// (nullopt: not an elder).
Quote quote(const SubsidyRules* version, const std::optional<ElderOnDay>& elder,
            const MealToPrice& meal);

}  // namespace warmcity::canteens
