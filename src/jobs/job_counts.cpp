// The dashboard's job-post figures (job_counts.h).
#include "jobs/job_counts.h"

#include <nlohmann/json.hpp>

#include "core/local_month.h"
#include "core/time.h"
#include "http/problem.h"

namespace warmcity::jobs {

Result<JobCounts> job_counts(store::Connection& c, int64_t now) {
  const std::string today = core::format_date(core::local_date_of(now));
  const core::Month month = core::month_of(now);
  auto q = c.prepare(
      "SELECT "
      "(SELECT COUNT(*) FROM job_posts WHERE status = 'published' AND valid_until >= ?), "
      "(SELECT COUNT(*) FROM job_posts WHERE status = 'pending'), "
      "(SELECT COUNT(*) FROM job_posts WHERE published_at >= ? AND published_at < ?), "
      "(SELECT COUNT(*) FROM job_complaints WHERE status = 'open')");
  if (!q.ok()) return q.status();
  q->bind(1, today).bind(2, month.from).bind(3, month.until);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("the job counts answered no row");
  return JobCounts{q->column_int64(0), q->column_int64(1), q->column_int64(2), q->column_int64(3)};
}

void register_job_counts_routes(http::Router& router, store::Database& db) {
  router.add(
      http::Method::kGet, "/api/v1/job-counts",
      http::Access::Roles({http::Role::kAdmin, http::Role::kDepartment}),
      [&db](http::Request&, http::Reply reply) {
        Result<JobCounts> n = job_counts(db.reader(), core::now_unix());
        if (!n.ok()) return reply(http::problem(n.status()));
        nlohmann::ordered_json body = {{"live", n->live},
                                       {"pending_review", n->pending_review},
                                       {"published_this_month", n->published_this_month},
                                       {"complaints_open", n->complaints_open}};
        reply(http::json_response(body.dump()));
      },
      {.summary = "The dashboard's job-post figures: live, pending review, published this month, "
                  "open complaints (department users, admins)"});
}

}  // namespace warmcity::jobs
