// The publishers list's service (publisher_service.h).
#include "jobs/publisher_service.h"

#include "accounts/audit.h"
#include "core/time.h"

namespace warmcity::jobs {

namespace {

Status admins_only(const Caller& by) {
  if (by.user_id == 0) return Status::Unauthenticated("sign in first");
  if (!by.is_admin()) return Status::PermissionDenied("only admins manage the job publishers");
  return Status::Ok();
}

Status audit_publisher(store::Connection& c, const Caller& by, const char* action, int64_t org,
                       int64_t at) {
  return accounts::append_audit(c, audit_entry(by, action, "organisation", std::to_string(org)),
                                at);
}

}  // namespace

int64_t PublisherService::now() const { return now_ ? now_() : core::now_unix(); }

Result<std::vector<Publisher>> PublisherService::list(const Caller& by) {
  if (Status s = admins_only(by); !s.ok()) return s;
  return list_publishers(db_.reader());
}

void PublisherService::set(int64_t org, Caller by, PublisherDone done) {
  if (Status s = admins_only(by); !s.ok()) return done(s);
  auto out = std::make_shared<Publisher>();
  const int64_t at = now();
  db_.submit(
      [org, by, at, out](store::Connection& c) {
        Result<Publisher> p = department_org(c, org);
        if (!p.ok()) return p.status();
        Result<bool> added = add_publisher(c, org, by.user_id, at);
        if (!added.ok()) return added.status();
        if (*added) {
          if (Status s = audit_publisher(c, by, "job.publisher_add", org, at); !s.ok()) return s;
        }
        *out = std::move(*p);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void PublisherService::remove(int64_t org, Caller by, std::function<void(Status)> done) {
  if (Status s = admins_only(by); !s.ok()) return done(s);
  const int64_t at = now();
  db_.submit(
      [org, by, at](store::Connection& c) {
        auto q = c.prepare("SELECT 1 FROM organisations WHERE id = ?");
        if (!q.ok()) return q.status();
        q->bind(1, org);
        Result<bool> found = q->step();
        if (!found.ok()) return found.status();
        if (!*found) return Status::NotFound("no organisation " + std::to_string(org));
        Result<bool> removed = remove_publisher(c, org);
        if (!removed.ok()) return removed.status();
        if (!*removed) return Status::Ok();
        return audit_publisher(c, by, "job.publisher_remove", org, at);
      },
      std::move(done));
}

}  // namespace warmcity::jobs
