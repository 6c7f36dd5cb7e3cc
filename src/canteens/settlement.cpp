// A month's settlement counted from its lines (settlement.h).
#include "canteens/settlement.h"

#include <algorithm>

namespace warmcity::canteens {

bool counts_as_meal(std::string_view status) {
  return status == "served" || status == "delivered" || status == "cancelled_late";
}

void add_to_totals(MonthTotals& t, std::string_view status, std::string_view tier,
                   int64_t subsidy_fen, int64_t count, int64_t subsidised) {
  if (status == "booked") t.open_deliveries += count;
  if (status == "delivered") t.deliveries += count;
  if (status == "not_home") t.not_home += count;
  if (!counts_as_meal(status)) return;
  // One order: subsidised when it carries a subsidy; grouped counts say how many did.
  if (subsidised < 0) subsidised = subsidy_fen > 0 ? count : 0;
  t.meals += count;
  t.subsidised_meals += subsidised;
  t.full_price_meals += count - subsidised;
  t.subsidy_fen += subsidy_fen;
  if (subsidised == 0) return;
  auto at = std::lower_bound(t.tiers.begin(), t.tiers.end(), tier,
                             [](const TierTotal& a, std::string_view b) { return a.tier < b; });
  if (at == t.tiers.end() || at->tier != tier)
    at = t.tiers.insert(at, TierTotal{std::string(tier)});
  at->meals += subsidised;
  at->subsidy_fen += subsidy_fen;
}

MonthTotals summarise(const std::vector<SettlementLine>& lines) {
  MonthTotals t;
  for (const SettlementLine& l : lines) add_to_totals(t, l.status, l.tier, l.subsidy_fen);
  return t;
}

}  // namespace warmcity::canteens
