// The verified employers' service (employer_service.h).
#include "jobs/employer_service.h"

#include <algorithm>

#include "accounts/audit.h"
#include "core/time.h"

namespace warmcity::jobs {

namespace {

Result<bool> is_publisher_org(store::Connection& c, int64_t org) {
  auto q = c.prepare("SELECT 1 FROM job_publishers WHERE organisation_id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, org);
  return q->step();
}

}  // namespace

Result<int64_t> acting_publisher_org(store::Connection& c, const Caller& by,
                                     std::optional<int64_t> named, const std::string& field) {
  if (by.is_admin()) {
    if (!named) return Status::Unprocessable("name the publisher", {{field, "is required"}});
    Result<bool> ok = is_publisher_org(c, *named);
    if (!ok.ok()) return ok.status();
    if (!*ok) return Status::Unprocessable("not a publisher", {{field, "is not a publisher org"}});
    return *named;
  }
  Result<std::vector<int64_t>> mine = publisher_orgs_of(c, by);
  if (!mine.ok()) return mine.status();
  if (mine->empty()) {
    return Status::PermissionDenied("only the job publishers' staff and admins may do this");
  }
  if (named) {
    if (std::find(mine->begin(), mine->end(), *named) == mine->end()) {
      return Status::Unprocessable("not your publisher org",
                                   {{field, "is not a publisher org you belong to"}});
    }
    return *named;
  }
  if (mine->size() > 1) {
    return Status::Unprocessable("name the publisher",
                                 {{field, "you belong to several publisher orgs: name one"}});
  }
  return mine->front();
}

int64_t EmployerService::now() const { return now_ ? now_() : core::now_unix(); }

Result<std::vector<Employer>> EmployerService::list(const Caller& by, const std::string& q,
                                                    std::optional<int64_t> before_id, int limit) {
  store::Connection& c = db_.reader();
  if (Status s = require_publisher_or_admin(c, by); !s.ok()) return s;
  return list_employers(c, q, before_id, limit + 1);
}

void EmployerService::add(EmployerInput in, Caller by, EmployerDone done) {
  std::vector<FieldError> errors = employer_errors(in);
  if (!errors.empty()) {
    return done(Status::Unprocessable("the employer breaks the rules", std::move(errors)));
  }
  auto out = std::make_shared<Employer>();
  const int64_t at = now();
  db_.submit(
      [in = std::move(in), by, at, out](store::Connection& c) {
        if (Status s = require_publisher_or_admin(c, by); !s.ok()) return s;
        Result<int64_t> org = acting_publisher_org(c, by, in.verified_by_org, "verified_by_org");
        if (!org.ok()) return org.status();
        Employer e;
        e.name = in.name;
        e.credit_code = in.credit_code;
        e.address = in.address;
        e.verified_by_org = *org;
        e.verified_by = by.user_id;
        e.verified_at = at;
        if (Status s = insert_employer(c, e); !s.ok()) return s;
        accounts::AuditDetail d;
        d.add("credit_code", e.credit_code).add("verified_by_org", e.verified_by_org);
        if (Status s = accounts::append_audit(
                c,
                audit_entry(by, "job.employer_add", "job_employer", std::to_string(e.id), d.str()),
                at);
            !s.ok()) {
          return s;
        }
        Result<Employer> read = get_employer(c, e.id);
        if (!read.ok()) return read.status();
        *out = std::move(*read);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::jobs
