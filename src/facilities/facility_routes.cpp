// CRUD and history routes of the facilities module (see facilities.h).
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "core/time.h"
#include "facilities/facilities.h"
#include "facilities/facility_input.h"
#include "facilities/routes.h"
#include "http/pagination.h"
#include "http/problem.h"

namespace warmcity::facilities {

namespace {

using nlohmann::ordered_json;

bool wants_gcj02(const http::Request& req) { return req.query_param("coord") == "gcj02"; }

// 422 for a bad ?coord=; nullopt when it is absent, wgs84 or gcj02.
std::optional<Status> bad_coord(const http::Request& req) {
  std::optional<std::string> coord = req.query_param("coord");
  if (!coord || *coord == "wgs84" || *coord == "gcj02") return std::nullopt;
  return Status::Unprocessable("bad coord", {{"coord", "must be wgs84 or gcj02"}});
}

http::Response input_problem(const Status& s, const std::optional<core::ParseError>& where) {
  return where ? http::parse_problem(s, where->position, where->expected) : http::problem(s);
}

FacilityService::Done reply_with(http::Reply reply, int status) {
  return [reply = std::move(reply), status](Result<Facility> saved) {
    if (!saved.ok()) return reply(http::problem(saved.status()));
    http::Response r = http::json_response(dump(facility_json(*saved)), status);
    if (status == 201)
      r.set_header("Location", std::string(kApi) + "/" + std::to_string(saved->id));
    reply(std::move(r));
  };
}

void create(FacilityService& service, http::Request& req, http::Reply reply) {
  if (auto bad = bad_coord(req)) return reply(http::problem(*bad));
  std::optional<core::ParseError> where;
  Result<Input> in = read_input(req.body, true, Kind::kServiceCentre, wants_gcj02(req), &where);
  if (!in.ok()) return reply(input_problem(in.status(), where));
  Result<Facility> f = new_facility(*in);
  if (!f.ok()) return reply(http::problem(f.status()));
  service.create(std::move(*f), editor_of(req), reply_with(std::move(reply), 201));
}

void patch(FacilityService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no facility with that id")));
  if (auto bad = bad_coord(req)) return reply(http::problem(*bad));
  // The kind decides which amenities are valid; the write job checks again
  // who may edit the row as it is then.
  Result<Facility> stored = service.get(*id);
  if (!stored.ok()) return reply(http::problem(stored.status()));
  Editor by = editor_of(req);
  if (!by.may_edit(*stored)) {
    return reply(http::problem(
        Status::PermissionDenied("only an admin or a keeper of this facility may edit it")));
  }
  std::optional<core::ParseError> where;
  Result<Input> in = read_input(req.body, false, stored->kind, wants_gcj02(req), &where);
  if (!in.ok()) return reply(input_problem(in.status(), where));
  service.update(*id, std::move(in->patch), std::move(by), reply_with(std::move(reply), 200));
}

void get_one(const FacilityService& service, calendar::CalendarService& calendar,
             http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no facility with that id")));
  Result<Facility> f = service.get(*id);
  if (!f.ok()) return reply(http::problem(f.status()));
  ordered_json body = facility_json(*f);
  if (f->kind == Kind::kParking) {
    add_free_spaces(body, free_spaces_now(service, f->id, core::now_unix()));
  }
  Status extra = add_station_fields(body, service, *f, *calendar.current(), core::now_unix());
  if (!extra.ok()) return reply(http::problem(extra));
  reply(http::json_response(dump(body)));
}

void list(const FacilityService& service, http::Request& req, http::Reply reply) {
  Result<http::Page> page = http::parse_page(req, 50, 200);
  if (!page.ok()) return reply(http::problem(page.status()));
  ListFilter filter;
  filter.before_id = page->before_id;
  filter.limit = page->limit + 1;
  std::vector<FieldError> errors;
  if (std::optional<std::string> kind = req.query_param("kind")) {
    filter.kind = parse_kind(*kind);
    if (!filter.kind) errors.push_back({"kind", "must be one of " + kinds_text()});
  }
  if (std::optional<std::string> community = req.query_param("community_id")) {
    char* end = nullptr;
    long long v = std::strtoll(community->c_str(), &end, 10);
    if (community->empty() || *end != '\0' || v < 1) {
      errors.push_back({"community_id", "must be a positive integer"});
    } else {
      filter.community_id = v;
    }
  }
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad list parameters", std::move(errors))));
  }
  Result<std::vector<Facility>> rows = service.list(filter);
  if (!rows.ok()) return reply(http::problem(rows.status()));
  const bool more = rows->size() > static_cast<size_t>(page->limit);
  if (more) rows->pop_back();
  ordered_json items = ordered_json::array();
  for (const Facility& f : *rows) items.push_back(facility_json(f));
  ordered_json next = more ? ordered_json(http::encode_cursor(rows->back().id)) : nullptr;
  reply(http::json_response(dump({{"items", std::move(items)}, {"next_cursor", std::move(next)}})));
}

void history(const FacilityService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no facility with that id")));
  Result<http::Page> page = http::parse_page(req, 50, 200);
  if (!page.ok()) return reply(http::problem(page.status()));
  Result<Facility> f = kept_facility(service, req, *id, "its history");
  if (!f.ok()) return reply(http::problem(f.status()));
  Result<std::vector<Change>> rows = service.changes(*id, page->before_id, page->limit + 1);
  if (!rows.ok()) return reply(http::problem(rows.status()));
  const bool more = rows->size() > static_cast<size_t>(page->limit);
  if (more) rows->pop_back();
  ordered_json items = ordered_json::array();
  for (const Change& c : *rows) {
    items.push_back({{"id", c.id},
                     {"at", core::format_rfc3339(c.at)},
                     {"user_id", c.user_id},
                     {"fields", stored_json(c.fields_json)}});
  }
  ordered_json next = more ? ordered_json(http::encode_cursor(rows->back().id)) : nullptr;
  reply(http::json_response(dump({{"items", std::move(items)}, {"next_cursor", std::move(next)}})));
}

}  // namespace

void register_routes(http::Router& router, FacilityService& service,
                     calendar::CalendarService& calendar) {
  using http::Access;
  using http::Method;
  using http::Role;
  const std::string api = kApi;
  const Access keepers = Access::Roles({Role::kAdmin, Role::kKeeper});
  router.add(
      Method::kPost, api, keepers,
      [&service](http::Request& req, http::Reply reply) { create(service, req, std::move(reply)); },
      {.body_limit = 64 * 1024, .json_body = true, .summary = "Create a facility"});
  router.add(
      Method::kGet, api, Access::Public(),
      [&service](http::Request& req, http::Reply reply) { list(service, req, std::move(reply)); },
      {.summary = "List facilities (?kind=&community_id=)"});
  register_nearby_route(router, service, calendar);
  register_count_route(router, service);
  register_import_routes(router, service);
  router.add(Method::kGet, api + "/{id}", Access::Public(),
             [&service, &calendar](http::Request& req, http::Reply reply) {
               get_one(service, calendar, req, std::move(reply));
             },
             {.summary = "Read a facility"});
  router.add(
      Method::kPatch, api + "/{id}", keepers,
      [&service](http::Request& req, http::Reply reply) { patch(service, req, std::move(reply)); },
      {.body_limit = 64 * 1024, .json_body = true, .summary = "Change a facility"});
  router.add(Method::kGet, api + "/{id}/history", keepers,
             [&service](http::Request& req, http::Reply reply) {
               history(service, req, std::move(reply));
             },
             {.summary = "Who changed what and when"});
  register_occupancy_route(router, service);
  register_station_routes(router, service, calendar);
  register_gate_routes(router, service);
}

}  // namespace warmcity::facilities
