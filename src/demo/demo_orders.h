// The demo canteens' meals (issue #17 "Orders"): at each demo canteen, today's
// lunch rung up at the counter for three recorded elders and one diner who is
// not (full price), and lunches booked for delivery to two elders on each of
// the two days after tomorrow (before any cut-off, whatever the hour the demo
// is made). Each from that day's published menu (demo_menus.h), priced by the
// subsidy table in force (demo_subsidies.h). Written through
// canteens::OrderService as the system (an admin, user id 0), so every order
// has its 'created' event and audit row. Internal to src/demo.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "core/status.h"
#include "demo/demo_elders.h"
#include "facilities/facility_service.h"
#include "store/database.h"

namespace warmcity::demo {

struct OrderSummary {
  size_t counter = 0;
  size_t deliveries = 0;
};

Result<OrderSummary> create_orders(store::Database& db, accounts::AuditLog& audit,
                                   const facilities::FacilityService& facilities,
                                   const std::vector<RecordedElder>& elders,
                                   const std::string& client_address);

}  // namespace warmcity::demo
