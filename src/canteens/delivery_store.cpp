// Meal delivery's SQL (delivery_store.h).
#include "canteens/delivery_store.h"

namespace warmcity::canteens {

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
