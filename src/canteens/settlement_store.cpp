// Settlement's SQL (settlement_store.h).
#include "canteens/settlement_store.h"

#include <algorithm>

namespace warmcity::canteens {

namespace {

// The month's orders with her name, each dish line (one row per line, so an
// order spans consecutive rows) and the handover's proof; by id, which the
// index (canteen_id, month) gives SQLite without a sort (by day: in C++).
constexpr const char* kSettlementLinesSelect =
    "SELECT o.id, o.kind, o.served_on, o.meal, o.status, o.elder_id, o.price_fen, "
    "o.subsidy_fen, o.pays_fen, o.tier, o.flag, o.created_at, e.name, l.dish_name, l.qty, "
    "h.proof "
    "FROM canteen_orders o "
    "LEFT JOIN elders e ON e.id = o.elder_id "
    "LEFT JOIN canteen_order_lines l ON l.order_id = o.id "
    "LEFT JOIN canteen_order_events h ON h.order_id = o.id AND h.kind = 'delivered' "
    "WHERE o.canteen_id = ? AND o.month = ? ORDER BY o.id, l.seq";

void read_settlement_order(const store::Statement& r, SettlementLine& l) {
  l.order_id = r.column_int64(0);
  l.kind = r.column_text(1);
  l.served_on = r.column_text(2);
  l.meal = r.column_text(3);
  l.status = r.column_text(4);
  l.elder_id = r.column_int64_opt(5);
  l.price_fen = r.column_int64(6);
  l.subsidy_fen = r.column_int64(7);
  l.pays_fen = r.column_int64(8);
  l.tier = r.column_text(9);
  l.flag = r.column_text(10);
  l.created_at = r.column_int64(11);
}

SettlementAdjustment read_settlement_adjustment(const store::Statement& r) {
  SettlementAdjustment a;
  a.id = r.column_int64(0);
  a.canteen_id = r.column_int64(1);
  a.month = r.column_text(2);
  a.order_id = r.column_int64_opt(3);
  a.subsidy_delta_fen = r.column_int64(4);
  a.reason = r.column_text(5);
  a.created_at = r.column_int64(6);
  a.created_by = r.column_int64(7);
  return a;
}

}  // namespace

Result<MonthTotals> month_totals(store::Connection& c, int64_t canteen_id,
                                 const std::string& month) {
  auto q = c.prepare(
      "SELECT status, tier, COUNT(*), SUM(CASE WHEN subsidy_fen > 0 THEN 1 ELSE 0 END), "
      "SUM(subsidy_fen) FROM canteen_orders WHERE canteen_id = ? AND month = ? "
      "GROUP BY status, tier");
  if (!q.ok()) return q.status();
  q->bind(1, canteen_id).bind(2, month);
  MonthTotals out;
  for (;;) {
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    add_to_totals(out, q->column_text(0), q->column_text(1), q->column_int64(4), q->column_int64(2),
                  q->column_int64(3));
  }
}

Result<std::vector<SettlementLine>> month_lines(store::Connection& c, int64_t canteen_id,
                                                const std::string& month) {
  auto q = c.prepare(kSettlementLinesSelect);
  if (!q.ok()) return q.status();
  q->bind(1, canteen_id).bind(2, month);
  std::vector<SettlementLine> out;
  for (;;) {
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const int64_t id = q->column_int64(0);
    if (out.empty() || out.back().order_id != id) {
      SettlementLine l;
      read_settlement_order(*q, l);
      l.elder_name = q->column_text(12);
      l.proof = q->column_text(15);
      out.push_back(std::move(l));
    }
    if (!q->column_is_null(13)) {
      SettlementLine& l = out.back();
      if (!l.dishes.empty()) l.dishes += "、";
      l.dishes += q->column_text(13) + " ×" + std::to_string(q->column_int64(14));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const SettlementLine& a, const SettlementLine& b) {
    return a.served_on < b.served_on;
  });
  return out;
}

Result<std::optional<MonthClosure>> month_closure(store::Connection& c, int64_t canteen_id,
                                                  const std::string& month) {
  auto q = c.prepare(
      "SELECT meals, subsidy_fen, closed_at, closed_by FROM canteen_month_closures "
      "WHERE canteen_id = ? AND month = ?");
  if (!q.ok()) return q.status();
  q->bind(1, canteen_id).bind(2, month);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<MonthClosure>();
  return std::optional<MonthClosure>(
      MonthClosure{q->column_int64(0), q->column_int64(1), q->column_int64(2), q->column_int64(3)});
}

Status insert_closure(store::Connection& c, int64_t canteen_id, const std::string& month,
                      const MonthClosure& m) {
  auto q = c.prepare(
      "INSERT INTO canteen_month_closures (canteen_id, month, meals, subsidy_fen, closed_at, "
      "closed_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (canteen_id, month) DO NOTHING "
      "RETURNING canteen_id");
  if (!q.ok()) return q.status();
  q->bind(1, canteen_id).bind(2, month).bind(3, m.meals).bind(4, m.subsidy_fen);
  q->bind(5, m.closed_at).bind(6, m.closed_by);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Conflict("the month " + month + " is closed already");
  return Status::Ok();
}

Result<std::vector<SettlementAdjustment>> month_adjustments(store::Connection& c,
                                                            int64_t canteen_id,
                                                            const std::string& month) {
  auto q = c.prepare(
      "SELECT id, canteen_id, month, order_id, subsidy_delta_fen, reason, created_at, "
      "created_by FROM canteen_settlement_adjustments WHERE canteen_id = ? AND month = ? "
      "ORDER BY id");
  if (!q.ok()) return q.status();
  q->bind(1, canteen_id).bind(2, month);
  return store::collect<SettlementAdjustment>(*q, read_settlement_adjustment);
}

Status insert_adjustment(store::Connection& c, SettlementAdjustment& a) {
  auto q = c.prepare(
      "INSERT INTO canteen_settlement_adjustments (canteen_id, month, order_id, "
      "subsidy_delta_fen, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, a.canteen_id).bind(2, a.month).bind(3, a.order_id).bind(4, a.subsidy_delta_fen);
  q->bind(5, a.reason).bind(6, a.created_at).bind(7, a.created_by);
  Result<int64_t> id = q->returning_id();
  if (!id.ok()) return id.status();
  a.id = *id;
  return Status::Ok();
}

Result<bool> order_in_month(store::Connection& c, int64_t order_id, int64_t canteen_id,
                            const std::string& month) {
  auto q = c.prepare("SELECT 1 FROM canteen_orders WHERE id = ? AND canteen_id = ? AND month = ?");
  if (!q.ok()) return q.status();
  q->bind(1, order_id).bind(2, canteen_id).bind(3, month);
  return q->step();
}

Result<std::vector<CanteenMonthCounts>> month_counts(store::Connection& c,
                                                     const std::string& month) {
  // Grouped per canteen and status on the index (canteen_id, month); a
  // canteen without orders has one row of NULLs.
  auto q = c.prepare(
      "SELECT f.id, f.name, o.status, COUNT(o.id), "
      "SUM(CASE WHEN o.subsidy_fen > 0 THEN 1 ELSE 0 END), SUM(o.subsidy_fen) "
      "FROM facilities f LEFT JOIN canteen_orders o ON o.canteen_id = f.id AND o.month = ? "
      "WHERE f.kind = 'canteen' GROUP BY f.id, f.name, o.status ORDER BY f.name, f.id");
  if (!q.ok()) return q.status();
  q->bind(1, month);
  std::vector<CanteenMonthCounts> out;
  for (;;) {
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const int64_t id = q->column_int64(0);
    if (out.empty() || out.back().id != id) out.push_back({id, q->column_text(1), {}});
    if (q->column_is_null(2)) continue;
    add_to_totals(out.back().totals, q->column_text(2), "", q->column_int64(5), q->column_int64(3),
                  q->column_int64(4));
  }
  return out;
}

}  // namespace warmcity::canteens
