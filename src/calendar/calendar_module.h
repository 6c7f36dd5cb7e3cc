// Calendar module: the official calendar (public holidays and make-up
// working days) and the opening-hours engine, over HTTP.
//
// Owns: table calendar_years (migration module "calendar") and the routes
//   GET /api/v1/hours/evaluate?expr=&at=&until=   public; hours_answer.h
//   GET /api/v1/calendar/{year}                   public
//   PUT /api/v1/calendar/{year}                   admin; year_days.h, then
//                                                 CalendarService::replace_year
// Calls: core (calendar, opening hours), store, accounts (audit log), http.
//
// What the app calls:
//   migrations() with the other modules' when opening the database;
//   auto service = CalendarService::open(db, accounts.audit(), dir);
//   register_routes(router, *service);
#pragma once

#include <vector>

#include "calendar/calendar_service.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::calendar {

std::vector<store::Migration> migrations();  // module "calendar"

// REQUIRES: `service` outlives the router.
void register_routes(http::Router& router, CalendarService& service);

}  // namespace warmcity::calendar
