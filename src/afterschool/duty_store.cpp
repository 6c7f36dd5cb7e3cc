// The duty confirmations in the database (duty_store.h).
#include "afterschool/duty_store.h"

namespace warmcity::afterschool {

Result<std::optional<DutyConfirmation>> find_duty_confirmation(store::Connection& c,
                                                               int64_t programme_id,
                                                               const std::string& day) {
  auto q = c.prepare(
      "SELECT d.id, d.minutes, d.adults, d.volunteers, d.confirmed_by, u.display_name, "
      "d.confirmed_at FROM afterschool_duty_confirmations d JOIN users u ON u.id = d.confirmed_by "
      "WHERE d.programme_id = ? AND d.day = ?");
  if (!q.ok()) return q.status();
  q->bind(1, programme_id).bind(2, day);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<DutyConfirmation>();
  DutyConfirmation d;
  d.id = q->column_int64(0);
  d.programme_id = programme_id;
  d.day = day;
  d.minutes = q->column_int64(1);
  d.adults = q->column_int64(2);
  d.volunteers = q->column_int64(3);
  d.confirmed_by = q->column_int64(4);
  d.confirmed_by_name = q->column_text(5);
  d.confirmed_at = q->column_int64(6);
  return std::optional<DutyConfirmation>(std::move(d));
}

Result<int64_t> insert_duty_confirmation(store::Connection& c, const DutyConfirmation& d) {
  auto q = c.prepare(
      "INSERT INTO afterschool_duty_confirmations (programme_id, day, minutes, adults, "
      "volunteers, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, d.programme_id)
      .bind(2, d.day)
      .bind(3, d.minutes)
      .bind(4, d.adults)
      .bind(5, d.volunteers)
      .bind(6, d.confirmed_by)
      .bind(7, d.confirmed_at);
  return q->returning_id();
}

}  // namespace warmcity::afterschool
