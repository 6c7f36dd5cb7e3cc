// Routes of the visits (探访关爱, eldercare.h): record a visit, an elder's
// visits, a reported change, an escalation step, the due lists and the
// monthly visit rate. HTTP only: every answer comes from VisitService.
#include <charconv>
#include <memory>
#include <utility>

#include "core/local_month.h"
#include "core/time.h"
#include "eldercare/elder_json.h"
#include "eldercare/eldercare.h"
#include "eldercare/routes.h"
#include "eldercare/visit_json.h"
#include "http/json_input.h"
#include "http/pagination.h"
#include "http/problem.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::ordered_json;

constexpr size_t kVisitFindingsMax = 2000;  // code points
constexpr size_t kVisitNoteMax = 500;
constexpr int kVisitDueLimit = 200, kVisitDueLimitMax = 500;

using VisitRouteFn = void (*)(VisitService&, http::Request&, http::Reply);
// The handlers share the service: it lives as long as the router's routes.
http::Handler visit_handler(const std::shared_ptr<VisitService>& service, VisitRouteFn f) {
  return
      [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
}

ordered_json elder_due_json(const ElderDue& d, int64_t now) {
  ordered_json out = due_json(d.due, now);
  out["elder_id"] = d.elder_id;
  return out;
}

Result<VisitInput> read_visit_input(const std::string& body) {
  Result<nlohmann::json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  VisitInput v;
  v.how = in.required_string("how", 1, 16).value_or("");
  if (!v.how.empty() && !is_visit_how(v.how)) in.fail("how", "home, phone or video");
  v.outcome = in.required_string("outcome", 1, 32).value_or("");
  if (!v.outcome.empty() && !is_visit_outcome(v.outcome)) {
    in.fail("outcome", "seen_well, concern or nobody_answers");
  }
  v.findings = in.optional_string("findings", 0, kVisitFindingsMax).value_or("");
  if (std::optional<std::string> at = in.optional_string("visited_at", 1, 64)) {
    Result<int64_t> t = core::parse_rfc3339(*at);
    if (t.ok()) {
      v.visited_at = *t;
    } else {
      in.fail("visited_at", "RFC 3339 with an offset, e.g. 2026-06-01T10:00:00+08:00");
    }
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return v;
}

void visit_record(VisitService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = elder_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<VisitInput> in = read_visit_input(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.record(*id, std::move(*in), caller_of(req),
                 [&service, reply = std::move(reply)](Result<RecordedVisit> r) {
                   if (!r.ok()) return reply(http::problem(r.status()));
                   ordered_json body = visit_json(r->visit);
                   body["next_due"] = elder_due_json(r->next, service.now());
                   http::Response res = http::json_response(dump(body), 201);
                   res.set_header("Location", std::string(kEldersApi) + "/" +
                                                  std::to_string(r->visit.visit.elder_id) +
                                                  "/visits");
                   reply(std::move(res));
                 });
}

void visit_list(VisitService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = elder_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<http::Page> page = http::parse_page(req, 20, 100);
  if (!page.ok()) return reply(http::problem(page.status()));
  const int limit = page->limit;
  service.list(
      *id, page->before_id, limit + 1, caller_of(req),
      [&service, limit, reply = std::move(reply)](Result<ElderVisits> r) {
        if (!r.ok()) return reply(http::problem(r.status()));
        const bool more = r->visits.size() > static_cast<size_t>(limit);
        if (more) r->visits.pop_back();
        ordered_json items = ordered_json::array();
        for (const VisitView& v : r->visits) items.push_back(visit_json(v));
        ordered_json next = more ? ordered_json(http::encode_cursor(r->visits.back().visit.id))
                                 : ordered_json(nullptr);
        reply(http::json_response(dump({{"view", r->view == View::kFull ? "full" : "masked"},
                                        {"due", elder_due_json(r->due, service.now())},
                                        {"items", std::move(items)},
                                        {"next_cursor", std::move(next)}})));
      });
}

void visit_report_change(VisitService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = elder_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  ChangeInput c;
  c.kind = in.required_string("kind", 1, 32).value_or("");
  if (!c.kind.empty() && !is_change_kind(c.kind)) {
    in.fail("kind", "fall, hospital_stay, bereavement or other");
  }
  c.note = in.optional_string("note", 0, kVisitNoteMax).value_or("");
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));
  service.report_change(
      *id, std::move(c), caller_of(req), [&service, reply = std::move(reply)](Result<ElderDue> r) {
        if (!r.ok()) return reply(http::problem(r.status()));
        reply(http::json_response(dump({{"due", elder_due_json(*r, service.now())}}), 201));
      });
}

void visit_add_step(VisitService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no visit with that id")));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  StepInput s;
  s.kind = in.required_string("kind", 1, 32).value_or("");
  if (!s.kind.empty() && !is_step_kind(s.kind)) {
    in.fail("kind", "contact, duty_phone or resolved");
  }
  s.result = in.required_string("result", 1, 32).value_or("");
  s.note = in.optional_string("note", 0, kVisitNoteMax).value_or("");
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));
  service.add_step(*id, std::move(s), caller_of(req),
                   [reply = std::move(reply)](Result<VisitView> r) {
                     if (!r.ok()) return reply(http::problem(r.status()));
                     reply(http::json_response(dump(visit_json(*r)), 201));
                   });
}

void visit_due(VisitService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  DueQuery q;
  q.scope.team_id = query_id(req, "team_id", errors);
  q.scope.community_id = query_id(req, "community_id", errors);
  if (errors.empty() && q.scope.team_id.has_value() == q.scope.community_id.has_value()) {
    errors.push_back({"team_id", "give team_id or community_id (one of them)"});
  }
  if (std::optional<std::string> when = req.query_param("when")) {
    if (*when == "today") {
      q.overdue = false;
    } else if (*when == "overdue") {
      q.today = false;
    } else {
      errors.push_back({"when", "today or overdue (absent: both)"});
    }
  }
  if (std::optional<std::string> limit = req.query_param("limit")) {
    int v = 0;
    const auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), v);
    if (ec != std::errc() || end != limit->data() + limit->size() || v < 1 ||
        v > kVisitDueLimitMax) {
      errors.push_back({"limit", "1 to " + std::to_string(kVisitDueLimitMax)});
    }
    q.limit = v;
  } else {
    q.limit = kVisitDueLimit;
  }
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad list parameters", std::move(errors))));
  }
  service.due(q, caller_of(req), [&service, reply = std::move(reply)](Result<DueList> r) {
    if (!r.ok()) return reply(http::problem(r.status()));
    const int64_t at = service.now();
    ordered_json items = ordered_json::array();
    for (const DueItem& i : r->items) items.push_back(due_item_json(i, at));
    reply(http::json_response(dump({{"at", core::format_rfc3339(at)},
                                    {"items", std::move(items)},
                                    {"truncated", r->truncated}})));
  });
}

void visit_rate(VisitService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  Result<core::Month> month = core::parse_month(req.query_param("month").value_or(""));
  if (!month.ok()) errors.push_back({"month", "YYYY-MM"});
  const std::optional<int64_t> community = query_id(req, "community_id", errors);
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad rate parameters", std::move(errors))));
  }
  const int64_t from = month->from;
  const int64_t to = month->until;
  Result<std::vector<MonthRate>> rows = service.rate(from, to, community, caller_of(req));
  if (!rows.ok()) return reply(http::problem(rows.status()));
  ordered_json items = ordered_json::array();
  for (const MonthRate& r : *rows) items.push_back(rate_json(r));
  reply(http::json_response(dump({{"month", month->text()},
                                  {"from", core::format_rfc3339(from)},
                                  {"to", core::format_rfc3339(to)},
                                  {"items", std::move(items)}})));
}

}  // namespace

void register_visit_routes(http::Router& router, std::shared_ptr<VisitService> service) {
  using http::Method;
  using http::Role;
  const std::string elders = kEldersApi;
  const std::string visits = "/api/v1/visits";
  const http::Access carers = http::Access::Roles({Role::kAdmin, Role::kWorker, Role::kVolunteer});
  router.add(Method::kPost, elders + "/{id}/visits", carers, visit_handler(service, visit_record),
             {.body_limit = 16 * 1024, .summary = "Record a visit to an elder (探访)"});
  router.add(Method::kGet, elders + "/{id}/visits", carers, visit_handler(service, visit_list),
             {.summary = "An elder's visits, newest first, and her next due visit (audited)"});
  router.add(Method::kPost, elders + "/{id}/changes", carers,
             visit_handler(service, visit_report_change),
             {.body_limit = 4096,
              .summary = "Report a change (fall, hospital stay …): a visit due within 24 hours"});
  router.add(Method::kPost, visits + "/{id}/escalation", carers,
             visit_handler(service, visit_add_step),
             {.body_limit = 4096, .summary = "Record a step of a nobody-answers escalation"});
  router.add(Method::kGet, visits + "/due", carers, visit_handler(service, visit_due),
             {.summary = "Visits due today and overdue (?team_id=|community_id=&when=)"});
  router.add(Method::kGet, visits + "/rate", http::Access::Roles({Role::kAdmin, Role::kWorker}),
             visit_handler(service, visit_rate),
             {.summary = "The monthly visit rate (探访率) per community (?month=&community_id=)",
              .slow = true});
}

}  // namespace warmcity::eldercare
