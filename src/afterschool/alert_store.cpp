// Late alerts' rows (alert_store.h).
#include "afterschool/alert_store.h"

namespace warmcity::afterschool {

Result<int64_t> raise_late_alerts(store::Connection& c, const std::string& day,
                                  const std::string& cutoff, int64_t now,
                                  std::optional<int64_t> programme_id) {
  if (cutoff.empty()) return int64_t{0};
  // Driven from the programmes (CROSS JOIN keeps SQLite to that order): each
  // one's children of the day are found by the attendance's UNIQUE
  // (programme_id, day, child_id); no index starts with the day alone.
  const std::string head =
      "INSERT INTO afterschool_alerts (programme_id, child_id, day, raised_at) "
      "SELECT a.programme_id, a.child_id, a.day, ? FROM afterschool_programmes p "
      "CROSS JOIN afterschool_attendance a "
      "WHERE a.programme_id = p.id AND a.day = ? AND a.checked_out_at IS NULL "
      "AND p.end_time <= ?";
  const std::string tail = " ON CONFLICT (programme_id, child_id, day) DO NOTHING";
  auto q = c.prepare(programme_id ? head + " AND p.id = ?" + tail : head + tail);
  if (!q.ok()) return q.status();
  q->bind(1, now).bind(2, day).bind(3, cutoff);
  if (programme_id) q->bind(4, *programme_id);
  if (Status s = q->run(); !s.ok()) return s;
  return int64_t{c.changes()};
}

Result<bool> settle_alert(store::Connection& c, int64_t programme_id, int64_t child_id,
                          const std::string& day, int64_t now, bool past_late) {
  auto q = c.prepare(
      "UPDATE afterschool_alerts SET resolved_at = ? "
      "WHERE programme_id = ? AND child_id = ? AND day = ? AND resolved_at IS NULL");
  if (!q.ok()) return q.status();
  q->bind(1, now).bind(2, programme_id).bind(3, child_id).bind(4, day);
  if (Status s = q->run(); !s.ok()) return s;
  if (c.changes() == 1) return true;
  if (!past_late) return false;
  // Late before any sweep saw it: the alert it would have raised, settled.
  auto ins = c.prepare(
      "INSERT INTO afterschool_alerts (programme_id, child_id, day, raised_at, resolved_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (programme_id, child_id, day) DO NOTHING");
  if (!ins.ok()) return ins.status();
  ins->bind(1, programme_id).bind(2, child_id).bind(3, day).bind(4, now).bind(5, now);
  if (Status s = ins->run(); !s.ok()) return s;
  return true;
}

Result<std::vector<LateAlertRow>> alerts_to_notify(store::Connection& c, const std::string& day) {
  auto q = c.prepare(
      "SELECT al.programme_id, p.name, p.end_time, al.child_id, ch.name, u.phone "
      "FROM afterschool_alerts al "
      "JOIN afterschool_programmes p ON p.id = al.programme_id "
      "JOIN children ch ON ch.id = al.child_id "
      "JOIN child_guardians g ON g.child_id = al.child_id "
      "JOIN users u ON u.id = g.user_id "
      "WHERE al.day = ? AND al.notified_at IS NULL AND al.resolved_at IS NULL "
      "AND u.phone IS NOT NULL AND u.disabled = 0 "
      "ORDER BY al.programme_id, al.child_id, g.user_id");
  if (!q.ok()) return q.status();
  q->bind(1, day);
  return store::collect<LateAlertRow>(*q, [](const store::Statement& r) {
    LateAlertRow a;
    a.programme_id = r.column_int64(0);
    a.programme_name = r.column_text(1);
    a.end_time = r.column_text(2);
    a.child_id = r.column_int64(3);
    a.child_name = r.column_text(4);
    a.phone = r.column_text(5);
    return a;
  });
}

Result<int64_t> mark_notified(store::Connection& c, const std::string& day, int64_t now) {
  auto q = c.prepare(
      "UPDATE afterschool_alerts SET notified_at = ? "
      "WHERE day = ? AND notified_at IS NULL AND resolved_at IS NULL");
  if (!q.ok()) return q.status();
  q->bind(1, now).bind(2, day);
  if (Status s = q->run(); !s.ok()) return s;
  return int64_t{c.changes()};
}

Result<std::vector<OpenAlert>> open_alerts_of(store::Connection& c, int64_t programme_id,
                                              const std::string& day) {
  auto q = c.prepare(
      "SELECT al.child_id, ch.name, al.raised_at FROM afterschool_alerts al "
      "JOIN children ch ON ch.id = al.child_id "
      "WHERE al.day = ? AND al.programme_id = ? AND al.resolved_at IS NULL "
      "ORDER BY al.raised_at, al.child_id");
  if (!q.ok()) return q.status();
  q->bind(1, day).bind(2, programme_id);
  return store::collect<OpenAlert>(*q, [](const store::Statement& r) {
    return OpenAlert{r.column_int64(0), r.column_text(1), r.column_int64(2)};
  });
}

}  // namespace warmcity::afterschool
