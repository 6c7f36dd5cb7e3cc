// Settlement as JSON (settlement_json.h).
#include "canteens/settlement_json.h"

#include <cstdint>

#include "http/json_input.h"

namespace warmcity::canteens {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// The counts the dashboard shows, for a canteen or the totals.
void put_meal_counts(ordered_json& o, const MonthTotals& t) {
  o["meals"] = t.meals;
  o["subsidised_meals"] = t.subsidised_meals;
  o["subsidy_fen"] = t.subsidy_fen;
  o["deliveries"] = t.deliveries;
  o["not_home"] = t.not_home;
}

}  // namespace

Result<AdjustmentInput> read_adjustment_input(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  AdjustmentInput out;
  out.order_id = in.optional_int("order_id", 1, INT64_MAX);
  std::optional<int64_t> delta =
      in.required_int("subsidy_delta_fen", -100'000'000'000, 100'000'000'000);
  if (delta && *delta == 0) in.fail("subsidy_delta_fen", "a non-zero integer (fen)");
  out.subsidy_delta_fen = delta.value_or(0);
  out.reason = in.required_string("reason", 1, kMaxAdjustmentReason).value_or("");
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

ordered_json settlement_adjustment_json(const NamedAdjustment& n) {
  const SettlementAdjustment& a = n.adjustment;
  return {{"id", a.id},
          {"order_id", a.order_id ? ordered_json(*a.order_id) : ordered_json(nullptr)},
          {"subsidy_delta_fen", a.subsidy_delta_fen},
          {"reason", a.reason},
          {"created_at", a.created_at},
          {"by_name", n.by_name}};
}

ordered_json settlement_summary_json(const SettlementSummary& s) {
  ordered_json closed = nullptr;
  if (s.closed) {
    closed = {{"at", s.closed->closed_at},
              {"by_name", s.closed_by_name},
              {"meals", s.closed->meals},
              {"subsidy_fen", s.closed->subsidy_fen}};
  }
  ordered_json tiers = ordered_json::array();
  for (const TierTotal& t : s.totals.tiers) {
    tiers.push_back({{"tier", t.tier}, {"meals", t.meals}, {"subsidy_fen", t.subsidy_fen}});
  }
  ordered_json adjustments = ordered_json::array();
  for (const NamedAdjustment& a : s.adjustments) {
    adjustments.push_back(settlement_adjustment_json(a));
  }
  return {{"canteen_id", s.canteen.id},
          {"canteen_name", s.canteen.name},
          {"month", s.month},
          {"closed", std::move(closed)},
          {"tiers", std::move(tiers)},
          {"meals", s.totals.meals},
          {"subsidised_meals", s.totals.subsidised_meals},
          {"full_price_meals", s.totals.full_price_meals},
          {"subsidy_fen", s.totals.subsidy_fen},
          {"adjustments", std::move(adjustments)},
          {"adjusted_subsidy_fen", s.adjusted_subsidy_fen},
          {"open_deliveries", s.totals.open_deliveries}};
}

ordered_json meal_counts_json(const MealCounts& m) {
  ordered_json canteens = ordered_json::array();
  for (const CanteenMonthCounts& k : m.canteens) {
    ordered_json o = {{"id", k.id}, {"name", k.name}};
    put_meal_counts(o, k.totals);
    canteens.push_back(std::move(o));
  }
  ordered_json totals = ordered_json::object();
  put_meal_counts(totals, m.totals);
  return {{"month", m.month}, {"canteens", std::move(canteens)}, {"totals", std::move(totals)}};
}

}  // namespace warmcity::canteens
