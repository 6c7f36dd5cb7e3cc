// JobService: job posts (docs/jobs.md "Posts", "Search", "Review").
//
// Reads — the public list and search, a post (public view: only published
// and unexpired; staff view: any post with its status, flags and history),
// the staff lists and the review queue — run on the calling thread's reader.
// Writes — create, edit (back to pending), withdraw, review — are each one
// write job that checks who asks (publisher_access.h), saves, and appends
// its audit entry (job.create, job.edit, job.withdraw, job.review).
//
// Who: publisher staff and admins write and review; only the staff of a
// post's publisher organisation (or an admin) edit or withdraw it; nobody
// approves or rejects a post they created or last edited (four eyes, 403).
//
// Thread-safety: every method may be called from any thread; `done` runs on
// the writer's answerer thread after the commit.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "core/time.h"
#include "http/router.h"
#include "jobs/job.h"
#include "jobs/job_store.h"
#include "jobs/publisher_access.h"
#include "store/database.h"

namespace warmcity::jobs {

template <class T>
using JobDone = std::function<void(Result<T>)>;

// A post as one caller may see it.
struct JobView {
  PostRecord post;
  bool staff = false;              // the staff fields are shown
  bool expired = false;            // valid_until is before today
  std::vector<PostEvent> history;  // staff view of one post only
};

struct JobPage {
  std::vector<JobView> items;
  std::optional<PostKey> next;  // the last item's key when more follow
};

struct PublicFilter {
  std::string q;
  std::optional<int64_t> area_id;
  std::optional<int64_t> pay_min_fen;
  std::optional<core::LocalDate> since;
  std::optional<PostKey> after;
  int limit = 20;
};

// A reviewer's decision on a pending post.
struct ReviewInput {
  std::string decision;     // "approve" or "reject"
  std::string note;         // trimmed
  int64_t seen_updated_at;  // the post's updated_at the reviewer read (unix seconds)
};

class JobService {
 public:
  // `now` (unix seconds) defaults to core::now_unix(). REQUIRES: `db` and
  // `audit` outlive the service.
  JobService(store::Database& db, accounts::AuditLog& audit, std::function<int64_t()> now = nullptr)
      : db_(db), audit_(audit), now_(std::move(now)) {}

  int64_t now() const;
  core::LocalDate today() const;  // the district day

  // Published, unexpired posts, newest first. kUnprocessable: unknown area_id.
  // A q with no letter or character to search (punctuation only) finds
  // nothing.
  Result<JobPage> public_list(const PublicFilter& f);
  // One post: the staff view for publisher staff and admins, else the public
  // view of a published, unexpired post (NotFound otherwise).
  Result<JobView> get(int64_t id, const Caller& by);
  // Staff list by status (pending|published|rejected|withdrawn|expired):
  // the caller's publisher orgs' posts (read once; none: PermissionDenied),
  // admins all.
  Result<JobPage> staff_list(const std::string& status, std::optional<int64_t> before_id, int limit,
                             const Caller& by);
  // Every pending post, oldest first, each with its history.
  Result<JobPage> review_queue(std::optional<PostKey> after, int limit, const Caller& by);
  // Whether `by` sees the staff view (publisher staff or admin).
  Result<bool> is_staff(const Caller& by);

  void create(PostFields f, Caller by, JobDone<JobView> done);
  void edit(int64_t id, PostFields f, Caller by, JobDone<JobView> done);
  void withdraw(int64_t id, std::string note, Caller by, JobDone<JobView> done);
  // kConflict when not pending, when the post changed since the reviewer
  // read it (updated_at differs: the decision would cover text nobody
  // reviewed), and on approving a post whose valid_until has passed; note
  // required to reject and to approve a flagged post.
  void review(int64_t id, ReviewInput in, Caller by, JobDone<JobView> done);

 private:
  Result<JobView> staff_view(store::Connection& c, int64_t id, bool with_history);
  // Staff of the post's publisher org, or an admin; the post.
  Result<PostRecord> post_for_publisher(store::Connection& c, int64_t id, const Caller& by);
  Status check_refs(store::Connection& c, const PostFields& f);
  void write(std::function<Status(store::Connection&, JobView&)> job, JobDone<JobView> done);

  store::Database& db_;
  accounts::AuditLog& audit_;
  std::function<int64_t()> now_;
};

// The job post routes (job_routes.cpp); the routes keep the service alive.
void register_job_routes(http::Router& router, std::shared_ptr<JobService> service);

}  // namespace warmcity::jobs
