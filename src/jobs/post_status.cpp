#include "jobs/post_status.h"

namespace warmcity::jobs {

Status change_post_status(store::Connection& c, const StatusChange& ch) {
  const bool reviewed = ch.event_kind == "approved" || ch.event_kind == "rejected";
  auto q = c.prepare(
      "UPDATE job_posts SET status = ?, updated_at = ?, "
      "published_at = CASE WHEN ? = 'approved' THEN ? ELSE published_at END, "
      "reviewed_by = CASE WHEN ? = 1 THEN ? ELSE reviewed_by END, "
      "review_note = CASE WHEN ? = 1 THEN ? ELSE review_note END "
      "WHERE id = ? AND status <> 'withdrawn' RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, ch.to).bind(2, ch.at).bind(3, ch.event_kind).bind(4, ch.at);
  q->bind(5, reviewed ? 1 : 0).bind(6, ch.by_user).bind(7, reviewed ? 1 : 0).bind(8, ch.note);
  q->bind(9, ch.post_id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) {
    auto e = c.prepare("SELECT status FROM job_posts WHERE id = ?");
    if (!e.ok()) return e.status();
    e->bind(1, ch.post_id);
    Result<bool> found = e->step();
    if (!found.ok()) return found.status();
    if (!*found) return Status::NotFound("no job post " + std::to_string(ch.post_id));
    return Status::Conflict("the post was withdrawn");
  }
  auto ev = c.prepare(
      "INSERT INTO job_post_events (post_id, kind, at, by_user, note) VALUES (?, ?, ?, ?, ?)");
  if (!ev.ok()) return ev.status();
  ev->bind(1, ch.post_id).bind(2, ch.event_kind).bind(3, ch.at).bind(4, ch.by_user);
  ev->bind(5, ch.note);
  return ev->run();
}

}  // namespace warmcity::jobs
