// Demo: builds the clearly-marked DEMO database of Lishi District (离石区)
// from data/demo/ (scripts/gen-demo.mjs writes those files).
//
// Writes only through the modules' own services: organisations and users
// through accounts::Accounts, areas through AreaService::import (audited
// "area.import"), facilities through FacilityService::create (validated by
// read_input like a POST body, audited "facility.create" with the system as
// actor, user id 0), appeal categories through AppealService::create_category
// (read like a POST body, audited "appeal_category.create"), the elders we
// look after through ElderService::create (lishi-elders.json, read like a
// POST body, audited "elder.create"; demo_elders.h), then a few grid teams
// of demo users paired with the elders of their grids through
// ElderService::create_team and pair (audited "elder_team.create",
// "elder.pair"; demo_teams.h), and errands and visits of those elders
// through ErrandService, VisitService and VisitRaiseService (demo_care.h).
// Then the canteens' menus, subsidy table, orders and delivery routes
// through their services (demo_menus.h, demo_subsidies.h, demo_orders.h,
// demo_delivery.h), and the job posts, the activities, the free clinics and
// the after-school care (demo_jobs.h, demo_activities.h, demo_clinics.h,
// demo_afterschool.h; each header says how it writes), and the volunteers
// of 昌茂社区's two teams (demo_volunteers.h). Finally appends the audit entry
// "demo.created".
// Refuses (kConflict) a database that already has areas or
// facilities or one of the demo usernames, before writing anything.
// Blocking; for the CLI. Calls: accounts, areas, facilities, appeals, eldercare,
// canteens, jobs, activities, afterschool, volunteers.
// Called by: app.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "afterschool/duty_confirmation.h"
#include "appeals/appeal_service.h"
#include "areas/area_service.h"
#include "core/status.h"
#include "eldercare/elder_service.h"
#include "eldercare/errand_service.h"
#include "facilities/facility_service.h"
#include "store/database.h"

namespace warmcity::demo {

// A demo account and its (public, demo-only) password.
struct Credentials {
  std::string username;
  std::string role;
  std::string display_name;
  std::string password;
};

struct Report {
  size_t organisations = 0;
  size_t areas = 0;
  size_t facilities = 0;
  size_t appeal_categories = 0;
  size_t elders = 0;
  // The grid teams, one line each: "name (grid code, rota, N elders)".
  std::vector<std::string> teams;
  std::vector<Credentials> users;
};

struct Options {
  std::string data_dir = "data/demo";                // lishi-areas.geojson, lishi-facilities.json,
                                                     // lishi-appeal-categories.json,
                                                     // lishi-elders.json
  std::function<void(const std::string&)> progress;  // one line, e.g. "areas: 46 imported"
};

struct Services {
  accounts::Accounts& accounts;
  areas::AreaService& areas;
  facilities::FacilityService& facilities;
  appeals::AppealService& appeals;
  eldercare::ElderService& elders;
  store::Database& db;  // the demo's errands and visits open their services on it (demo_care.h)
  // What a completed errand does in its own write job (the app's
  // record_errand_hours: the team volunteer's hours into the volunteers'
  // ledger); given to the demo's ErrandService as ErrandOptions::on_complete.
  std::function<Status(store::Connection&, const eldercare::CompletedErrand&)> errand_hours;
  // What a confirmed after-school duty day does in its own write job (the
  // app's record_duty_hours: the volunteers' hours into the same ledger).
  afterschool::DutyConfirmedHook duty_hours;
};

// kConflict when the database is not empty (see above); kNotFound
// when a data file is missing; kUnprocessable naming the bad entry when a
// file does not validate. A failure after the first write leaves what was
// written (the refusal check runs first, so a retry needs a fresh file).
Result<Report> create(Services services, const Options& options);

}  // namespace warmcity::demo
