// HTTP routes of the areas module (see area_routes.h).
#include "areas/area_routes.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/geo.h"
#include "core/time.h"
#include "http/json_input.h"
#include "http/pagination.h"
#include "http/problem.h"

namespace warmcity::areas {

namespace {

using nlohmann::json;

std::string dump(const json& body) {
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

json opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

// The list form; with_boundary adds the geometry and the times.
json area_json(const AreaRecord& a, bool with_boundary) {
  json out = {{"id", a.id},
              {"level", level_name(a.level)},
              {"name", a.name},
              {"code", opt(a.code)},
              {"parent_id", opt(a.parent_id)}};
  if (with_boundary) {
    out["boundary"] = json::parse(a.boundary, nullptr, /*allow_exceptions=*/false);
    out["created_at"] = core::format_rfc3339(a.created_at);
    out["updated_at"] = core::format_rfc3339(a.updated_at);
  }
  return out;
}

Editor editor(const http::Request& req) { return {req.principal->user_id, req.client_address}; }

// Answers done(Result<AreaRecord>) with the area (status 200 or 201).
AreaService::Done<AreaRecord> answer_area(http::Reply reply, int status) {
  return [reply = std::move(reply), status](Result<AreaRecord> r) {
    if (!r.ok()) return reply(http::problem(r.status()));
    http::Response res = http::json_response(dump(area_json(*r, true)), status);
    if (status == 201) res.set_header("Location", "/api/v1/areas/" + std::to_string(r->id));
    reply(std::move(res));
  };
}

// The optional `boundary` member: read_geometry's errors go into `in`.
std::optional<Geometry> read_boundary(const json& doc, http::FieldReader& in, bool required) {
  if (!doc.contains("boundary") || doc["boundary"].is_null()) {
    if (required) in.fail("boundary", "is required");
    return std::nullopt;
  }
  Result<Geometry> g = read_geometry(doc["boundary"], "boundary");
  if (g.ok()) return std::move(g).value();
  for (const FieldError& e : g.status().field_errors()) in.fail(e.field, e.message);
  return std::nullopt;
}

void list_route(AreaService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  auto page = http::parse_page(req);
  if (!page.ok()) errors = page.status().field_errors();
  AreaQuery q;
  if (auto level = req.query_param("level")) {
    q.level = parse_level(*level);
    if (!q.level) errors.push_back({"level", "must be one of subdistrict, community, grid"});
  }
  if (auto parent = req.query_param("parent_id")) {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(parent->data(), parent->data() + parent->size(), v);
    if (ec != std::errc() || end != parent->data() + parent->size() || v < 1) {
      errors.push_back({"parent_id", "must be a positive whole number"});
    }
    q.parent_id = v;
  }
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad list parameters", std::move(errors))));
  }
  q.limit = page->limit;
  q.before_id = page->before_id;
  auto rows = service.list(q);
  if (!rows.ok()) return reply(http::problem(rows.status()));
  json items = json::array();
  for (const AreaRecord& a : *rows) items.push_back(area_json(a, false));
  bool more = static_cast<int>(rows->size()) == q.limit;
  json body = {{"items", std::move(items)},
               {"next_cursor", more ? json(http::encode_cursor(rows->back().id)) : json(nullptr)}};
  reply(http::json_response(dump(body)));
}

void get_route(AreaService& service, http::Request& req, http::Reply reply) {
  auto id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no area with that id")));
  auto a = service.get(*id);
  if (!a.ok()) return reply(http::problem(a.status()));
  reply(http::json_response(dump(area_json(*a, true))));
}

void create_route(AreaService& service, http::Request& req, http::Reply reply) {
  auto doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  in.known({"boundary"});  // read by read_boundary
  auto level_text = in.required_string("level", 1, 16);
  auto name = in.required_string("name", 1, kMaxNameLength);
  auto code = in.optional_string("code", 1, kMaxCodeLength);
  auto parent_id = in.optional_int("parent_id", 1, INT64_MAX);
  std::optional<Level> level = level_text ? parse_level(*level_text) : std::nullopt;
  if (level_text && !level) in.fail("level", "must be one of subdistrict, community, grid");
  auto geometry = read_boundary(*doc, in, true);
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));
  NewArea a{*level, *name, code, parent_id, std::move(*geometry)};
  service.create(std::move(a), editor(req), answer_area(std::move(reply), 201));
}

void patch_route(AreaService& service, http::Request& req, http::Reply reply) {
  auto id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no area with that id")));
  auto doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  in.known({"boundary"});  // read by read_boundary
  AreaPatch p;
  p.name = in.optional_string("name", 1, kMaxNameLength);
  if (doc->contains("code")) p.code = in.optional_string("code", 1, kMaxCodeLength);
  p.parent_id = in.optional_int("parent_id", 1, INT64_MAX);
  p.geometry = read_boundary(*doc, in, false);
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));
  service.update(*id, std::move(p), editor(req), answer_area(std::move(reply), 200));
}

void delete_route(AreaService& service, http::Request& req, http::Reply reply) {
  auto id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no area with that id")));
  service.remove(*id, editor(req), [reply = std::move(reply)](Result<AreaRecord> r) {
    if (!r.ok()) return reply(http::problem(r.status()));
    http::Response res;
    res.status = 204;
    reply(std::move(res));
  });
}

json import_json(const ImportOutcome& out) {
  json items = json::array();
  for (const AreaRecord& a : out.created) items.push_back(area_json(a, false));
  json skipped = json::array();
  for (const SkippedFeature& f : out.skipped) {
    json errors = json::array();
    for (const FieldError& e : f.errors) {
      errors.push_back({{"field", e.field}, {"message", e.message}});
    }
    skipped.push_back({{"index", f.index}, {"errors", std::move(errors)}});
  }
  return {{"imported", out.created.size()},
          {"items", std::move(items)},
          {"skipped", std::move(skipped)}};
}

void import_route(AreaService& service, http::Request& req, http::Reply reply) {
  auto skip = req.query_param("skip_invalid");
  if (skip && *skip != "true" && *skip != "false") {
    return reply(http::problem(
        Status::Unprocessable("bad parameter", {{"skip_invalid", "must be true or false"}})));
  }
  auto plan = plan_import(req.body, service.stored_codes());
  if (!plan.ok()) return reply(http::problem(plan.status()));
  if (!plan->invalid.empty() && skip != "true") {
    return reply(http::problem(import_problem(*plan)));
  }
  service.import(std::move(plan).value(), editor(req),
                 [reply = std::move(reply)](Result<ImportOutcome> out) {
                   if (!out.ok()) return reply(http::problem(out.status()));
                   reply(http::json_response(dump(import_json(*out))));
                 });
}

// ?lat= / ?lon=: a finite number within range, else an error naming it.
std::optional<double> coordinate(const http::Request& req, const char* name, double limit,
                                 std::vector<FieldError>& errors) {
  auto text = req.query_param(name);
  if (!text) {
    errors.push_back({name, "is required"});
    return std::nullopt;
  }
  double v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (text->empty() || ec != std::errc() || end != text->data() + text->size() ||
      !std::isfinite(v)) {
    errors.push_back({name, "must be a number"});
    return std::nullopt;
  }
  if (v < -limit || v > limit) {
    errors.push_back({name, "must be between " + std::to_string(static_cast<int>(-limit)) +
                                " and " + std::to_string(static_cast<int>(limit))});
    return std::nullopt;
  }
  return v;
}

json ref_json(const std::optional<AreaRef>& r) {
  if (!r) return nullptr;
  return {{"id", r->id}, {"name", r->name}};
}

void locate_route(AreaService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  auto lat = coordinate(req, "lat", 90, errors);
  auto lon = coordinate(req, "lon", 180, errors);
  auto coord = req.query_param("coord").value_or("wgs84");
  if (coord != "wgs84" && coord != "gcj02") {
    errors.push_back({"coord", "must be wgs84 or gcj02"});
  }
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad coordinates", std::move(errors))));
  }
  core::LatLon p{*lat, *lon};
  if (coord == "gcj02") p = core::gcj02_to_wgs84(p);
  Location at = service.snapshot()->locate(p.lat, p.lon);
  json body = {{"subdistrict", ref_json(at.subdistrict)},
               {"community", ref_json(at.community)},
               {"grid", ref_json(at.grid)}};
  reply(http::json_response(dump(body)));
}

}  // namespace

void register_area_routes(http::Router& router, AreaService& service) {
  using http::Access;
  using http::Method;
  const Access admin = Access::Roles({http::Role::kAdmin});
  auto with = [&service](void (*fn)(AreaService&, http::Request&, http::Reply)) {
    return [&service, fn](http::Request& req, http::Reply reply) {
      fn(service, req, std::move(reply));
    };
  };
  router.add(Method::kGet, "/api/v1/areas", Access::AnyUser(), with(list_route),
             {.summary = "list areas"});
  router.add(Method::kPost, "/api/v1/areas", admin, with(create_route),
             {.body_limit = kAreaBodyLimit, .summary = "create an area"});
  router.add(Method::kGet, "/api/v1/areas/locate", Access::Public(), with(locate_route),
             {.summary = "the areas holding a point"});
  register_community_route(router, service);
  router.add(Method::kPost, "/api/v1/areas/import", admin, with(import_route),
             {.body_limit = kImportBodyLimit, .summary = "import areas from GeoJSON"});
  router.add(Method::kGet, "/api/v1/areas/{id}", Access::AnyUser(), with(get_route),
             {.summary = "one area with its boundary"});
  router.add(Method::kPatch, "/api/v1/areas/{id}", admin, with(patch_route),
             {.body_limit = kAreaBodyLimit, .summary = "change an area"});
  router.add(Method::kDelete, "/api/v1/areas/{id}", admin, with(delete_route),
             {.summary = "delete an area without children"});
}

}  // namespace warmcity::areas
