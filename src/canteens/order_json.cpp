// Reading and writing the meal orders (order_json.h).
#include "canteens/order_json.h"

#include "eldercare/card_number.h"
#include "http/json_input.h"

namespace warmcity::canteens {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// The diner, read in place: null or absent (not a recorded elder), {card} or {elder_id}.
Diner order_read_diner(http::FieldReader& in, const json& doc) {
  in.known({"diner"});
  Diner d;
  auto it = doc.find("diner");
  if (it == doc.end() || it->is_null()) return d;
  if (!it->is_object()) {
    in.fail("diner", "null, {\"card\": \"…\"} or {\"elder_id\": n}");
    return d;
  }
  http::FieldReader diner(*it);
  std::optional<std::string> card = diner.optional_string("card", 1, 32);
  d.elder_id = diner.optional_int("elder_id", 1, INT64_MAX);
  diner.reject_unknown();
  if (card) {
    d.card = eldercare::parse_card_number(*card);
    if (!d.card) diner.fail("card", "not a card number: ten digits whose last is a check digit");
  }
  if (card && d.elder_id) diner.fail("elder_id", "name her by card or by elder_id, not both");
  if (diner.ok() && !card && !d.elder_id) diner.fail("card", "card or elder_id");
  if (!diner.ok()) {
    const Status bad = diner.status();
    for (const FieldError& e : bad.field_errors()) in.fail("diner." + e.field, e.message);
  }
  return d;
}

std::vector<LineRequest> order_read_lines(http::FieldReader& in, const json& doc) {
  in.known({"lines"});
  std::vector<LineRequest> out;
  auto it = doc.find("lines");
  if (it == doc.end() || !it->is_array() || it->empty() || it->size() > kOrderLinesMax) {
    in.fail("lines", "a list of 1 to " + std::to_string(kOrderLinesMax) + " {dish_id, qty}");
    return out;
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string at = "lines[" + std::to_string(i) + "]";
    const json& item = (*it)[i];
    if (!item.is_object()) {
      in.fail(at, "an object {dish_id, qty}");
      continue;
    }
    http::FieldReader line(item);
    LineRequest l;
    l.dish_id = line.required_int("dish_id", 1, INT64_MAX).value_or(0);
    l.qty = line.required_int("qty", 1, kOrderQtyMax).value_or(1);
    line.reject_unknown();
    if (!line.ok()) {
      const Status bad = line.status();
      for (const FieldError& e : bad.field_errors()) in.fail(at + "." + e.field, e.message);
    }
    out.push_back(l);
  }
  return out;
}

}  // namespace

Result<OrderRequest> read_order_request(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  OrderRequest r;
  r.kind = in.required_string("kind", 1, 16).value_or("");
  if (!r.kind.empty() && !is_order_kind(r.kind)) in.fail("kind", "counter or delivery");
  if (std::optional<std::string> date = in.required_string("date", 10, 10)) {
    Result<core::LocalDate> d = core::parse_date(*date);
    if (d.ok()) {
      r.date = *d;
    } else {
      in.fail("date", "the meal's day, YYYY-MM-DD");
    }
  }
  r.meal = in.required_string("meal", 1, 16).value_or("");
  if (!r.meal.empty() && !is_meal(r.meal)) in.fail("meal", "breakfast, lunch or dinner");
  r.diner = order_read_diner(in, *doc);
  r.lines = order_read_lines(in, *doc);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return r;
}

Result<std::string> read_cancel_note(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  std::string note = in.optional_string("note", 0, kCancelNoteMax).value_or("");
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return note;
}

ordered_json order_json(const Order& o, bool stored) {
  ordered_json lines = ordered_json::array();
  for (const OrderLine& l : o.lines) {
    lines.push_back(
        {{"dish_id", l.dish_id}, {"name", l.name}, {"unit_fen", l.unit_fen}, {"qty", l.qty}});
  }
  ordered_json elder = nullptr;
  if (o.elder_id) elder = {{"elder_id", *o.elder_id}, {"name_masked", o.elder_name_masked}};
  const std::optional<int64_t> free_until = cancel_free_until(o);
  ordered_json out;
  if (stored) out["id"] = o.id;
  out["canteen_id"] = o.canteen_id;
  out["kind"] = o.kind;
  out["date"] = core::format_date(o.date);
  out["meal"] = o.meal;
  out["status"] = o.status;
  out["elder"] = std::move(elder);
  out["price_fen"] = o.price_fen;
  out["subsidy_fen"] = o.subsidy_fen;
  out["pays_fen"] = o.pays_fen;
  out["tier"] = o.tier;
  out["reason"] = o.reason;
  out["flag"] = o.flag;
  out["lines"] = std::move(lines);
  if (stored) out["created_at"] = o.created_at;
  out["cancel_free_until"] = free_until ? ordered_json(*free_until) : ordered_json(nullptr);
  return out;
}

ordered_json orders_json(const std::vector<Order>& orders) {
  ordered_json items = ordered_json::array();
  for (const Order& o : orders) items.push_back(order_json(o));
  return {{"orders", std::move(items)}};
}

ordered_json diners_json(const std::vector<DinerView>& diners) {
  ordered_json items = ordered_json::array();
  for (const DinerView& d : diners) {
    items.push_back({{"elder_id", d.elder_id},
                     {"name_masked", d.name_masked},
                     {"phone_masked", d.phone_masked},
                     {"card_masked", d.card_masked}});
  }
  return {{"diners", std::move(items)}};
}

}  // namespace warmcity::canteens
