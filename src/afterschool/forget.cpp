// What after-school care forgets of a deleted account (forget.h).
#include "afterschool/forget.h"

#include <string>
#include <vector>

#include "core/time.h"

namespace warmcity::afterschool {

namespace {

Status forget_run(store::Connection& c, const std::string& sql, int64_t a) {
  auto q = c.prepare(sql);
  if (!q.ok()) return q.status();
  q->bind(1, a);
  return q->run();
}

Status forget_erase_child(store::Connection& c, int64_t child_id, int64_t user_id, int64_t now) {
  auto child = c.prepare(
      "UPDATE children SET name = ?, school = '', grade = '', health_notes = NULL, "
      "birth_date = NULL, photo_sha = NULL, erased_at = ?, updated_at = ? "
      "WHERE id = ? AND erased_at IS NULL");
  if (!child.ok()) return child.status();
  child->bind(1, kErasedChildName).bind(2, now).bind(3, now).bind(4, child_id);
  if (Status s = child->run(); !s.ok()) return s;
  if (Status s = forget_run(c, "DELETE FROM child_pickup_adults WHERE child_id = ?", child_id);
      !s.ok())
    return s;
  // The days stay, anonymous: no adult's name, no link to a proxy, whose
  // name and phone (a neighbour's) go with the child.
  if (Status s = forget_run(c,
                            "UPDATE afterschool_attendance SET brought_by_name = NULL, "
                            "pickup_name = NULL, pickup_relation = NULL, pickup_proxy_id = NULL "
                            "WHERE child_id = ?",
                            child_id);
      !s.ok())
    return s;
  if (Status s = forget_run(c, "DELETE FROM pickup_proxies WHERE child_id = ?", child_id); !s.ok())
    return s;
  auto enrolments = c.prepare(
      "UPDATE afterschool_enrolments SET status = 'withdrawn', withdrawn_at = ?, withdrawn_by = ? "
      "WHERE child_id = ? AND status = 'active'");
  if (!enrolments.ok()) return enrolments.status();
  enrolments->bind(1, now).bind(2, user_id).bind(3, child_id);
  return enrolments->run();
}

}  // namespace

Status forget_guardian(store::Connection& c, int64_t user_id, int64_t now) {
  auto mine = c.prepare("SELECT child_id FROM child_guardians WHERE user_id = ? ORDER BY child_id");
  if (!mine.ok()) return mine.status();
  mine->bind(1, user_id);
  Result<std::vector<int64_t>> children =
      store::collect<int64_t>(*mine, [](store::Statement& s) { return s.column_int64(0); });
  if (!children.ok()) return children.status();
  if (Status s = forget_run(c, "DELETE FROM child_guardians WHERE user_id = ?", user_id); !s.ok())
    return s;
  for (int64_t child : *children) {
    auto left = c.prepare("SELECT 1 FROM child_guardians WHERE child_id = ?");
    if (!left.ok()) return left.status();
    left->bind(1, child);
    Result<bool> any = left->step();
    if (!any.ok()) return any.status();
    if (*any) continue;
    if (Status s = forget_erase_child(c, child, user_id, now); !s.ok()) return s;
  }
  // The account's pickup adults who now take no child home are deleted
  // (their name, phone, birth date and code); the days they took a child
  // home keep the method, not the link. An adult still linked to a child
  // of another guardian stays, for that guardian to keep or revoke.
  const std::string orphans =
      "SELECT id FROM pickup_adults WHERE owner_user_id = ? AND NOT EXISTS "
      "(SELECT 1 FROM child_pickup_adults l WHERE l.adult_id = pickup_adults.id)";
  if (Status s =
          forget_run(c,
                     "UPDATE afterschool_attendance SET pickup_adult_id = NULL, "
                     "pickup_name = NULL, pickup_relation = NULL WHERE pickup_adult_id IN (" +
                         orphans + ")",
                     user_id);
      !s.ok())
    return s;
  return forget_run(c, "DELETE FROM pickup_adults WHERE id IN (" + orphans + ")", user_id);
}

Status forget_guardian(store::Connection& c, int64_t user_id) {
  return forget_guardian(c, user_id, core::now_unix());
}

}  // namespace warmcity::afterschool
