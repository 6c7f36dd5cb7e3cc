// Internal to the facilities routes: the JSON shapes and who is asking.
// Include only in route translation units (it pulls in nlohmann/json).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "calendar/calendar_service.h"
#include "facilities/facility.h"
#include "facilities/facility_json.h"
#include "facilities/facility_service.h"
#include "http/message.h"
#include "http/router.h"

namespace warmcity::facilities {

inline constexpr char kApi[] = "/api/v1/facilities";

// The caller as an Editor (user 0 and no organisations without a session).
Editor editor_of(const http::Request& req);

std::string dump(const nlohmann::ordered_json& body);

// Facility `id` when the caller may edit it (FacilityService::kept).
Result<Facility> kept_facility(const FacilityService& service, const http::Request& req, int64_t id,
                               const std::string& what);

// Gate tokens of parking lots (gate_routes.cpp).
void register_gate_routes(http::Router& router, FacilityService& service);

// POST /api/v1/facilities/{id}/occupancy (occupancy_routes.cpp).
void register_occupancy_route(http::Router& router, FacilityService& service);

// The free-space fields of lot `id` now (see occupancy.h).
FreeSpaces free_spaces_now(const FacilityService& service, int64_t id, int64_t now);

// Notices and receptions (station_routes.cpp).
void register_station_routes(http::Router& router, FacilityService& service,
                             calendar::CalendarService& calendar);
// Adds `notices` to a love station, `receptions` and `next_reception` to a
// liaison station or service centre, as they are at `now`.
Status add_station_fields(nlohmann::ordered_json& body, const FacilityService& service,
                          const Facility& f, const core::Calendar& calendar, int64_t now);

// GET /api/v1/facilities/counts (count_routes.cpp).
void register_count_route(http::Router& router, const FacilityService& service);
// POST /import and GET /export (import_routes.cpp).
void register_import_routes(http::Router& router, FacilityService& service);

void register_nearby_route(http::Router& router, FacilityService& service,
                           calendar::CalendarService& calendar);

}  // namespace warmcity::facilities
