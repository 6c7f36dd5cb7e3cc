// Facilities: the places the ten services start from — service centres,
// liaison and love stations, canteens, toilets, parking lots, venues —
// with their keepers, hours, amenities, change history, and the nearby query.
//
// Owns: tables facilities, facility_changes, facility_occupancy,
// facility_notices, facility_receptions, facility_gate_tokens (migration
// module "facilities") and the routes
//   POST  /api/v1/facilities                admin; keeper for their organisation
//   GET   /api/v1/facilities                public; ?kind=&community_id=&limit=&cursor=
//   GET   /api/v1/facilities/nearby         public; see docs/facilities.md
//   GET   /api/v1/facilities/counts         public; in service, by kind
//   GET   /api/v1/facilities/{id}           public; contact_phone whole (a
//                                           business number, not personal data)
//   PATCH /api/v1/facilities/{id}           admin; keeper of that facility
//   GET   /api/v1/facilities/{id}/history   admin; keeper of that facility
//   POST  /api/v1/facilities/{id}/occupancy admin; keeper of that lot (parking
//                                           free spaces, see occupancy.h)
//   POST/GET /api/v1/facilities/{id}/gate-tokens, DELETE …/{token_id}
//                                           admin; keeper of that lot (gate_tokens.h)
//   POST  /api/v1/gate/occupancy            public; a gate device's X-Gate-Token
//   POST   /api/v1/facilities/{id}/notices  admin; keeper of that love station
//   DELETE /api/v1/facilities/{id}/notices/{notice_id}   the same
//   PUT    /api/v1/facilities/{id}/receptions admin; keeper of that liaison
//                                           station or service centre (stations.h)
//   POST   /api/v1/facilities/import        admin; ?format=geojson|csv
//                                           (facility_import.h, docs/facilities.md)
//   GET    /api/v1/facilities/export        staff (worker, volunteer, keeper,
//                                           department, admin); ?format=
// Calls: core (geo, opening hours, phone), store, accounts (audit log),
// areas (locate, through a Locator), calendar (the official calendar), http.
//
// What the app calls:
//   migrations() with the others' (after accounts': keeper_org_id references
//   organisations); auto service = FacilityService::open(db, audit, locate);
//   service->check_organisations_with(accounts' missing_organisations);
//   register_routes(router, *service, calendar_service);
#pragma once

#include <vector>

#include "calendar/calendar_service.h"
#include "facilities/facility_service.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::facilities {

std::vector<store::Migration> migrations();  // module "facilities"

// The routes ask only `service` (and `calendar` for the days off).
// REQUIRES: `service` and `calendar` outlive the router.
void register_routes(http::Router& router, FacilityService& service,
                     calendar::CalendarService& calendar);

}  // namespace warmcity::facilities
