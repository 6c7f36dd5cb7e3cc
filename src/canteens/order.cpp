// The meal orders' rules (order.h).
#include "canteens/order.h"

namespace warmcity::canteens {

bool is_order_kind(std::string_view kind) { return kind == "counter" || kind == "delivery"; }

int64_t delivery_cutoff(core::LocalDate date) {
  return core::local_midnight_unix(date) - (24 - kCutoffHour) * 3600;
}

std::optional<int64_t> cancel_free_until(const Order& o) {
  if (o.kind != "delivery") return std::nullopt;
  return delivery_cutoff(o.date);
}

Status check_order_request(const OrderRequest& r, int64_t now) {
  const core::LocalDate today = core::local_date_of(now);
  if (r.kind == "counter") {
    if (r.date == today) return Status::Ok();
    return Status::Unprocessable(
        "a counter meal is rung up on its day",
        {{"date", "today (" + core::format_date(today) + ") for a counter meal"}});
  }
  if (!r.diner.card && !r.diner.elder_id) {
    return Status::Unprocessable("a delivery is booked for an elder",
                                 {{"diner", "name her by card or elder_id"}});
  }
  const int64_t ahead = core::days_from_civil(r.date) - core::days_from_civil(today);
  if (ahead > kOrderDaysAhead) {
    return Status::Unprocessable(
        "a delivery is booked at most " + std::to_string(kOrderDaysAhead) + " days ahead",
        {{"date", "at most " + std::to_string(kOrderDaysAhead) + " days ahead"}});
  }
  if (now >= delivery_cutoff(r.date)) {
    return Status::Unprocessable(
        "past the cut-off", {{"date", "a delivery is booked before " + std::to_string(kCutoffHour) +
                                          ":00 the day before the meal"}});
  }
  return Status::Ok();
}

Result<std::vector<OrderLine>> order_lines(const std::vector<LineRequest>& lines,
                                           const std::vector<MealPrice>& menu) {
  std::vector<FieldError> errors;
  std::vector<OrderLine> out;
  for (size_t i = 0; i < lines.size(); ++i) {
    const MealPrice* found = nullptr;
    for (const MealPrice& item : menu) {
      if (item.dish_id == lines[i].dish_id) found = &item;
    }
    const std::string field = "lines[" + std::to_string(i) + "].dish_id";
    if (!found) {
      errors.push_back({field, "dish " + std::to_string(lines[i].dish_id) +
                                   " is not on this day's menu for this meal"});
      continue;
    }
    for (const OrderLine& l : out) {
      if (l.dish_id == found->dish_id) errors.push_back({field, "listed twice: add to its qty"});
    }
    out.push_back({found->dish_id, found->name, found->price_fen, lines[i].qty});
  }
  if (!errors.empty()) return Status::Unprocessable("bad order lines", std::move(errors));
  return out;
}

int64_t lines_price(const std::vector<OrderLine>& lines) {
  int64_t sum = 0;
  for (const OrderLine& l : lines) sum += l.unit_fen * l.qty;
  return sum;
}

Result<std::string> cancel_status(const Order& o, int64_t now) {
  if (o.kind == "delivery" && o.status == "booked") {
    return std::string(now < delivery_cutoff(o.date) ? "cancelled" : "cancelled_late");
  }
  if (o.kind == "counter" && o.status == "served" && o.date == core::local_date_of(now)) {
    return std::string("cancelled");
  }
  return Status::Conflict("order " + std::to_string(o.id) + " is " + o.status +
                          (o.kind == "counter" ? " (a counter meal is cancelled only on its day)"
                                               : ": only a booked delivery is cancelled"));
}

void apply_cancel(Order& o, const std::string& status, int64_t now) {
  o.status = status;
  o.updated_at = now;
  if (status == "cancelled_late") {
    o.subsidy_fen = 0;
    o.pays_fen = o.price_fen;
  }
}

}  // namespace warmcity::canteens
