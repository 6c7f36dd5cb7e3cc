// JobService (job_service.h).
#include "jobs/job_service.h"

#include <algorithm>
#include <memory>

#include "core/text_grams.h"
#include "jobs/post_status.h"

namespace warmcity::jobs {
namespace {

bool has_org(const std::vector<int64_t>& orgs, int64_t org) {
  return std::find(orgs.begin(), orgs.end(), org) != orgs.end();
}

std::string job_detail(const PostRecord& p) {
  return "{\"status\":\"" + p.status +
         "\",\"publisher_org_id\":" + std::to_string(p.publisher_org_id) + "}";
}

}  // namespace

int64_t JobService::now() const { return now_ ? now_() : core::now_unix(); }

core::LocalDate JobService::today() const { return core::local_date_of(now()); }

Result<bool> JobService::is_staff(const Caller& by) {
  if (by.is_admin()) return true;
  return is_publisher_staff(db_.reader(), by);
}

Result<JobPage> JobService::public_list(const PublicFilter& f) {
  store::Connection& c = db_.reader();
  if (f.area_id) {
    Result<bool> known = area_exists(c, *f.area_id);
    if (!known.ok()) return known.status();
    if (!*known) return Status::Unprocessable("no such area", {{"area_id", "no such area"}});
  }
  if (!f.q.empty() && core::query_grams(f.q).empty()) return JobPage{};  // nothing to find
  PublicQuery q;
  q.today = core::format_date(today());
  q.q = f.q;
  q.area_id = f.area_id;
  q.pay_min_fen = f.pay_min_fen;
  if (f.since) q.since = core::local_midnight_unix(*f.since);
  q.after = f.after;
  q.limit = f.limit;
  Result<std::vector<PostRecord>> rows = public_posts(c, q);
  if (!rows.ok()) return rows.status();
  JobPage page;
  for (PostRecord& r : *rows) {
    if (static_cast<int>(page.items.size()) == f.limit) {
      const PostRecord& last = page.items.back().post;
      page.next = PostKey{last.published_at.value_or(0), last.id};
      break;
    }
    page.items.push_back({std::move(r), false, false, {}});
  }
  return page;
}

Result<JobView> JobService::staff_view(store::Connection& c, int64_t id, bool with_history) {
  Result<std::optional<PostRecord>> p = get_post(c, id);
  if (!p.ok()) return p.status();
  if (!*p) return Status::NotFound("no job post " + std::to_string(id));
  JobView v{std::move(**p), true, false, {}};
  v.expired = v.post.fields.valid_until < core::format_date(today());
  if (with_history) {
    Result<std::vector<PostEvent>> h = post_history(c, id);
    if (!h.ok()) return h.status();
    v.history = std::move(*h);
  }
  return v;
}

Result<JobView> JobService::get(int64_t id, const Caller& by) {
  Result<bool> staff = is_staff(by);
  if (!staff.ok()) return staff.status();
  store::Connection& c = db_.reader();
  Result<JobView> v = staff_view(c, id, *staff);
  if (!v.ok() || *staff) return v;
  if (v->post.status != "published" || v->expired) {
    return Status::NotFound("no job post " + std::to_string(id));
  }
  v->staff = false;
  return v;
}

Result<JobPage> JobService::staff_list(const std::string& status, std::optional<int64_t> before_id,
                                       int limit, const Caller& by) {
  store::Connection& c = db_.reader();
  StaffQuery q;
  q.status = status;
  q.today = core::format_date(today());
  if (!by.is_admin()) {
    // One read decides both whether the caller may list and which orgs: an
    // empty list would mean "all" to staff_posts.
    if (by.user_id == 0) return Status::Unauthenticated("sign in first");
    Result<std::vector<int64_t>> orgs = publisher_orgs_of(c, by);
    if (!orgs.ok()) return orgs.status();
    if (orgs->empty()) {
      return Status::PermissionDenied("only the job publishers' staff list their posts");
    }
    q.publisher_orgs = std::move(*orgs);
  }
  q.before_id = before_id;
  q.limit = limit;
  Result<std::vector<PostRecord>> rows = staff_posts(c, q);
  if (!rows.ok()) return rows.status();
  JobPage page;
  const std::string today_text = q.today;
  for (PostRecord& r : *rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next = PostKey{0, page.items.back().post.id};
      break;
    }
    const bool expired = r.fields.valid_until < today_text;
    page.items.push_back({std::move(r), true, expired, {}});
  }
  return page;
}

Result<JobPage> JobService::review_queue(std::optional<PostKey> after, int limit,
                                         const Caller& by) {
  store::Connection& c = db_.reader();
  if (Status s = require_publisher_or_admin(c, by); !s.ok()) return s;
  Result<std::vector<PostRecord>> rows = jobs::review_queue(c, after, limit);
  if (!rows.ok()) return rows.status();
  JobPage page;
  const std::string today_text = core::format_date(today());
  for (PostRecord& r : *rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const PostRecord& last = page.items.back().post;
      page.next = PostKey{last.updated_at, last.id};
      break;
    }
    const bool expired = r.fields.valid_until < today_text;
    Result<std::vector<PostEvent>> h = post_history(c, r.id);
    if (!h.ok()) return h.status();
    page.items.push_back({std::move(r), true, expired, std::move(*h)});
  }
  return page;
}

Status JobService::check_refs(store::Connection& c, const PostFields& f) {
  std::vector<FieldError> errors;
  Result<bool> employer = employer_exists(c, f.employer_id);
  if (!employer.ok()) return employer.status();
  if (!*employer) errors.push_back({"employer_id", "no such verified employer"});
  if (f.area_id) {
    Result<bool> area = area_exists(c, *f.area_id);
    if (!area.ok()) return area.status();
    if (!*area) errors.push_back({"area_id", "no such area"});
  }
  if (!errors.empty()) return Status::Unprocessable("bad references", std::move(errors));
  return Status::Ok();
}

Result<PostRecord> JobService::post_for_publisher(store::Connection& c, int64_t id,
                                                  const Caller& by) {
  if (Status s = require_publisher_or_admin(c, by); !s.ok()) return s;
  Result<std::optional<PostRecord>> p = get_post(c, id);
  if (!p.ok()) return p.status();
  if (!*p) return Status::NotFound("no job post " + std::to_string(id));
  if (!by.is_admin()) {
    Result<std::vector<int64_t>> orgs = publisher_orgs_of(c, by);
    if (!orgs.ok()) return orgs.status();
    if (!has_org(*orgs, (*p)->publisher_org_id)) {
      return Status::PermissionDenied("only the staff of the post's publisher may change it");
    }
  }
  return std::move(**p);
}

void JobService::write(std::function<Status(store::Connection&, JobView&)> job,
                       JobDone<JobView> done) {
  auto out = std::make_shared<JobView>();
  db_.submit([job = std::move(job), out](store::Connection& c) { return job(c, *out); },
             [out, done = std::move(done)](const Status& s) {
               if (!s.ok()) return done(s);
               done(std::move(*out));
             });
}

void JobService::create(PostFields f, Caller by, JobDone<JobView> done) {
  write(
      [this, f = std::move(f), by](store::Connection& c, JobView& out) -> Status {
        if (Status s = require_publisher_or_admin(c, by); !s.ok()) return s;
        int64_t org = 0;
        if (by.is_admin()) {
          if (!f.publisher_org_id) {
            return Status::Unprocessable("name the publisher",
                                         {{"publisher_org_id", "required for admins"}});
          }
          auto q = c.prepare("SELECT 1 FROM job_publishers WHERE organisation_id = ?");
          if (!q.ok()) return q.status();
          q->bind(1, *f.publisher_org_id);
          Result<bool> listed = q->step();
          if (!listed.ok()) return listed.status();
          if (!*listed) {
            return Status::Unprocessable("not a publisher",
                                         {{"publisher_org_id", "is not a job publisher"}});
          }
          org = *f.publisher_org_id;
        } else {
          Result<std::vector<int64_t>> orgs = publisher_orgs_of(c, by);
          if (!orgs.ok()) return orgs.status();
          if (f.publisher_org_id) {
            if (!has_org(*orgs, *f.publisher_org_id)) {
              return Status::Unprocessable(
                  "not your publisher", {{"publisher_org_id", "is not a publisher you belong to"}});
            }
            org = *f.publisher_org_id;
          } else if (orgs->size() == 1) {
            org = orgs->front();
          } else {
            return Status::Unprocessable(
                "name the publisher",
                {{"publisher_org_id", "you belong to several publishers: name one"}});
          }
        }
        if (Status s = check_refs(c, f); !s.ok()) return s;
        NewPost p{f, org, flags_json(find_flags(f)), by.user_id, now()};
        Result<int64_t> id = insert_post(c, p);
        if (!id.ok()) return id.status();
        Result<JobView> v = staff_view(c, *id, true);
        if (!v.ok()) return v.status();
        out = std::move(*v);
        return audit_.append_job(audit_entry(by, "job.create", "job_post", std::to_string(*id),
                                             job_detail(out.post)))(c);
      },
      std::move(done));
}

void JobService::edit(int64_t id, PostFields f, Caller by, JobDone<JobView> done) {
  write(
      [this, id, f = std::move(f), by](store::Connection& c, JobView& out) -> Status {
        Result<PostRecord> p = post_for_publisher(c, id, by);
        if (!p.ok()) return p.status();
        if (p->status == "withdrawn") return Status::Conflict("the post was withdrawn");
        if (Status s = check_refs(c, f); !s.ok()) return s;
        // updated_at moves forward on every edit, even two in one second: a
        // review names the version it read by it.
        const int64_t at = std::max(now(), p->updated_at + 1);
        Status s = update_post(c, id, f, flags_json(find_flags(f)), by.user_id, at);
        if (!s.ok()) return s;
        Result<JobView> v = staff_view(c, id, true);
        if (!v.ok()) return v.status();
        out = std::move(*v);
        return audit_.append_job(
            audit_entry(by, "job.edit", "job_post", std::to_string(id), job_detail(out.post)))(c);
      },
      std::move(done));
}

void JobService::withdraw(int64_t id, std::string note, Caller by, JobDone<JobView> done) {
  write(
      [this, id, note = std::move(note), by](store::Connection& c, JobView& out) -> Status {
        Result<PostRecord> p = post_for_publisher(c, id, by);
        if (!p.ok()) return p.status();
        Status s = change_post_status(c, {id, "withdrawn", "withdrawn", by.user_id, now(), note});
        if (!s.ok()) return s;
        Result<JobView> v = staff_view(c, id, true);
        if (!v.ok()) return v.status();
        out = std::move(*v);
        return audit_.append_job(audit_entry(by, "job.withdraw", "job_post", std::to_string(id),
                                             job_detail(out.post)))(c);
      },
      std::move(done));
}

void JobService::review(int64_t id, ReviewInput in, Caller by, JobDone<JobView> done) {
  write(
      [this, id, in = std::move(in), by](store::Connection& c, JobView& out) -> Status {
        const std::string& note = in.note;
        if (Status s = require_publisher_or_admin(c, by); !s.ok()) return s;
        Result<std::optional<PostRecord>> p = get_post(c, id);
        if (!p.ok()) return p.status();
        if (!*p) return Status::NotFound("no job post " + std::to_string(id));
        const PostRecord& post = **p;
        if (post.status != "pending") return Status::Conflict("the post is not waiting for review");
        if (post.created_by == by.user_id || post.last_editor == by.user_id) {
          return Status::PermissionDenied(
              "a post is reviewed by someone other than who wrote it (four eyes)");
        }
        if (post.updated_at != in.seen_updated_at) {
          return Status::Conflict("the post changed since you opened it: read it again");
        }
        const bool approve = in.decision == "approve";
        if (approve && post.fields.valid_until < core::format_date(today())) {
          return Status::Conflict("the post's valid_until has passed: edit it first");
        }
        if (note.empty() && (!approve || post.flags_json != "[]")) {
          return Status::Unprocessable(
              "a note is needed", {{"note", approve ? "say why the flagged terms are acceptable"
                                                    : "say why the post is rejected"}});
        }
        Status s =
            change_post_status(c, {id, approve ? "published" : "rejected",
                                   approve ? "approved" : "rejected", by.user_id, now(), note});
        if (!s.ok()) return s;
        Result<JobView> v = staff_view(c, id, true);
        if (!v.ok()) return v.status();
        out = std::move(*v);
        return audit_.append_job(
            audit_entry(by, "job.review", "job_post", std::to_string(id), job_detail(out.post)))(c);
      },
      std::move(done));
}

}  // namespace warmcity::jobs
