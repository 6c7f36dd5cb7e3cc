// The dashboard's errand and visit counts (errand_counts.h, visit_counts.h)
// as routes: GET /api/v1/errands/counts (errand_count_routes.cpp) and
// GET /api/v1/visits/counts (visit_count_routes.cpp), admins and workers.
// Numbers only: read on the calling thread's reader, not audited.
// REQUIRES: `db` and `elders` (its clock, now()) outlive the router.
#pragma once

#include "eldercare/elder_service.h"
#include "eldercare/errand_counts.h"
#include "eldercare/visit.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::eldercare {

void register_errand_count_routes(http::Router& router, store::Database& db,
                                  const ElderService& elders);
// `rules`: the VisitService's (VisitService::rules()).
void register_visit_count_routes(http::Router& router, store::Database& db,
                                 const ElderService& elders, VisitRules rules);

}  // namespace warmcity::eldercare
