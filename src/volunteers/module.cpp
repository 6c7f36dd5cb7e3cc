// Volunteers: every part's routes (module.h).
#include "volunteers/module.h"

#include <utility>

#include "volunteers/routes.h"

namespace warmcity::volunteers {

void register_routes(http::Router& router, store::Database& db, accounts::AuditLog& audit,
                     std::function<int64_t()> now) {
  const RouteContext ctx{db, audit, std::move(now)};
  register_volunteer_routes(router, ctx);
  register_team_routes(router, ctx);
  register_shift_routes(router, ctx);
  register_outcome_routes(router, ctx);
  register_record_routes(router, ctx);
  register_certificate_routes(router, ctx);
  register_counts_routes(router, ctx);
}

}  // namespace warmcity::volunteers
