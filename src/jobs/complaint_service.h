// ComplaintService: the complaint button on every job post and the
// publishers' handling of what comes in (docs/jobs.md "Complaints").
// HTTP-free.
//
// Who:
//   - submits: anyone, signed in or not, on a post the public sees (else
//     kNotFound). Besides the router's limit on anonymous writes, at most
//     kComplaintsPerNetworkPerHour complaints per client network (/24, /64)
//     in any hour, counted in the database (every instance agrees; the
//     count and the insert run under the network's turn, store/turn.h):
//     beyond, kResourceExhausted with the seconds to wait.
//   - lists and handles: publisher staff and admins (publisher_access.h),
//     complaints on every publisher's posts; others kPermissionDenied.
// The list shows the phone masked (core::mask_phone); a list holding a
// phone or a text is audited as a personal-data read before the answer.
// Handling is one write job: the complaint handled, the post withdrawn
// through change_post_status (post_status.h) when the outcome is
// 'post_withdrawn' (a post withdrawn already stays so), and the audit row
// (job.complaint_handle). Handled already: kConflict.
// Lifetime: REQUIRES `db` to outlive the service. `done` runs once.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/router.h"
#include "jobs/complaint.h"
#include "jobs/complaint_store.h"
#include "jobs/publisher_access.h"
#include "store/database.h"

namespace warmcity::jobs {

// A submission's answer; `retry_after` seconds when refused for the limit.
using SubmitDone = std::function<void(Result<Complaint>, int64_t retry_after)>;
using ComplaintDone = std::function<void(Result<Complaint>)>;
using ComplaintsDone = std::function<void(Result<std::vector<Complaint>>)>;

class ComplaintService {
 public:
  explicit ComplaintService(store::Database& db, std::function<int64_t()> now = nullptr)
      : db_(db), now_(std::move(now)) {}

  void submit(int64_t post_id, ComplaintInput in, Caller by, SubmitDone done);
  // `status`: "open", "handled" or "" (all). `limit` + 1 rows tell the
  // caller whether there are more.
  void list(const Caller& by, const std::string& status, std::optional<int64_t> after_id, int limit,
            ComplaintsDone done);
  // `outcome`: post_withdrawn or no_action; `note` 1..500 characters
  // (checked by the caller's reader).
  void handle(int64_t id, std::string outcome, std::string note, Caller by, ComplaintDone done);

 private:
  int64_t now() const;
  store::Database& db_;
  std::function<int64_t()> now_;
};

// POST /api/v1/jobs/{id}/complaints, GET /api/v1/job-complaints,
// POST /api/v1/job-complaints/{id}/handle (complaint_routes.cpp).
void register_complaint_routes(http::Router& router, std::shared_ptr<ComplaintService> service);

}  // namespace warmcity::jobs
