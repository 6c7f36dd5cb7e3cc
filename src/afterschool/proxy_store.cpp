// One-off pickup proxies (proxy_store.h).
#include "afterschool/proxy_store.h"

namespace warmcity::afterschool {

namespace {

constexpr char kProxyColumns[] =
    "id, child_id, day, name, phone, relation, requested_by, confirmed_at, confirmed_by, "
    "confirm_channel, phone_guardian_id, phone_called_at, used_at, created_at";

Proxy proxy_row(const store::Statement& q) {
  Proxy p;
  p.id = q.column_int64(0);
  p.child_id = q.column_int64(1);
  p.day = q.column_text(2);
  p.name = q.column_text(3);
  p.phone = q.column_text(4);
  p.relation = q.column_text_opt(5);
  p.requested_by = q.column_int64(6);
  p.confirmed_at = q.column_int64_opt(7);
  p.confirmed_by = q.column_int64_opt(8);
  p.confirm_channel = q.column_text_opt(9);
  p.phone_guardian_id = q.column_int64_opt(10);
  p.phone_called_at = q.column_text_opt(11);
  p.used_at = q.column_int64_opt(12);
  p.created_at = q.column_int64(13);
  return p;
}

}  // namespace

Result<int64_t> insert_proxy(store::Connection& c, const Proxy& p) {
  auto q = c.prepare(
      "INSERT INTO pickup_proxies (child_id, day, name, phone, relation, requested_by, "
      "confirmed_at, confirmed_by, confirm_channel, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, p.child_id)
      .bind(2, p.day)
      .bind(3, p.name)
      .bind(4, p.phone)
      .bind(5, p.relation)
      .bind(6, p.requested_by)
      .bind(7, p.confirmed_at)
      .bind(8, p.confirmed_by)
      .bind(9, p.confirm_channel)
      .bind(10, p.created_at);
  return q->returning_id();
}

Result<std::optional<Proxy>> find_proxy(store::Connection& c, int64_t id) {
  auto q = c.prepare(std::string("SELECT ") + kProxyColumns + " FROM pickup_proxies WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Proxy>();
  return std::optional<Proxy>(proxy_row(*q));
}

Status write_confirmation(store::Connection& c, const Proxy& p) {
  auto q = c.prepare(
      "UPDATE pickup_proxies SET confirmed_at = ?, confirmed_by = ?, confirm_channel = ?, "
      "phone_guardian_id = ?, phone_called_at = ? WHERE id = ? AND confirmed_at IS NULL");
  if (!q.ok()) return q.status();
  q->bind(1, p.confirmed_at)
      .bind(2, p.confirmed_by)
      .bind(3, p.confirm_channel)
      .bind(4, p.phone_guardian_id)
      .bind(5, p.phone_called_at)
      .bind(6, p.id);
  if (Status s = q->run(); !s.ok()) return s;
  if (c.changes() != 1) return Status::Conflict("already_confirmed: the proxy is confirmed");
  return Status::Ok();
}

Status use_proxy(store::Connection& c, int64_t id, int64_t at) {
  auto q = c.prepare("UPDATE pickup_proxies SET used_at = ? WHERE id = ? AND used_at IS NULL");
  if (!q.ok()) return q.status();
  q->bind(1, at).bind(2, id);
  if (Status s = q->run(); !s.ok()) return s;
  if (c.changes() != 1) return Status::Conflict("proxy_used: the proxy was used already");
  return Status::Ok();
}

Result<std::vector<Proxy>> proxies_of(store::Connection& c, int64_t child_id,
                                      const std::string& from_day) {
  auto q = c.prepare(std::string("SELECT ") + kProxyColumns +
                     " FROM pickup_proxies WHERE child_id = ? AND day >= ? ORDER BY day, id "
                     "LIMIT 200");
  if (!q.ok()) return q.status();
  q->bind(1, child_id).bind(2, from_day);
  return store::collect<Proxy>(*q, proxy_row);
}

}  // namespace warmcity::afterschool
