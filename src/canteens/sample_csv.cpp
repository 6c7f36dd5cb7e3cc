// The day's sample log as CSV (sample_csv.h).
#include "canteens/sample_csv.h"

#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/time.h"

namespace warmcity::canteens {

namespace {

std::string sample_csv_time(const std::optional<int64_t>& t) {
  if (!t) return "";
  std::string s = core::format_rfc3339(*t).substr(0, 16);  // YYYY-MM-DDTHH:MM
  s[10] = ' ';
  return s;
}

std::string sample_csv_actor(const std::optional<Actor>& a) {
  return a ? core::csv_defused(a->name) : "";
}

}  // namespace

std::string sample_day_csv(const SampleDay& day) {
  std::string out = "\xEF\xBB\xBF";
  core::append_csv_record(
      out, {"食堂", "日期", "餐次", "菜品", "留样量(克)", "留样时间", "留样人", "留样柜",
            "可销毁时间", "销毁时间", "销毁人", "作废时间", "作废原因", "备注", "编号"});
  for (const Sample& s : day.items) {
    core::append_csv_record(
        out,
        {core::csv_defused(day.canteen.name), s.date, std::string(sample_meal_label_zh(s.meal)),
         core::csv_defused(s.dish_name), std::to_string(s.weight_g), sample_csv_time(s.taken_at),
         core::csv_defused(s.taken_by.name), core::csv_defused(s.fridge),
         sample_csv_time(keep_until(s.taken_at, s.recorded_at)), sample_csv_time(s.destroyed_at),
         sample_csv_actor(s.destroyed_by), sample_csv_time(s.voided_at),
         core::csv_defused(s.void_reason), core::csv_defused(s.note), std::to_string(s.id)});
  }
  return out;
}

}  // namespace warmcity::canteens
