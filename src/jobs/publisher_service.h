// PublisherService: the admins' list of the organisations whose department
// users publish and review job posts (docs/jobs.md "Publishers"). HTTP-free.
//
// Who: admins only (others kPermissionDenied). set() adds an organisation of
// kind department (another kind kUnprocessable, an unknown one kNotFound;
// adding one that is there changes nothing); remove() takes it off (an
// unknown organisation kNotFound). Its users can no longer publish or review
// from the next request on (publisher_access.h reads the list each time).
// Every change is one write job with its audit row (job.publisher_add,
// job.publisher_remove); nothing here is personal data.
// Lifetime: REQUIRES `db` to outlive the service.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "http/router.h"
#include "jobs/publisher_access.h"
#include "jobs/publisher_store.h"
#include "store/database.h"

namespace warmcity::jobs {

using PublisherDone = std::function<void(Result<Publisher>)>;

class PublisherService {
 public:
  explicit PublisherService(store::Database& db, std::function<int64_t()> now = nullptr)
      : db_(db), now_(std::move(now)) {}

  Result<std::vector<Publisher>> list(const Caller& by);
  void set(int64_t org, Caller by, PublisherDone done);
  void remove(int64_t org, Caller by, std::function<void(Status)> done);

 private:
  int64_t now() const;
  store::Database& db_;
  std::function<int64_t()> now_;
};

// GET /api/v1/job-publishers, PUT and DELETE /api/v1/job-publishers/{id}
// (publisher_routes.cpp).
void register_publisher_routes(http::Router& router, std::shared_ptr<PublisherService> service);

}  // namespace warmcity::jobs
