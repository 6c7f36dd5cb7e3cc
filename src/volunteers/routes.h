// Every part's routes (docs/volunteers.md), each registered by its own file;
// module.cpp calls them all. The context is what their services need.
#pragma once

#include <cstdint>
#include <functional>

#include "accounts/audit.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::volunteers {

struct RouteContext {
  store::Database& db;
  accounts::AuditLog& audit;
  std::function<int64_t()> now;  // unix seconds; null: the real clock
};

// Volunteers, their teams and /me/volunteer (volunteer_routes.cpp).
void register_volunteer_routes(http::Router& router, const RouteContext& ctx);
// The teams' list and their certificate facts (team_routes.cpp).
void register_team_routes(http::Router& router, const RouteContext& ctx);
// Shifts, sign-ups, check-in and check-out (shift_routes.cpp).
void register_shift_routes(http::Router& router, const RouteContext& ctx);
// Outcome kinds and an occurrence's outcomes (outcome_routes.cpp).
void register_outcome_routes(http::Router& router, const RouteContext& ctx);
// The hours ledger: records, confirmations, corrections, disputes (record_routes.cpp).
void register_record_routes(http::Router& router, const RouteContext& ctx);
// Certificates, their requests, QR codes and verification (certificate_routes.cpp).
void register_certificate_routes(http::Router& router, const RouteContext& ctx);
// The dashboard's hours and outcomes per team, community and month (counts_routes.cpp).
void register_counts_routes(http::Router& router, const RouteContext& ctx);

}  // namespace warmcity::volunteers
