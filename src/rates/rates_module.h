// The three rates (三率) of the appeals: 响应率, 解决率, 满意率, their weighted
// composite and ranking, response / resolution times and overdue counts, per
// department, sub-district, community or grid, per month; JSON or CSV.
//
// Reads the month aggregates (rollup.h; the tables are the appeals module's
// migration "appeal_counts" v3) and the month's open appeals (rates_store.h).
// Route:
//   GET /api/v1/rates?month=YYYY-MM&by=department|subdistrict|community|grid[&format=csv]
//       admin, worker, department (every department sees the whole ranking:
//       it is published to compare them)
// month defaults to the current month (district time), by to department.
// Formulas, the definition of a valid callback and the month an appeal
// counts in: rates.h and docs/rates.md.
// Calls: core, store, http, accounts (organisation names), areas (area
// names). Called by: app.
#pragma once

#include "http/router.h"
#include "rates/rates.h"
#include "store/database.h"

namespace warmcity::rates {

// The route holds its own RatesService (rates_service.h) on `db`.
// REQUIRES: `db` outlives the router.
void register_routes(http::Router& router, store::Database& db, Weights weights);

}  // namespace warmcity::rates
