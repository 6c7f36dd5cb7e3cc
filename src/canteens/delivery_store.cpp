// Meal delivery's SQL (delivery_store.h).
#include "canteens/delivery_store.h"

namespace warmcity::canteens {

namespace {

constexpr const char* kMealOrderSelect =
    "SELECT id, canteen_id, kind, served_on, month, meal, status, elder_id, price_fen, "
    "subsidy_fen, pays_fen, tier, reason, flag, created_at FROM canteen_orders ";

MealOrder read_meal_order(const store::Statement& r) {
  MealOrder o;
  o.id = r.column_int64(0);
  o.canteen_id = r.column_int64(1);
  o.kind = r.column_text(2);
  o.date = r.column_text(3);
  o.month = r.column_text(4);
  o.meal = r.column_text(5);
  o.status = r.column_text(6);
  o.elder_id = r.column_int64_opt(7);
  o.price_fen = r.column_int64(8);
  o.subsidy_fen = r.column_int64(9);
  o.pays_fen = r.column_int64(10);
  o.tier = r.column_text(11);
  o.reason = r.column_text(12);
  o.flag = r.column_text(13);
  o.created_at = r.column_int64(14);
  return o;
}

Status read_meal_lines(store::Connection& c, MealOrder& o) {
  auto q = c.prepare(
      "SELECT dish_id, dish_name, unit_fen, qty FROM canteen_order_lines WHERE order_id = ? "
      "ORDER BY seq");
  if (!q.ok()) return q.status();
  q->bind(1, o.id);
  Result<std::vector<DeliveryLine>> lines = store::collect<
      DeliveryLine>(*q, [](const store::Statement& r) {
    return DeliveryLine{r.column_int64(0), r.column_text(1), r.column_int64(2), r.column_int64(3)};
  });
  if (!lines.ok()) return lines.status();
  o.lines = std::move(*lines);
  return Status::Ok();
}

}  // namespace

Result<MealOrder> get_meal_order(store::Connection& c, int64_t canteen_id, int64_t id) {
  auto q = c.prepare(std::string(kMealOrderSelect) + "WHERE id = ? AND canteen_id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, id).bind(2, canteen_id);
  Result<std::vector<MealOrder>> rows = store::collect<MealOrder>(*q, read_meal_order);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("no order " + std::to_string(id) + " at this canteen");
  MealOrder o = std::move(rows->front());
  if (Status s = read_meal_lines(c, o); !s.ok()) return s;
  return o;
}

Result<std::vector<MealOrder>> delivery_orders(store::Connection& c, int64_t canteen_id,
                                               const std::string& date, const std::string& meal) {
  auto q = c.prepare(std::string(kMealOrderSelect) +
                     "WHERE canteen_id = ? AND served_on = ? AND meal = ? AND kind = 'delivery' "
                     "AND status IN ('booked', 'delivered', 'not_home') ORDER BY id");
  if (!q.ok()) return q.status();
  q->bind(1, canteen_id).bind(2, date).bind(3, meal);
  Result<std::vector<MealOrder>> rows = store::collect<MealOrder>(*q, read_meal_order);
  if (!rows.ok()) return rows.status();
  for (MealOrder& o : *rows) {
    if (Status s = read_meal_lines(c, o); !s.ok()) return s;
  }
  return rows;
}

Result<std::vector<DeliveryEvent>> delivery_events(store::Connection& c,
                                                   const std::vector<int64_t>& order_ids,
                                                   std::vector<int64_t>& event_order_ids) {
  std::vector<DeliveryEvent> out;
  event_order_ids.clear();
  for (int64_t id : order_ids) {
    auto q = c.prepare(
        "SELECT kind, at, proof, visit_id FROM canteen_order_events WHERE order_id = ? "
        "AND kind IN ('delivered', 'not_home') ORDER BY id DESC LIMIT 1");
    if (!q.ok()) return q.status();
    q->bind(1, id);
    Result<std::vector<DeliveryEvent>> rows =
        store::collect<DeliveryEvent>(*q, [](const store::Statement& r) {
          return DeliveryEvent{r.column_text(0), r.column_int64(1), r.column_text(2),
                               r.column_int64_opt(3)};
        });
    if (!rows.ok()) return rows.status();
    if (rows->empty()) continue;
    out.push_back(std::move(rows->front()));
    event_order_ids.push_back(id);
  }
  return out;
}

Status finish_booked_order(store::Connection& c, int64_t id, const std::string& status,
                           int64_t at) {
  auto q = c.prepare(
      "UPDATE canteen_orders SET status = ?, updated_at = ? WHERE id = ? AND status = 'booked' "
      "RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, status).bind(2, at).bind(3, id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Conflict("the order is no longer booked");
  return Status::Ok();
}

Status append_delivery_event(store::Connection& c, const DeliveryEventRow& e) {
  auto q = c.prepare(
      "INSERT INTO canteen_order_events (order_id, kind, at, by_user, proof, photo, visit_id, "
      "note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  q->bind(1, e.order_id).bind(2, e.kind).bind(3, e.at).bind(4, e.by_user).bind(5, e.proof);
  q->bind(6, e.photo).bind(7, e.visit_id).bind(8, e.note);
  return q->run();
}

Result<bool> delivery_month_closed(store::Connection& c, int64_t canteen_id,
                                   const std::string& month) {
  auto q = c.prepare("SELECT 1 FROM canteen_month_closures WHERE canteen_id = ? AND month = ?");
  if (!q.ok()) return q.status();
  q->bind(1, canteen_id).bind(2, month);
  return q->step();
}

Result<std::vector<int64_t>> saved_route(store::Connection& c, int64_t canteen_id,
                                         const std::string& meal) {
  auto q = c.prepare(
      "SELECT elder_id FROM canteen_delivery_routes WHERE canteen_id = ? AND meal = ? "
      "ORDER BY position, elder_id");
  if (!q.ok()) return q.status();
  q->bind(1, canteen_id).bind(2, meal);
  return store::collect<int64_t>(*q, [](const store::Statement& r) { return r.column_int64(0); });
}

Status replace_route(store::Connection& c, int64_t canteen_id, const std::string& meal,
                     const std::vector<int64_t>& elder_ids, int64_t at, int64_t by) {
  auto del = c.prepare("DELETE FROM canteen_delivery_routes WHERE canteen_id = ? AND meal = ?");
  if (!del.ok()) return del.status();
  del->bind(1, canteen_id).bind(2, meal);
  if (Status s = del->run(); !s.ok()) return s;
  for (size_t i = 0; i < elder_ids.size(); ++i) {
    auto ins = c.prepare(
        "INSERT INTO canteen_delivery_routes (canteen_id, meal, elder_id, position, updated_at, "
        "updated_by) VALUES (?, ?, ?, ?, ?, ?)");
    if (!ins.ok()) return ins.status();
    ins->bind(1, canteen_id).bind(2, meal).bind(3, elder_ids[i]);
    ins->bind(4, static_cast<int64_t>(i)).bind(5, at).bind(6, by);
    if (Status s = ins->run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<int64_t> audited_since(store::Connection& c, const std::string& action, int64_t order_id,
                              int64_t since) {
  auto q = c.prepare(
      "SELECT COUNT(*) FROM audit_log WHERE action = ? AND subject_type = 'canteen_order' AND "
      "subject_id = ? AND at >= ?");
  if (!q.ok()) return q.status();
  q->bind(1, action).bind(2, std::to_string(order_id)).bind(3, since);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  return *row ? q->column_int64(0) : 0;
}

}  // namespace warmcity::canteens
