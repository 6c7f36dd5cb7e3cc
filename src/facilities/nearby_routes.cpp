// GET /api/v1/facilities/nearby (see docs/facilities.md).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/geo.h"
#include "core/time.h"
#include "facilities/nearby_answer.h"
#include "facilities/nearby_search.h"
#include "facilities/routes.h"
#include "facilities/snapshot.h"
#include "http/problem.h"

namespace warmcity::facilities {

namespace {

constexpr int kMaxRadius = 50000;
constexpr int kMaxLimit = 50;

// Reads the query into q; every problem goes to `errors`.
class Params {
 public:
  Params(const http::Request& req, std::vector<FieldError>& errors) : req_(req), errors_(errors) {}

  std::optional<double> number(const char* name, double min, double max) {
    std::optional<std::string> text = req_.query_param(name);
    if (!text) {
      errors_.push_back({name, "is required"});
      return std::nullopt;
    }
    double v = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || end != text->data() + text->size() || !std::isfinite(v) || v < min ||
        v > max) {
      errors_.push_back({name, "must be a number from " + std::to_string(static_cast<int>(min)) +
                                   " to " + std::to_string(static_cast<int>(max))});
      return std::nullopt;
    }
    return v;
  }

  int integer(const char* name, int min, int max, int fallback) {
    std::optional<std::string> text = req_.query_param(name);
    if (!text) return fallback;
    int v = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || end != text->data() + text->size() || v < min || v > max) {
      errors_.push_back(
          {name, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max)});
      return fallback;
    }
    return v;
  }

 private:
  const http::Request& req_;
  std::vector<FieldError>& errors_;
};

// `kind=toilet,love_station` (or `kind` repeated): each distinct kind once,
// in the order given; every name that is no kind is reported by itself.
void read_kinds(const http::Request& req, NearbySearch& s, std::vector<FieldError>& errors) {
  for (const std::string& list : req.query_params("kind")) {
    std::string_view rest = list;
    while (true) {
      const size_t comma = rest.find(',');
      const std::string_view name = rest.substr(0, comma);
      if (std::optional<Kind> kind = parse_kind(name)) {
        if (std::none_of(s.kinds.begin(), s.kinds.end(),
                         [&](const KindFilter& k) { return k.kind == *kind; })) {
          s.kinds.push_back({*kind, 0});
        }
      } else {
        errors.push_back({"kind", "'" + std::string(name) + "' is not a kind; one of " +
                                      kinds_text() + " (several: kind=toilet,love_station)"});
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
}

// Each amenity must be one of every asked kind (its bit differs per kind).
void read_amenities(const http::Request& req, NearbySearch& s, std::vector<FieldError>& errors) {
  const std::vector<std::string> names = req.query_params("amenity");
  if (names.empty()) return;
  if (!req.query_param("kind")) {
    errors.push_back({"amenity", "needs a kind: amenities differ from kind to kind"});
    return;
  }
  for (const std::string& name : names) {
    for (KindFilter& k : s.kinds) {
      std::optional<uint32_t> flag = amenity_flag(k.kind, name);
      if (!flag) {
        errors.push_back({"amenity", "'" + name + "' is not an amenity of a " +
                                         std::string(kind_name(k.kind)) +
                                         "; one of: " + bool_amenities_text(k.kind)});
        break;
      }
      k.required_flags |= *flag;
    }
  }
}

void read_time(const http::Request& req, NearbyQuery& q, std::vector<FieldError>& errors) {
  q.at = core::now_unix();
  std::optional<std::string> open_now = req.query_param("open_now");
  std::optional<std::string> open_at = req.query_param("open_at");
  if (open_now && *open_now != "true" && *open_now != "false") {
    errors.push_back({"open_now", "must be true or false"});
  }
  if (open_at && open_now == "true") {
    errors.push_back({"open_at", "cannot be combined with open_now=true"});
    return;
  }
  q.open_only = open_now == "true";
  if (open_at) {
    Result<int64_t> t = core::parse_rfc3339(*open_at);
    if (!t.ok()) {
      errors.push_back({"open_at", "must be an RFC 3339 time such as 2026-05-01T08:00:00+08:00"});
      return;
    }
    q.at = *t;
    q.open_only = true;
  }
}

Result<NearbySearch> read_search(const http::Request& req) {
  std::vector<FieldError> errors;
  Params params(req, errors);
  NearbySearch s;
  NearbyQuery& q = s.query;
  std::optional<double> lat = params.number("lat", -90, 90);
  std::optional<double> lon = params.number("lon", -180, 180);
  std::optional<std::string> coord = req.query_param("coord");
  if (coord && *coord != "wgs84" && *coord != "gcj02") {
    errors.push_back({"coord", "must be wgs84 or gcj02"});
  }
  if (lat && lon) {
    core::LatLon p{*lat, *lon};
    if (coord == "gcj02") p = core::gcj02_to_wgs84(p);
    q.lat = p.lat;
    q.lon = p.lon;
  }
  read_kinds(req, s, errors);
  read_amenities(req, s, errors);
  read_time(req, q, errors);
  q.radius_m = params.integer("radius_m", 1, kMaxRadius, 3000);
  q.limit = static_cast<size_t>(params.integer("limit", 1, kMaxLimit, 10));
  if (!errors.empty()) {
    std::string detail = errors.size() == 1 ? errors[0].field + " " + errors[0].message
                                            : "some parameters are not valid";
    return Status::Unprocessable(std::move(detail), std::move(errors));
  }
  return s;
}

void nearby(FacilityService& service, calendar::CalendarService& calendar, http::Request& req,
            http::Reply reply) {
  Result<NearbySearch> s = read_search(req);
  if (!s.ok()) return reply(http::problem(s.status()));
  std::shared_ptr<const Snapshot> snapshot = service.snapshot();
  std::shared_ptr<const core::Calendar> official = calendar.current();
  const std::vector<Hit> hits = search_nearby(*snapshot, *s, *official);
  std::optional<NoneOpen> none_open;
  if (hits.empty() && s->query.open_only) none_open = when_none_open(*snapshot, *s, *official);
  reply(http::json_response(nearby_answer(hits, s->query.at, service.occupancy(), core::now_unix(),
                                          none_open ? &*none_open : nullptr)));
}

}  // namespace

void register_nearby_route(http::Router& router, FacilityService& service,
                           calendar::CalendarService& calendar) {
  router.add(http::Method::kGet, std::string(kApi) + "/nearby", http::Access::Public(),
             [&service, &calendar](http::Request& req, http::Reply reply) {
               nearby(service, calendar, req, std::move(reply));
             },
             {.summary = "The nearest facilities of one or several kinds, open now or at a time"});
}

}  // namespace warmcity::facilities
