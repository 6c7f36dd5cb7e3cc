// The demo canteens' delivery routes (demo_delivery.h).
#include "demo/demo_delivery.h"

#include <algorithm>
#include <vector>

#include "canteens/delivery_service.h"
#include "canteens/order_service.h"
#include "core/wait_for.h"

namespace warmcity::demo {

namespace {

constexpr int kRouteDaysAhead = 14;  // the days a delivery may be booked ahead

}  // namespace

Result<DeliveryRouteSummary> create_delivery_routes(store::Database& db,
                                                    const facilities::FacilityService& facilities,
                                                    const std::string& client_address) {
  facilities::ListFilter filter;
  filter.kind = facilities::Kind::kCanteen;
  filter.limit = 100;
  Result<std::vector<facilities::Facility>> found = facilities.list(filter);
  if (!found.ok()) return found.status();
  canteens::OrderService orders(db);
  canteens::DeliveryService delivery(db, std::nullopt);
  const canteens::Caller system{0, "admin", {}, client_address};
  const core::LocalDate today = orders.today();
  DeliveryRouteSummary summary;
  for (const facilities::Facility& canteen : *found) {
    std::vector<int64_t> route;  // the last booked first
    for (int d = 0; d <= kRouteDaysAhead; ++d) {
      canteens::OrderFilter f;
      f.canteen_id = canteen.id;
      f.date = core::civil_from_days(core::days_from_civil(today) + d);
      f.meal = "lunch";
      f.kind = "delivery";
      Result<std::vector<canteens::Order>> booked = core::wait_for<std::vector<canteens::Order>>(
          [&](auto done) { orders.list(canteen.id, f, system, std::move(done)); });
      if (!booked.ok()) return booked.status();
      for (const canteens::Order& o : *booked) {  // newest first
        if (o.elder_id && std::find(route.begin(), route.end(), *o.elder_id) == route.end()) {
          route.push_back(*o.elder_id);
        }
      }
    }
    if (route.empty()) continue;
    const size_t stops = route.size();
    Result<canteens::DeliveryRoute> saved = core::wait_for<canteens::DeliveryRoute>([&](auto done) {
      delivery.set_route(canteen.id, {"lunch", std::move(route)}, system, std::move(done));
    });
    if (!saved.ok()) return saved.status();
    ++summary.routes;
    summary.stops += stops;
  }
  return summary;
}

}  // namespace warmcity::demo
