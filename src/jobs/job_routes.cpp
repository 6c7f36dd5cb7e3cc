// Routes of the job posts (docs/jobs.md "Posts", "Search", "Review"): the
// public list, search and detail; create, edit, withdraw and review for
// publisher staff and admins; the staff lists and the review queue. HTTP
// only: every answer comes from JobService.
#include <charconv>
#include <memory>
#include <utility>

#include "core/text.h"
#include "core/time.h"
#include "core/utf8.h"
#include "http/json_input.h"
#include "http/problem.h"
#include "jobs/job_json.h"
#include "jobs/job_service.h"

namespace warmcity::jobs {

namespace {

constexpr char kJobsApi[] = "/api/v1/jobs";
constexpr int kMaxQueryChars = 20;

using JobRouteFn = void (*)(JobService&, http::Request&, http::Reply);
http::Handler job_handler(const std::shared_ptr<JobService>& service, JobRouteFn f) {
  return
      [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
}

std::optional<int64_t> whole_number(const std::string& s, int64_t min, int64_t max) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v < min || v > max) {
    return std::nullopt;
  }
  return v;
}

// ?limit= (1..50, default 20) and ?cursor= (a job cursor).
struct JobPaging {
  int limit = 20;
  std::optional<PostKey> after;
};

JobPaging read_paging(const http::Request& req, std::vector<FieldError>& errors) {
  JobPaging p;
  if (std::optional<std::string> limit = req.query_param("limit")) {
    std::optional<int64_t> v = whole_number(*limit, 1, 50);
    if (!v) errors.push_back({"limit", "a whole number from 1 to 50"});
    p.limit = v ? static_cast<int>(*v) : p.limit;
  }
  if (std::optional<std::string> cursor = req.query_param("cursor")) {
    p.after = decode_job_cursor(*cursor);
    if (!p.after) errors.push_back({"cursor", "is not a cursor this list gave out"});
  }
  return p;
}

void answer_job(http::Reply& reply, Result<JobView> v, int status = 200) {
  if (!v.ok()) return reply(http::problem(v.status()));
  http::Response res = http::json_response(job_dump(job_json(*v)), status);
  if (status == 201)
    res.set_header("Location", std::string(kJobsApi) + "/" + std::to_string(v->post.id));
  reply(std::move(res));
}

JobDone<JobView> answer_later(http::Reply reply, int status = 200) {
  return [reply = std::move(reply), status](Result<JobView> v) mutable {
    answer_job(reply, std::move(v), status);
  };
}

Result<int64_t> job_id_of(const http::Request& req) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return Status::NotFound("no job post with that id");
  return *id;
}

void public_list(JobService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  PublicFilter f;
  JobPaging paging = read_paging(req, errors);
  f.limit = paging.limit;
  f.after = paging.after;
  if (std::optional<std::string> q = req.query_param("q")) {
    f.q = std::string(core::trim_blanks(*q));
    std::optional<size_t> chars = core::utf8_length(f.q);
    if (!chars || *chars > kMaxQueryChars) {
      errors.push_back({"q", "at most 20 characters"});
    }
  }
  if (std::optional<std::string> a = req.query_param("area_id")) {
    f.area_id = whole_number(*a, 1, INT64_MAX);
    if (!f.area_id) errors.push_back({"area_id", "an area id"});
  }
  if (std::optional<std::string> p = req.query_param("pay_min_fen")) {
    f.pay_min_fen = whole_number(*p, 0, 100'000'000);
    if (!f.pay_min_fen) errors.push_back({"pay_min_fen", "a whole number of fen"});
  }
  if (std::optional<std::string> s = req.query_param("since")) {
    Result<core::LocalDate> d = core::parse_date(*s);
    if (d.ok()) {
      f.since = *d;
    } else {
      errors.push_back({"since", "a day YYYY-MM-DD"});
    }
  }
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad list parameters", std::move(errors))));
  }
  Result<JobPage> page = service.public_list(f);
  if (!page.ok()) return reply(http::problem(page.status()));
  reply(http::json_response(job_dump(job_page_json(*page, false))));
}

void job_read(JobService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = job_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  answer_job(reply, service.get(*id, caller_of(req)));
}

Result<PostFields> read_body(JobService& service, const http::Request& req) {
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return doc.status();
  return read_post(*doc, service.today());
}

void job_create(JobService& service, http::Request& req, http::Reply reply) {
  Result<PostFields> f = read_body(service, req);
  if (!f.ok()) return reply(http::problem(f.status()));
  service.create(std::move(*f), caller_of(req), answer_later(std::move(reply), 201));
}

void job_edit(JobService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = job_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<PostFields> f = read_body(service, req);
  if (!f.ok()) return reply(http::problem(f.status()));
  service.edit(*id, std::move(*f), caller_of(req), answer_later(std::move(reply)));
}

void job_withdraw(JobService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = job_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  std::optional<std::string> note = in.optional_string("note", 0, 500);
  in.reject_unknown();
  const std::string text(core::trim_blanks(note.value_or("")));
  if (std::optional<std::string> why = text_refusal(text, true)) in.fail("note", *why);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.withdraw(*id, text, caller_of(req), answer_later(std::move(reply)));
}

void job_review(JobService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = job_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  std::optional<std::string> decision = in.required_string("decision", 1, 10);
  std::optional<std::string> note = in.optional_string("note", 0, 500);
  std::optional<std::string> seen = in.required_string("updated_at", 1, 40);
  in.reject_unknown();
  if (decision && *decision != "approve" && *decision != "reject") {
    in.fail("decision", "approve or reject");
  }
  const std::string text(core::trim_blanks(note.value_or("")));
  if (std::optional<std::string> why = text_refusal(text, true)) in.fail("note", *why);
  std::optional<int64_t> seen_at;
  if (seen) {
    Result<int64_t> t = core::parse_rfc3339(*seen);
    if (t.ok()) {
      seen_at = *t;
    } else {
      in.fail("updated_at", "the post's updated_at as read (RFC 3339)");
    }
  }
  if (!in.ok()) return reply(http::problem(in.status()));
  service.review(*id, {*decision, text, *seen_at}, caller_of(req), answer_later(std::move(reply)));
}

void staff_list(JobService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  JobPaging paging = read_paging(req, errors);
  std::string status = req.query_param("status").value_or("pending");
  if (status != "pending" && status != "published" && status != "rejected" &&
      status != "withdrawn" && status != "expired") {
    errors.push_back({"status", "pending, published, rejected, withdrawn or expired"});
  }
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad list parameters", std::move(errors))));
  }
  std::optional<int64_t> before;
  if (paging.after) before = paging.after->id;
  Result<JobPage> page = service.staff_list(status, before, paging.limit, caller_of(req));
  if (!page.ok()) return reply(http::problem(page.status()));
  reply(http::json_response(job_dump(job_page_json(*page, true))));
}

void review_list(JobService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  JobPaging paging = read_paging(req, errors);
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad list parameters", std::move(errors))));
  }
  Result<JobPage> page = service.review_queue(paging.after, paging.limit, caller_of(req));
  if (!page.ok()) return reply(http::problem(page.status()));
  reply(http::json_response(job_dump(job_page_json(*page, true, true))));
}

}  // namespace

void register_job_routes(http::Router& router, std::shared_ptr<JobService> service) {
  using http::Method;
  using http::Role;
  const std::string one = std::string(kJobsApi) + "/{id}";
  const http::Access staff = http::Access::Roles({Role::kAdmin, Role::kDepartment});
  router.add(Method::kGet, kJobsApi, http::Access::Public(), job_handler(service, public_list),
             {.summary = "Published job posts, newest first; q searches Chinese terms of 1+ "
                         "characters (?q&area_id&pay_min_fen&since&limit&cursor)"});
  router.add(Method::kGet, one, http::Access::Public(), job_handler(service, job_read),
             {.summary = "A job post (the public: published and unexpired only; publisher "
                         "staff and admins: any, with status, flags and history)"});
  router.add(Method::kPost, kJobsApi, staff, job_handler(service, job_create),
             {.body_limit = 32 * 1024,
              .summary = "Publish a job post for review (publisher staff, admins)"});
  router.add(Method::kPut, one, staff, job_handler(service, job_edit),
             {.body_limit = 32 * 1024,
              .summary = "Change a job post; it goes back to review (its publisher's staff)"});
  router.add(
      Method::kPost, one + "/withdraw", staff, job_handler(service, job_withdraw),
      {.body_limit = 4096, .summary = "Withdraw a job post for good (its publisher's staff)"});
  router.add(Method::kPost, one + "/review", staff, job_handler(service, job_review),
             {.body_limit = 4096,
              .summary = "Approve or reject a pending job post (publisher staff other than "
                         "its author or last editor)"});
  router.add(Method::kGet, "/api/v1/job-posts", staff, job_handler(service, staff_list),
             {.summary = "The publisher's job posts by status, newest first (publisher staff, "
                         "admins)"});
  router.add(Method::kGet, "/api/v1/job-reviews", staff, job_handler(service, review_list),
             {.summary = "Every job post waiting for review, oldest first (publisher staff, "
                         "admins)"});
}

}  // namespace warmcity::jobs
