// The demo's meal-subsidy table (demo_subsidies.h).
#include "demo/demo_subsidies.h"

#include <optional>
#include <utility>
#include <vector>

#include "canteens/subsidy_service.h"
#include "core/wait_for.h"

namespace warmcity::demo {

namespace {

canteens::SubsidyTier demo_tier(std::string name, std::optional<int> lo, std::optional<int> hi,
                                int64_t fen, std::vector<std::string> statuses = {}) {
  canteens::SubsidyTier t;
  t.name = std::move(name);
  t.age_min = lo;
  t.age_max = hi;
  t.amount_fen = fen;
  t.statuses = std::move(statuses);
  t.meals = {canteens::Meal::kLunch, canteens::Meal::kDinner};
  return t;
}

}  // namespace

Result<int64_t> create_subsidies(store::Database& db, const std::string& client_address,
                                 core::LocalDate today) {
  const core::LocalDate first{today.year, today.month, 1};
  canteens::SubsidyRules r;
  r.effective_from = first;
  r.precedence = canteens::Precedence::kHighest;
  r.cap_per_day_fen = 700;
  r.cap_per_month_fen = 15000;
  r.note = "演示：离石区长者助餐补贴标准";
  r.tiers = {demo_tier("60-69岁", 60, 69, 200), demo_tier("70-79岁", 70, 79, 300),
             demo_tier("80岁以上", 80, std::nullopt, 500),
             demo_tier("特困/低保", std::nullopt, std::nullopt, 700,
                       {"extreme_poverty", "subsistence_allowance"})};
  // The rules' own checks hold for the table (a bug here, not bad input).
  if (std::vector<FieldError> bad = canteens::check_rules(r); !bad.empty()) {
    return Status::Internal("the demo's subsidy table: " + bad.front().field + " " +
                            bad.front().message);
  }
  // A seed: the rules' checks take the eve of the first as today, so that the
  // first is ahead; the row and its audit entry keep the real time.
  const core::LocalDate eve = core::civil_from_days(core::days_from_civil(first) - 1);
  canteens::SubsidyService service(db, nullptr, eve);
  Result<canteens::SubsidyRules> saved = core::wait_for<canteens::SubsidyRules>([&](auto done) {
    service.create(std::move(r), canteens::Caller{0, "admin", {}, client_address}, std::move(done));
  });
  if (!saved.ok()) return saved.status();
  return saved->id;
}

}  // namespace warmcity::demo
