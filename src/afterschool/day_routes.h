// The day's routes (docs/afterschool.md "A one-off proxy", "The day"). Each
// function registers one part's routes; they keep their service alive.
//   day_routes.cpp:    POST /api/v1/afterschool-programmes/{id}/check-ins,
//                      POST …/{id}/check-outs
//   proxy_routes.cpp:  POST/GET /api/v1/children/{id}/proxies,
//                      POST /api/v1/pickup-proxies/{id}/confirm
//   roster_routes.cpp: GET /api/v1/afterschool-programmes/{id}/roster,
//                      GET …/{id}/roster.csv
//   duty_routes.cpp:   GET /api/v1/afterschool-programmes/{id}/days/{date}/duty,
//                      POST …/duty/confirm
// HTTP only: every answer comes from the part's service.
#pragma once

#include <memory>

#include "afterschool/day_service.h"
#include "afterschool/duty_service.h"
#include "afterschool/proxy_service.h"
#include "afterschool/roster_service.h"
#include "http/router.h"

namespace warmcity::afterschool {

void register_day_routes(http::Router& router, std::shared_ptr<DayService> service);
void register_proxy_routes(http::Router& router, std::shared_ptr<ProxyService> service);
void register_roster_routes(http::Router& router, std::shared_ptr<RosterService> service);
void register_duty_routes(http::Router& router, std::shared_ptr<DutyService> service);

}  // namespace warmcity::afterschool
