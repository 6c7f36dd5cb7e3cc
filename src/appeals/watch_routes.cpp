// Routes that watch appeals from outside one record (see appeals.h): the
// similar appeals a new one is offered, the supervision list (督办), and the
// public tracking page.
#include <charconv>
#include <map>
#include <utility>

#include "appeals/appeal_json.h"
#include "appeals/deadlines.h"
#include "appeals/routes.h"
#include "appeals/tracking_code.h"
#include "core/geo.h"
#include "core/time.h"
#include "http/pagination.h"
#include "http/problem.h"

namespace warmcity::appeals {

namespace {

using nlohmann::ordered_json;

std::optional<double> number_param(const http::Request& req, std::string_view name) {
  std::optional<std::string> text = req.query_param(name);
  if (!text || text->empty()) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return v;
}

void similar(AppealService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  std::optional<double> lat = number_param(req, "lat");
  std::optional<double> lon = number_param(req, "lon");
  if (!lat || !core::valid_lat(*lat)) errors.push_back({"lat", "a latitude is required"});
  if (!lon || !core::valid_lon(*lon)) errors.push_back({"lon", "a longitude is required"});
  std::optional<std::string> code = req.query_param("category");
  Result<Category> c = code ? service.category(*code) : Result<Category>(Status::NotFound(""));
  if (!c.ok()) errors.push_back({"category", "a known appeal category code is required"});
  std::optional<std::string> coord = req.query_param("coord");
  if (coord && *coord != "wgs84" && *coord != "gcj02") {
    errors.push_back({"coord", "must be wgs84 or gcj02"});
  }
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad parameters", std::move(errors))));
  }
  if (coord == "gcj02") {
    core::LatLon wgs = core::gcj02_to_wgs84({*lat, *lon});
    lat = wgs.lat;
    lon = wgs.lon;
  }
  // Admins and district workers read every appeal; anyone else (a worker
  // bound to some areas too) gets published positions only.
  const auto precision = caller_of(req).works_everywhere() ? AppealService::Precision::kExact
                                                           : AppealService::Precision::kPublic;
  Result<std::vector<Similar>> found = service.similar(c->id, *lat, *lon, precision);
  if (!found.ok()) return reply(http::problem(found.status()));
  const std::optional<int64_t> me = caller_of(req).user_id;
  ordered_json items = ordered_json::array();
  for (const Similar& s : *found) {
    // Never offer the caller's own appeal as somebody else's (issue 12 item 6).
    if (!me || s.appeal.reporter_user_id != me) items.push_back(similar_json(s));
  }
  reply(http::json_response(dump({{"items", std::move(items)}})));
}

// "<cursor of nearly_at>~<cursor of id>", both from http::encode_cursor.
std::string supervision_cursor(const Appeal& a) {
  return http::encode_cursor(*a.nearly_at) + "~" + http::encode_cursor(a.id);
}

std::optional<SupervisionCursor> parse_supervision_cursor(std::string_view text) {
  const size_t tilde = text.find('~');
  if (tilde == std::string_view::npos) return std::nullopt;
  std::optional<int64_t> nearly = http::decode_cursor(text.substr(0, tilde));
  std::optional<int64_t> id = http::decode_cursor(text.substr(tilde + 1));
  if (!nearly || !id) return std::nullopt;
  return SupervisionCursor{*nearly, *id};
}

void supervision(AppealService& service, http::Request& req, http::Reply reply) {
  std::optional<std::string> cursor_text = req.query_param("cursor");
  std::optional<SupervisionCursor> after;
  if (cursor_text) {
    after = parse_supervision_cursor(*cursor_text);
    if (!after) {
      return reply(http::problem(Status::Unprocessable(
          "bad list parameters", {{"cursor", "is not a cursor this list gave out"}})));
    }
  }
  http::Request paging = req;  // the limit only; this list's cursor is its own
  paging.query.clear();
  if (std::optional<std::string> limit = req.query_param("limit")) paging.query = "limit=" + *limit;
  Result<http::Page> page = http::parse_page(paging, 50, 200);
  if (!page.ok()) return reply(http::problem(page.status()));
  const Caller by = caller_of(req);
  std::vector<int64_t> orgs;
  if (by.role == "department") {
    orgs = by.organisation_ids;
    if (orgs.empty()) orgs.push_back(-1);
  }
  // A worker bound to areas supervises those; a district worker all.
  const std::vector<int64_t> areas = by.role == "worker" ? by.area_ids : std::vector<int64_t>{};
  const int64_t now = service.now();
  Result<std::vector<Appeal>> rows = service.supervision(now, orgs, areas, after, page->limit + 1);
  if (!rows.ok()) return reply(http::problem(rows.status()));
  const bool more = rows->size() > static_cast<size_t>(page->limit);
  if (more) rows->pop_back();
  std::map<int64_t, std::string> codes;
  ordered_json items = ordered_json::array();
  for (const Appeal& a : *rows) {
    auto code = codes.find(a.category_id);
    if (code == codes.end()) {
      Result<Category> c = service.category_by_id(a.category_id);
      code = codes.emplace(a.category_id, c.ok() ? c->code : "").first;
    }
    const bool overdue = now >= *a.due_at;
    items.push_back({{"id", a.id},
                     {"tracking_code", a.tracking_code},
                     {"category", code->second},
                     {"state", state_name(a.state)},
                     {"assigned_org_id",
                      a.assigned_org_id ? ordered_json(*a.assigned_org_id) : ordered_json(nullptr)},
                     {"assigned_area_id", a.assigned_area_id ? ordered_json(*a.assigned_area_id)
                                                             : ordered_json(nullptr)},
                     {"clock", a.state == State::kSubmitted ? "response" : "resolution"},
                     {"due_at", core::format_rfc3339(*a.due_at)},
                     {"urgency", overdue ? "overdue" : "nearly_due"},
                     {"overdue_seconds", overdue ? now - *a.due_at : 0},
                     {"escalations_recorded", a.escalation}});
  }
  ordered_json next = more ? ordered_json(supervision_cursor(rows->back())) : nullptr;
  reply(http::json_response(dump({{"items", std::move(items)}, {"next_cursor", std::move(next)}})));
}

void track(AppealService& service, http::Request& req, http::Reply reply) {
  std::optional<std::string> code = normalize_tracking_code(req.path_param("code"));
  if (!code) {
    return reply(http::problem(Status::InvalidArgument(
        "a tracking code is 8 characters of 23456789ABCDEFGHJKMNPQRSTWXYZ")));
  }
  Result<Appeal> a = service.by_tracking_code(*code);
  if (!a.ok()) return reply(http::problem(a.status()));
  Result<std::vector<Event>> events = service.events(a->id, true);
  if (!events.ok()) return reply(http::problem(events.status()));
  Result<Category> c = service.category_by_id(a->category_id);
  http::Response r = http::json_response(dump(track_json(*a, c.ok() ? &*c : nullptr, *events)));
  r.set_header("Cache-Control", "no-store");
  reply(std::move(r));
}

}  // namespace

void register_watch_routes(http::Router& router, AppealService& service) {
  using http::Access;
  using http::Method;
  using http::Role;
  const std::string api = kAppealsApi;
  router.add(Method::kGet, api + "/similar", Access::Public(),
             [&service](http::Request& req, http::Reply reply) {
               similar(service, req, std::move(reply));
             },
             {.summary = "Open appeals of a category near a point (?category=&lat=&lon=)"});
  router.add(Method::kGet, api + "/supervision",
             Access::Roles({Role::kAdmin, Role::kWorker, Role::kDepartment}),
             [&service](http::Request& req, http::Reply reply) {
               supervision(service, req, std::move(reply));
             },
             // A page of up to 200 read over the open appeals: 1.5 ms at a city's
             // million, longer than an I/O thread should be held (issue #15).
             {.summary = "Overdue and nearly due appeals (督办)", .slow = true});
  router.add(
      Method::kGet, api + "/track/{code}", Access::Public(),
      [&service](http::Request& req, http::Reply reply) { track(service, req, std::move(reply)); },
      {.summary = "The public tracking page of an appeal"});
}

}  // namespace warmcity::appeals
