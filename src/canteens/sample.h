// A food-safety sample (留样) of one dish of one meal at a canteen, and the
// rules a new one must keep (issue #17, "Food-safety sample log").
//
// A sample weighs at least 125 g and is kept at least 48 hours from when it
// was taken; only then may it be destroyed. Its record is never edited: a
// mistake is voided (with a reason) and a new sample recorded, and both stay
// in the log. Who took it, who destroyed or voided it: the signed-in user,
// with the display name they had then (the log reads as it was written).
//
// taken_at lies between 72 hours before now (a log written up late, after a
// weekend) and 5 minutes after now (clocks a little apart), and falls on the
// meal's day in the district or the day before; it is the inspectors' time,
// so the sample's own meal date is given apart from it. The 48 hours run
// from the later of taken_at and when the server recorded the sample, so a
// log written up late (or a voided record written again) keeps its sample
// 48 hours from the writing.
// Pure; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace warmcity::canteens {

inline constexpr int64_t kMinSampleGrams = 125;
inline constexpr int64_t kMaxSampleGrams = 100000;  // a typo, not a sample
inline constexpr int64_t kKeepSeconds = 48 * 3600;
inline constexpr int64_t kTakenAtFutureSlack = 5 * 60;
inline constexpr int64_t kTakenAtBackWindow = 72 * 3600;
inline constexpr size_t kMaxDishName = 60;
inline constexpr size_t kMaxFridge = 40;
inline constexpr size_t kMaxNote = 200;
inline constexpr size_t kMaxVoidReason = 200;

// 早餐 / 午餐 / 晚餐 for a meal of menu.h's list (the CSV for inspectors).
std::string_view sample_meal_label_zh(std::string_view meal);

// What the canteen's staff write down for a new sample.
struct SampleInput {
  std::string date;  // YYYY-MM-DD, the meal's day in the district
  std::string meal;
  std::string dish_name;
  std::optional<int64_t> dish_id;  // a menu's dish, kept as given (no check)
  int64_t weight_g = 0;
  int64_t taken_at = 0;  // unix seconds
  std::string fridge;
  std::string note;
};

// The errors of `in` against the rules above at time `now`, one per field;
// empty when it may be recorded. The weight's message says the rule in
// Chinese and English.
std::vector<FieldError> sample_errors(const SampleInput& in, int64_t now);

// When a sample taken at `taken_at` and recorded at `recorded_at` (the
// server's clock) may be destroyed: 48 hours after the later of the two.
constexpr int64_t keep_until(int64_t taken_at, int64_t recorded_at) {
  return (taken_at > recorded_at ? taken_at : recorded_at) + kKeepSeconds;
}

// The 409 detail for a destroy before keep_until (the time in district time).
std::string too_early_to_destroy(int64_t keep_until);

}  // namespace warmcity::canteens
