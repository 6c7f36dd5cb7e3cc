// Pricing one meal under the subsidy rules (subsidy_engine.h).
#include "canteens/subsidy_engine.h"

#include <algorithm>

namespace warmcity::canteens {

namespace {

bool holds_any(const std::vector<std::string>& hers, const std::vector<std::string>& wanted) {
  return std::any_of(wanted.begin(), wanted.end(), [&hers](const std::string& s) {
    return std::find(hers.begin(), hers.end(), s) != hers.end();
  });
}

bool applies(const SubsidyTier& t, int age, const ElderOnDay& elder, Meal meal) {
  if (std::find(t.meals.begin(), t.meals.end(), meal) == t.meals.end()) return false;
  if (t.age_min && (age < *t.age_min || (t.age_max && age > *t.age_max))) return false;
  return t.statuses.empty() || holds_any(elder.statuses, t.statuses);
}

const SubsidyTier* pick(const SubsidyRules& v, int age, const ElderOnDay& elder, Meal meal) {
  const SubsidyTier* best = nullptr;
  for (const SubsidyTier& t : v.tiers) {
    if (!applies(t, age, elder, meal)) continue;
    if (v.precedence == Precedence::kFirst) return &t;
    if (!best || t.amount_fen > best->amount_fen) best = &t;
  }
  return best;
}

std::string since(const SubsidyRules& v) {
  return "（" + core::format_date(v.effective_from) + "起）";
}

}  // namespace

int age_on(core::LocalDate birth, core::LocalDate day) {
  int years = day.year - birth.year;
  // Month-day compared as numbers: 29 Feb is "not yet" on 28 Feb and past on
  // 1 Mar of a common year, so her birthday counts on 1 March.
  if (day.month * 100 + day.day < birth.month * 100 + birth.day) --years;
  return std::max(years, 0);
}

Quote quote(const SubsidyRules* version, const std::optional<ElderOnDay>& elder,
            const MealToPrice& meal) {
  Quote q;
  q.price_fen = meal.price_fen;
  q.pays_fen = meal.price_fen;
  if (!elder) {
    q.reason = "非服务对象，按原价";
    return q;
  }
  q.age = age_on(elder->birth_date, meal.date);
  if (!version) {
    q.reason = core::format_date(meal.date) + "无补贴规则，按原价";
    return q;
  }
  q.version_id = version->id;
  const SubsidyTier* tier = pick(*version, *q.age, *elder, meal.meal);
  if (!tier) {
    q.reason = std::string("不符合补贴条件") + since(*version) + "，按原价";
    return q;
  }
  q.tier = tier->name;
  q.reason = tier->name + " 每餐补贴" + yuan(tier->amount_fen) + since(*version);
  int64_t subsidy = tier->amount_fen;
  if (meal.price_fen < subsidy) {
    subsidy = meal.price_fen;
    q.limited_by = "price";
    q.reason += "；餐价" + yuan(meal.price_fen) + "低于补贴，补贴" + yuan(subsidy);
  }
  if (version->cap_per_day_fen) {
    const int64_t left =
        std::max<int64_t>(*version->cap_per_day_fen - meal.subsidised_today_fen, 0);
    if (left < subsidy) {
      subsidy = left;
      q.limited_by = "cap_per_day";
      q.reason += "；每日上限" + yuan(*version->cap_per_day_fen) + "，当日已补" +
                  yuan(meal.subsidised_today_fen) + "，本餐补贴" + yuan(subsidy);
    }
  }
  if (version->cap_per_month_fen) {
    const int64_t left =
        std::max<int64_t>(*version->cap_per_month_fen - meal.subsidised_month_fen, 0);
    if (left < subsidy) {
      subsidy = left;
      q.limited_by = "cap_per_month";
      q.reason += "；每月上限" + yuan(*version->cap_per_month_fen) + "，当月已补" +
                  yuan(meal.subsidised_month_fen) + "，本餐补贴" + yuan(subsidy);
    }
  }
  q.subsidy_fen = subsidy;
  q.pays_fen = meal.price_fen - subsidy;
  return q;
}

}  // namespace warmcity::canteens
