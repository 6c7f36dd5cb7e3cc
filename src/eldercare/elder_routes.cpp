// Routes of the people we look after (eldercare.h): create, list, read,
// correct, close, export. HTTP only: every answer comes from ElderService.
#include <charconv>
#include <utility>

#include "core/time.h"
#include "eldercare/elder_input.h"
#include "eldercare/elder_json.h"
#include "eldercare/eldercare.h"
#include "eldercare/routes.h"
#include "http/pagination.h"
#include "http/problem.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::ordered_json;

constexpr size_t kBodyLimit = 16 * 1024;

int64_t today_days(const ElderService& service) {
  return core::days_from_civil(core::local_date_of(service.now()));
}

Result<bool> gcj02_of(const http::Request& req) {
  const std::optional<std::string> coord = req.query_param("coord");
  if (coord && *coord != "wgs84" && *coord != "gcj02") {
    return Status::Unprocessable("bad coord", {{"coord", "must be wgs84 or gcj02"}});
  }
  return coord == "gcj02";
}

void create(ElderService& service, http::Request& req, http::Reply reply) {
  Result<bool> gcj02 = gcj02_of(req);
  if (!gcj02.ok()) return reply(http::problem(gcj02.status()));
  Result<ElderInput> in = read_elder_input(req.body, *gcj02, today_days(service));
  if (!in.ok()) return reply(http::problem(in.status()));
  service.create(std::move(*in), caller_of(req), [reply = std::move(reply)](Result<ElderView> r) {
    http::Response res = elder_answer(r, 201);
    if (r.ok())
      res.set_header("Location", std::string(kEldersApi) + "/" + std::to_string(r->elder.id));
    reply(std::move(res));
  });
}

void list(ElderService& service, http::Request& req, http::Reply reply) {
  Result<http::Page> page = http::parse_page(req, 50, 200);
  if (!page.ok()) return reply(http::problem(page.status()));
  ElderQuery q;
  q.before_id = page->before_id;
  q.limit = page->limit + 1;
  std::vector<FieldError> errors;
  q.community_id = query_id(req, "community_id", errors);
  q.risk_tier = req.query_param("risk_tier");
  if (q.risk_tier && !is_risk_tier(*q.risk_tier)) {
    errors.push_back({"risk_tier", "high, priority or general"});
  }
  q.category = req.query_param("category");
  if (q.category && !is_category(*q.category)) errors.push_back({"category", "unknown category"});
  const std::optional<std::string> state = req.query_param("state");
  if (state && *state != "active" && *state != "closed") {
    errors.push_back({"state", "active or closed"});
  }
  q.closed = state == "closed";
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad list parameters", std::move(errors))));
  }
  const int limit = page->limit;
  service.list(std::move(q), caller_of(req),
               [limit, reply = std::move(reply)](Result<std::vector<ElderView>> rows) {
                 if (!rows.ok()) return reply(http::problem(rows.status()));
                 const bool more = rows->size() > static_cast<size_t>(limit);
                 if (more) rows->pop_back();
                 ordered_json items = ordered_json::array();
                 for (const ElderView& v : *rows) items.push_back(elder_json(v.elder, v.view));
                 ordered_json next =
                     more ? ordered_json(http::encode_cursor(rows->back().elder.id)) : nullptr;
                 reply(http::json_response(
                     dump({{"items", std::move(items)}, {"next_cursor", std::move(next)}})));
               });
}

void get_one(ElderService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no elder with that id")));
  service.read(*id, caller_of(req),
               [reply = std::move(reply)](Result<ElderView> r) { reply(elder_answer(r)); });
}

void correct(ElderService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no elder with that id")));
  Result<bool> gcj02 = gcj02_of(req);
  if (!gcj02.ok()) return reply(http::problem(gcj02.status()));
  Result<ElderInput> in = read_elder_input(req.body, *gcj02, today_days(service));
  if (!in.ok()) return reply(http::problem(in.status()));
  service.correct(*id, std::move(*in), caller_of(req),
                  [reply = std::move(reply)](Result<ElderView> r) { reply(elder_answer(r)); });
}

void close(ElderService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no elder with that id")));
  Result<CloseInput> in = read_close_input(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.close(*id, std::move(*in), caller_of(req),
                [reply = std::move(reply)](Result<ElderView> r) { reply(elder_answer(r)); });
}

void export_record(ElderService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no elder with that id")));
  const int64_t at = service.now();
  service.export_record(*id, caller_of(req), [at, reply = std::move(reply)](Result<ElderExport> r) {
    if (!r.ok()) return reply(http::problem(r.status()));
    ordered_json history = ordered_json::array();
    for (const ElderEvent& e : r->history) history.push_back(event_json(e));
    ordered_json cards = ordered_json::array();
    for (const Card& c : r->cards) cards.push_back(card_json(c));
    http::Response res = http::json_response(dump({{"exported_at", core::format_rfc3339(at)},
                                                   {"elder", elder_json(r->elder, View::kFull)},
                                                   {"history", std::move(history)},
                                                   {"cards", std::move(cards)}}));
    res.set_header("Content-Disposition",
                   "attachment; filename=\"elder-" + std::to_string(r->elder.id) + ".json\"");
    reply(std::move(res));
  });
}

}  // namespace

http::Handler handler(ElderService& service, RouteFn f) {
  return
      [&service, f](http::Request& req, http::Reply reply) { f(service, req, std::move(reply)); };
}

std::optional<int64_t> query_id(const http::Request& req, const char* name,
                                std::vector<FieldError>& errors) {
  std::optional<std::string> text = req.query_param(name);
  if (!text) return std::nullopt;
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || v <= 0) {
    errors.push_back({name, "a positive integer"});
    return std::nullopt;
  }
  return v;
}

Result<int64_t> elder_id_of(const http::Request& req) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return Status::NotFound("no elder with that id");
  return *id;
}

Caller caller_of(const http::Request& req) {
  Caller c;
  c.client_address = req.client_address;
  if (!req.principal) return c;
  c.user_id = req.principal->user_id;
  c.role = std::string(http::role_name(req.principal->role));
  c.area_ids = req.principal->area_ids;
  return c;
}

http::Response elder_answer(const Result<ElderView>& r, int status) {
  if (!r.ok()) return http::problem(r.status());
  return http::json_response(dump(elder_json(r->elder, r->view)), status);
}

void register_elder_routes(http::Router& router, ElderService& service) {
  using http::Method;
  using http::Role;
  const std::string api = kEldersApi;
  const http::Access staff = http::Access::Roles({Role::kAdmin, Role::kWorker});
  auto bind = [&service](RouteFn f) { return handler(service, f); };
  router.add(Method::kPost, api, staff, bind(create),
             {.body_limit = kBodyLimit, .summary = "Record an elder we look after (服务对象)"});
  // Volunteers list and read the elders of their own team only.
  const http::Access staff_or_team =
      http::Access::Roles({Role::kAdmin, Role::kWorker, Role::kVolunteer});
  router.add(Method::kGet, api, staff_or_team, bind(list),
             {.summary = "List the caller's elders (?community_id=&risk_tier=&category=&state=)"});
  router.add(Method::kGet, api + "/{id}", staff_or_team, bind(get_one),
             {.summary = "Read an elder (full or masked by who asks; audited)"});
  router.add(Method::kPatch, api + "/{id}", staff, bind(correct),
             {.body_limit = kBodyLimit, .summary = "Correct an elder's record (history kept)"});
  router.add(Method::kPost, api + "/{id}/close", staff, bind(close),
             {.body_limit = 4096, .summary = "Close an elder's record (moved out, died)"});
  router.add(Method::kGet, api + "/{id}/export", staff, bind(export_record),
             {.summary = "Everything held on an elder, for the elder (查阅/复制; audited)"});
}

void register_routes(http::Router& router, ElderService& service) {
  register_card_routes(router, service);  // /elders/lookup before /elders/{id}

  // And /elders/counts before /elders/{id}.
  register_count_routes(router, service);
  register_elder_routes(router, service);
  register_team_routes(router, service);
}

}  // namespace warmcity::eldercare
