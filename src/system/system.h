// System routes: health, Prometheus metrics and the OpenAPI description.
//
//   GET /api/v1/health        database reachable, version, uptime, the last
//                             day the official calendar covers (public)
//   GET /metrics              Prometheus text format: with a metrics token,
//                             to `Authorization: Bearer <token>` only;
//                             without one, only to a loopback client that
//                             came through no proxy (no X-Forwarded-For).
//                             Anyone else gets 404, as if it were not there.
//   GET /api/v1/openapi.json  the API description (docs/openapi.json, built in)
//   GET /api/v1/web-config    what the browser app needs from the server's
//                             options: the map tile URL (public; web_config.cpp)
//
// openapi_mismatches() compares the router's table (paths, methods and the
// roles in each operation's x-warmcity-roles) with the document, so a
// test (and `warmcity routes`) fails when either lacks a route.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "http/metrics.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::system {

inline constexpr std::string_view kVersion = "0.1.0";

// The official calendar in force (calendar::CalendarService::current).
using CalendarSource = std::function<std::shared_ptr<const core::Calendar>()>;

// REQUIRES: `db` and `metrics` outlive the router; `calendar` may be called
// from any thread for as long as the router serves. Also adds the calendar's
// gauges to `metrics` (calendar_metrics below).
void register_routes(http::Router& router, store::Database& db, http::Metrics& metrics,
                     std::string metrics_token, CalendarSource calendar);

// The last day the calendar covers as of `now` (core::Calendar::covered_until
// for today's district date): "2026-12-31", or nullopt when it covers no day.
std::optional<std::string> calendar_covered_until(const core::Calendar& calendar, int64_t now);

// The /metrics text about the calendar: the gauge
// warmcity_calendar_covered_until_timestamp_seconds (the instant coverage
// ends: midnight, district time, after the last covered day; 0 when none) and
// the counter warmcity_calendar_deadlines_beyond_total (working-day deadlines
// computed through a year not loaded, core::Calendar::deadlines_beyond_calendar).
std::string calendar_metrics(const core::Calendar& calendar, int64_t now);

// Whether a request may read /metrics (see above).
bool may_read_metrics(const http::Request& req, std::string_view metrics_token);

// The browser app's settings, from `warmcity serve` options.
struct WebConfig {
  // A Leaflet tile URL template ("https://tile.example/{z}/{x}/{y}.png");
  // "" draws no tiles (the map shows its markers on a plain background).
  std::string tile_url;
  std::string tile_attribution;  // shown in the map's corner; may hold a link
};

// GET /api/v1/web-config: {"tile_url": "…" | null, "tile_attribution": "…"}.
void register_web_config(http::Router& router, WebConfig config);

// The OpenAPI 3 document (JSON text) served at /api/v1/openapi.json.
std::string_view openapi_document();

// "GET /api/v1/x: registered but not in the OpenAPI document" and the reverse;
// empty when they agree.
std::vector<std::string> openapi_mismatches(const http::Router& router);

// Adds the writer's queue depth and batch sizes to /metrics.
void add_writer_metrics(http::Metrics& metrics, const store::Database& db);

}  // namespace warmcity::system
