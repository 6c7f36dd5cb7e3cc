// EmployerService: the employers the publishers verified (docs/jobs.md
// "Employers") — the list (a substring of the name) and one added.
// HTTP-free.
//
// Who: publisher staff and admins (publisher_access.h); others
// kPermissionDenied, anonymous kUnauthenticated. An employer is verified by
// the caller's publisher org: a member of several names one of theirs in
// `verified_by_org`, an admin names any publisher org there (kUnprocessable
// otherwise). A credit code already there is kConflict. The add is one write
// job with its audit row (job.employer_add); the list holds no personal data
// and is not audited.
// Lifetime: REQUIRES `db` to outlive the service. `done` runs once, on the
// writer's answerer thread (or at once when refused before queueing).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/router.h"
#include "jobs/employer.h"
#include "jobs/employer_store.h"
#include "jobs/publisher_access.h"
#include "store/database.h"

namespace warmcity::jobs {

using EmployerDone = std::function<void(Result<Employer>)>;

class EmployerService {
 public:
  explicit EmployerService(store::Database& db, std::function<int64_t()> now = nullptr)
      : db_(db), now_(std::move(now)) {}

  // Read on the calling thread's reader; `limit` + 1 rows tell the caller
  // whether there are more.
  Result<std::vector<Employer>> list(const Caller& by, const std::string& q,
                                     std::optional<int64_t> before_id, int limit);
  void add(EmployerInput in, Caller by, EmployerDone done);

 private:
  int64_t now() const;
  store::Database& db_;
  std::function<int64_t()> now_;
};

// The publisher org `by` acts for: `named` when it is one of theirs (for
// admins: any publisher org), else their only one; kUnprocessable naming
// `field` otherwise. Shared by the employers' and (through its header) any
// other part that needs it.
Result<int64_t> acting_publisher_org(store::Connection& c, const Caller& by,
                                     std::optional<int64_t> named, const std::string& field);

// GET and POST /api/v1/job-employers (employer_routes.cpp).
void register_employer_routes(http::Router& router, std::shared_ptr<EmployerService> service);

}  // namespace warmcity::jobs
