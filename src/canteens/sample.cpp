// The rules of a new sample (sample.h).
#include "canteens/sample.h"

#include <array>

#include "canteens/menu.h"
#include "core/time.h"

namespace warmcity::canteens {

std::string_view sample_meal_label_zh(std::string_view meal) {
  static constexpr std::array<std::string_view, 3> kLabels = {"早餐", "午餐", "晚餐"};
  const int order = meal_order(meal);
  return order >= 0 && order < static_cast<int>(kLabels.size()) ? kLabels[order] : meal;
}

std::vector<FieldError> sample_errors(const SampleInput& in, int64_t now) {
  std::vector<FieldError> errors;
  const Result<core::LocalDate> day = core::parse_date(in.date);
  if (!day.ok()) errors.push_back({"date", "a day as YYYY-MM-DD"});
  if (!is_meal(in.meal)) errors.push_back({"meal", "breakfast, lunch or dinner"});
  if (in.weight_g < kMinSampleGrams) {
    errors.push_back(
        {"weight_g", "每个品种留样不少于125克 / a sample weighs at least 125 g (whole grams)"});
  }
  if (in.taken_at > now + kTakenAtFutureSlack) {
    errors.push_back({"taken_at", "留样时间不能晚于现在 / taken_at is in the future"});
  } else if (in.taken_at < now - kTakenAtBackWindow) {
    errors.push_back({"taken_at", "留样时间不能早于72小时前 / taken_at is more than 72 hours ago"});
  } else if (day.ok()) {
    const int64_t meal_day = core::days_from_civil(*day);
    const int64_t taken_day = core::days_from_civil(core::local_date_of(in.taken_at));
    if (taken_day != meal_day && taken_day != meal_day - 1) {
      errors.push_back({"taken_at",
                        "留样时间须在该餐当天或前一天 / taken_at falls on the meal's day "
                        "(district time) or the day before"});
    }
  }
  return errors;
}

std::string too_early_to_destroy(int64_t until) {
  const std::string at = core::format_rfc3339(until);
  return "留样须保存48小时，" + at +
         " 起方可销毁 / a sample is kept 48 hours: it may be destroyed from " + at;
}

}  // namespace warmcity::canteens
