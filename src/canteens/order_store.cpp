// The meal orders' SQL (order_store.h).
#include "canteens/order_store.h"

#include <map>

#include "core/phone.h"

namespace warmcity::canteens {

namespace {

constexpr const char* kOrderSelect =
    "SELECT o.id, o.canteen_id, o.kind, o.served_on, o.meal, o.status, o.elder_id, e.name, "
    "o.price_fen, o.subsidy_fen, o.pays_fen, o.subsidy_version_id, o.tier, o.reason, o.flag, "
    "o.created_at, o.created_by, o.updated_at "
    "FROM canteen_orders o LEFT JOIN elders e ON e.id = o.elder_id ";

Order read_order(const store::Statement& r) {
  Order o;
  o.id = r.column_int64(0);
  o.canteen_id = r.column_int64(1);
  o.kind = r.column_text(2);
  Result<core::LocalDate> day = core::parse_date(r.column_text(3));
  if (day.ok()) o.date = *day;
  o.meal = r.column_text(4);
  o.status = r.column_text(5);
  o.elder_id = r.column_int64_opt(6);
  if (o.elder_id) o.elder_name_masked = core::mask_name(r.column_text(7));
  o.price_fen = r.column_int64(8);
  o.subsidy_fen = r.column_int64(9);
  o.pays_fen = r.column_int64(10);
  o.subsidy_version_id = r.column_int64_opt(11);
  o.tier = r.column_text(12);
  o.reason = r.column_text(13);
  o.flag = r.column_text(14);
  o.created_at = r.column_int64(15);
  o.created_by = r.column_int64(16);
  o.updated_at = r.column_int64(17);
  return o;
}

// The lines of the orders `where` selects (binding `bind`), into `orders`.
template <class Bind>
Status attach_order_lines(store::Connection& c, const std::string& where, Bind bind,
                          std::vector<Order>& orders) {
  auto q = c.prepare(
      "SELECT l.order_id, l.dish_id, l.dish_name, l.unit_fen, l.qty FROM canteen_order_lines l "
      "JOIN canteen_orders o ON o.id = l.order_id " +
      where + " ORDER BY l.order_id, l.seq");
  if (!q.ok()) return q.status();
  bind(*q);
  std::map<int64_t, Order*> by_id;
  for (Order& o : orders) by_id[o.id] = &o;
  while (true) {
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    auto it = by_id.find(q->column_int64(0));
    if (it == by_id.end()) continue;
    it->second->lines.push_back(
        {q->column_int64(1), q->column_text(2), q->column_int64(3), q->column_int64(4)});
  }
}

std::string order_month(core::LocalDate d) { return core::format_date(d).substr(0, 7); }

}  // namespace

Status insert_order(store::Connection& c, Order& o) {
  auto q = c.prepare(
      "INSERT INTO canteen_orders (canteen_id, kind, served_on, month, meal, elder_id, "
      "price_fen, subsidy_fen, pays_fen, subsidy_version_id, tier, reason, flag, status, "
      "created_at, created_by, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, o.canteen_id).bind(2, o.kind).bind(3, core::format_date(o.date));
  q->bind(4, order_month(o.date)).bind(5, o.meal).bind(6, o.elder_id).bind(7, o.price_fen);
  q->bind(8, o.subsidy_fen).bind(9, o.pays_fen).bind(10, o.subsidy_version_id).bind(11, o.tier);
  q->bind(12, o.reason).bind(13, o.flag).bind(14, o.status).bind(15, o.created_at);
  q->bind(16, o.created_by).bind(17, o.updated_at);
  Result<int64_t> id = q->returning_id();
  if (!id.ok()) return id.status();
  o.id = *id;
  for (size_t i = 0; i < o.lines.size(); ++i) {
    const OrderLine& l = o.lines[i];
    auto line = c.prepare(
        "INSERT INTO canteen_order_lines (order_id, seq, dish_id, dish_name, unit_fen, qty) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    if (!line.ok()) return line.status();
    line->bind(1, o.id).bind(2, static_cast<int64_t>(i)).bind(3, l.dish_id).bind(4, l.name);
    line->bind(5, l.unit_fen).bind(6, l.qty);
    if (Status s = line->run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Status insert_order_event(store::Connection& c, int64_t order_id, const std::string& kind,
                          int64_t at, int64_t by, const std::string& note) {
  auto q = c.prepare(
      "INSERT INTO canteen_order_events (order_id, kind, at, by_user, note) "
      "VALUES (?, ?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  q->bind(1, order_id).bind(2, kind).bind(3, at).bind(4, by).bind(5, note);
  return q->run();
}

Status update_order_outcome(store::Connection& c, const Order& o) {
  auto q = c.prepare(
      "UPDATE canteen_orders SET status = ?, subsidy_fen = ?, pays_fen = ?, updated_at = ? "
      "WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, o.status).bind(2, o.subsidy_fen).bind(3, o.pays_fen).bind(4, o.updated_at);
  q->bind(5, o.id);
  return q->run();
}

Result<Order> get_order(store::Connection& c, int64_t canteen_id, int64_t id) {
  auto q = c.prepare(std::string(kOrderSelect) + "WHERE o.id = ? AND o.canteen_id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, id).bind(2, canteen_id);
  Result<std::vector<Order>> rows = store::collect<Order>(*q, read_order);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("no order " + std::to_string(id) + " here");
  Status s = attach_order_lines(
      c, "WHERE o.id = ?", [id](store::Statement& s) { s.bind(1, id); }, *rows);
  if (!s.ok()) return s;
  return std::move(rows->front());
}

Result<std::vector<Order>> list_orders(store::Connection& c, const OrderFilter& f) {
  std::string where = "WHERE o.canteen_id = ? AND o.served_on = ?";
  if (f.meal) where += " AND o.meal = ?";
  if (f.kind) where += " AND o.kind = ?";
  const std::string day = core::format_date(f.date);
  auto bind = [&](store::Statement& s) {
    s.bind(1, f.canteen_id).bind(2, day);
    int next = 3;
    if (f.meal) s.bind(next++, *f.meal);
    if (f.kind) s.bind(next++, *f.kind);
  };
  auto q = c.prepare(std::string(kOrderSelect) + where + " ORDER BY o.id DESC LIMIT " +
                     std::to_string(f.limit));
  if (!q.ok()) return q.status();
  bind(*q);
  Result<std::vector<Order>> rows = store::collect<Order>(*q, read_order);
  if (!rows.ok() || rows->empty()) return rows;
  if (Status s = attach_order_lines(c, where, bind, *rows); !s.ok()) return s;
  return rows;
}

Result<SubsidySoFar> subsidy_so_far(store::Connection& c, int64_t elder_id, core::LocalDate date) {
  auto q = c.prepare(
      "SELECT COALESCE(SUM(CASE WHEN served_on = ? THEN subsidy_fen ELSE 0 END), 0), "
      "COALESCE(SUM(subsidy_fen), 0) FROM canteen_orders "
      "WHERE elder_id = ? AND month = ? "
      "AND status NOT IN ('cancelled', 'cancelled_late', 'not_home')");
  if (!q.ok()) return q.status();
  q->bind(1, core::format_date(date)).bind(2, elder_id).bind(3, order_month(date));
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  SubsidySoFar out;
  if (*row) {
    out.day_fen = q->column_int64(0);
    out.month_fen = q->column_int64(1);
  }
  return out;
}

Result<bool> slot_taken(store::Connection& c, int64_t elder_id, core::LocalDate date,
                        const std::string& meal) {
  auto q = c.prepare(
      "SELECT 1 FROM canteen_orders WHERE elder_id = ? AND served_on = ? AND meal = ? "
      "AND flag = '' AND status NOT IN ('cancelled', 'cancelled_late', 'not_home') LIMIT 1");
  if (!q.ok()) return q.status();
  q->bind(1, elder_id).bind(2, core::format_date(date)).bind(3, meal);
  return q->step();
}

Result<bool> elder_known_here(store::Connection& c, int64_t canteen_id, int64_t elder_id) {
  // A lookup's audit row (order_service.cpp order_read_audit) ends with the canteen's id.
  const std::string lookup =
      "%\"purpose\":\"canteen_diner_lookup\"%\"canteen_id\":" + std::to_string(canteen_id) + "}";
  auto q = c.prepare(
      "SELECT CASE WHEN "
      "EXISTS (SELECT 1 FROM canteen_orders WHERE elder_id = ? AND canteen_id = ?) OR "
      "EXISTS (SELECT 1 FROM canteen_delivery_routes WHERE canteen_id = ? AND elder_id = ?) OR "
      "EXISTS (SELECT 1 FROM audit_log WHERE subject_type = 'elder' AND subject_id = ? "
      "AND action = 'personal_data.read' AND detail LIKE ?) THEN 1 ELSE 0 END");
  if (!q.ok()) return q.status();
  q->bind(1, elder_id).bind(2, canteen_id).bind(3, canteen_id).bind(4, elder_id);
  q->bind(5, std::to_string(elder_id)).bind(6, lookup);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  return *row && q->column_int64(0) == 1;
}

Result<bool> month_closed(store::Connection& c, int64_t canteen_id, const std::string& month) {
  auto q = c.prepare("SELECT 1 FROM canteen_month_closures WHERE canteen_id = ? AND month = ?");
  if (!q.ok()) return q.status();
  q->bind(1, canteen_id).bind(2, month);
  return q->step();
}

Result<std::vector<int64_t>> open_elders_named(store::Connection& c, const std::string& name,
                                               int limit) {
  auto q = c.prepare("SELECT id FROM elders WHERE name = ? AND closed = 0 ORDER BY id LIMIT " +
                     std::to_string(limit));
  if (!q.ok()) return q.status();
  q->bind(1, name);
  return store::collect<int64_t>(*q, [](const store::Statement& r) { return r.column_int64(0); });
}

}  // namespace warmcity::canteens
