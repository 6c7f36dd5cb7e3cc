// SQL of a resident's own appeals and of forgetting a resident (resident_appeals.h);
// the route is resident_routes.cpp.
#include "appeals/resident_appeals.h"

#include "appeals/appeal_store.h"

namespace warmcity::appeals {

std::vector<store::Migration> resident_migrations() {
  return {{"appeals", 4, R"SQL(
    CREATE INDEX appeals_contact_phone ON appeals(contact_phone, id)
      WHERE contact_phone IS NOT NULL;
  )SQL"}};
}

Result<std::vector<Appeal>> appeals_of_resident(store::Connection& c, int64_t user_id,
                                                const std::optional<std::string>& phone,
                                                std::optional<int64_t> before_id, int limit) {
  // Two indexed walks (reporter, contact phone) merged by id.
  auto s = c.prepare(
      "SELECT id FROM appeals WHERE reporter_user_id = ?1 AND id < ?3 "
      "UNION SELECT id FROM appeals WHERE contact_phone = ?2 AND id < ?3 "
      "ORDER BY id DESC LIMIT ?4");
  if (!s.ok()) return s.status();
  s->bind(1, user_id).bind(2, phone).bind(3, before_id.value_or(INT64_MAX)).bind(4, limit);
  Result<std::vector<int64_t>> ids =
      store::collect<int64_t>(*s, [](const store::Statement& r) { return r.column_int64(0); });
  if (!ids.ok()) return ids.status();
  if (ids->empty()) return std::vector<Appeal>();
  AppealFilter f;
  f.ids = std::move(*ids);
  f.limit = static_cast<int>(f.ids.size());
  return list_appeals(c, f);
}

Result<int64_t> forget_resident(store::Connection& c, int64_t user_id,
                                const std::optional<std::string>& phone, int64_t now) {
  auto s = c.prepare(
      "UPDATE appeals SET contact_name = NULL, contact_phone = NULL, anonymous = 1, "
      "reporter_user_id = CASE WHEN reporter_user_id = ?1 THEN NULL ELSE reporter_user_id END, "
      "updated_at = ?3 WHERE reporter_user_id = ?1 OR contact_phone = ?2");
  if (!s.ok()) return s.status();
  s->bind(1, user_id).bind(2, phone).bind(3, now);
  if (Status r = s->run(); !r.ok()) return r;
  const int64_t changed = c.changes();
  auto f = c.prepare("DELETE FROM appeal_followers WHERE user_id = ?");
  if (!f.ok()) return f.status();
  f->bind(1, user_id);
  if (Status r = f->run(); !r.ok()) return r;
  return changed;
}

Result<std::vector<Appeal>> AppealService::resident_appeals(int64_t user_id,
                                                            const std::optional<std::string>& phone,
                                                            std::optional<int64_t> before_id,
                                                            int limit) const {
  return appeals_of_resident(db_.reader(), user_id, phone, before_id, limit);
}

}  // namespace warmcity::appeals
