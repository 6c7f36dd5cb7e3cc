// The families' side of after-school care (docs/afterschool.md "Children and
// guardians", "Pickup adults and their codes"): the routes of children,
// their guardians and enrolments (child_routes.cpp) and of pickup adults
// and their codes (pickup_routes.cpp). HTTP only: every answer comes from
// ChildService or PickupService.
//
// register_family_routes makes both services (they live as long as the
// routes) and registers:
//   POST /api/v1/children, GET /api/v1/my-children,
//   GET/PUT /api/v1/children/{id}, POST /api/v1/children/{id}/guardians,
//   POST /api/v1/children/{id}/enrolments,
//   POST /api/v1/afterschool-enrolments/{id}/withdraw,
//   POST/GET /api/v1/my-pickup-adults, PUT /api/v1/my-pickup-adults/{id},
//   POST /api/v1/my-pickup-adults/{id}/revoke, …/{id}/new-code,
//   GET /api/v1/pickup-adults/{id}/photo.
// `photos` keeps the pickup adults' photos; `now` (unix seconds; nullptr:
// the real clock) sets the district's today; `calendar` (the official one;
// nullptr: one that knows no year) tells my-children whether today is a
// holiday without a session.
// Lifetime: REQUIRES db and audit to outlive the router.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "accounts/audit.h"
#include "afterschool/child_service.h"
#include "afterschool/pickup_service.h"
#include "http/router.h"
#include "photos/photo_store.h"
#include "store/database.h"

namespace warmcity::afterschool {

void register_family_routes(http::Router& router, store::Database& db, accounts::AuditLog& audit,
                            photos::PhotoStore photos, std::function<int64_t()> now,
                            ChildService::CalendarSource calendar = nullptr);

// Each part's routes (they keep their service alive).
void register_child_routes(http::Router& router, std::shared_ptr<ChildService> service);
void register_pickup_routes(http::Router& router, std::shared_ptr<PickupService> service);

}  // namespace warmcity::afterschool
