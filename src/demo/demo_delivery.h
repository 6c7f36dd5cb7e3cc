// The demo canteens' delivery routes (issue #17 "Delivery"): at each demo
// canteen, the lunch route kept for its delivery round — the elders with a
// lunch booked for delivery there from today to 14 days ahead
// (demo_orders.h), by day and the last booked first within a day, so the
// round's order is the saved route's and not the names'. Written through canteens::DeliveryService
// as the system (an admin, user id 0), so each route is audited (canteen.delivery_route). No orders
// are made here. Internal to src/demo.
#pragma once

#include <cstddef>
#include <string>

#include "core/status.h"
#include "facilities/facility_service.h"
#include "store/database.h"

namespace warmcity::demo {

struct DeliveryRouteSummary {
  size_t routes = 0;
  size_t stops = 0;
};

Result<DeliveryRouteSummary> create_delivery_routes(store::Database& db,
                                                    const facilities::FacilityService& facilities,
                                                    const std::string& client_address);

}  // namespace warmcity::demo
