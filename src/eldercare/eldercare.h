// Elder care (service 3, 为老代购 and 红色代办卡): the people we look after
// (服务对象) with their consent records and history. See README.md and
// docs/eldercare.md.
//
// What the app calls:
//   migrations() after accounts' and areas'; auto service =
//   ElderService::open(db, audit, locate); register_routes(router, *service).
//   Errands: errand_migrations() after migrations(); ErrandService::open(db,
//   *service); register_errand_routes(router, std::move(errands)).
//   Visits: visit_migrations() after migrations(); VisitService::open(db,
//   rules); register_visit_routes(router, service).
#pragma once

#include <memory>
#include <vector>

#include "eldercare/elder_service.h"
#include "eldercare/errand_service.h"
#include "eldercare/family_service.h"
#include "eldercare/visit_service.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::eldercare {

std::vector<store::Migration> migrations();         // module "eldercare"
std::vector<store::Migration> visit_migrations();   // module "visits", after "eldercare"
std::vector<store::Migration> errand_migrations();  // module "errands", after "eldercare"
// Module "errand_receipts", after "errands" (errand_receipt_store.cpp).
std::vector<store::Migration> errand_receipt_migrations();
// Module "elder_family", after "errands" (family_store.cpp).
std::vector<store::Migration> family_migrations();

// REQUIRES: `service` outlives the router.
void register_routes(http::Router& router, ElderService& service);
// Errands (errand_routes.cpp); the routes own the service. REQUIRES: the
// database and the ElderService it was opened with outlive the router's use.
void register_errand_routes(http::Router& router, std::unique_ptr<ErrandService> service);
// The visits' routes (visit_routes.cpp); the routes keep the service alive.
void register_visit_routes(http::Router& router, std::shared_ptr<VisitService> service);
// Family members (family_routes.cpp); the routes keep the service alive.
void register_family_routes(http::Router& router, std::shared_ptr<FamilyService> service);

}  // namespace warmcity::eldercare
