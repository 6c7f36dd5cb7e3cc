// The demo canteens' meals (demo_orders.h).
#include "demo/demo_orders.h"

#include "canteens/menu_service.h"
#include "canteens/order_service.h"
#include "core/wait_for.h"

namespace warmcity::demo {

namespace {

constexpr int kCounterElders = 3;     // elders at each canteen's counter today
constexpr int kDeliveryElders = 2;    // elders each delivery day
constexpr int kFirstDeliveryDay = 2;  // the day after tomorrow: before any cut-off

// The first two dishes of the canteen's lunch on `date` (none: no lunch that day).
std::vector<canteens::LineRequest> lunch_lines(const canteens::CanteenMenu& menu,
                                               core::LocalDate date) {
  std::vector<canteens::LineRequest> lines;
  for (const canteens::DayMenu& day : menu.days) {
    if (day.date != date) continue;
    for (const canteens::MealMenu& meal : day.meals) {
      if (meal.meal != "lunch") continue;
      for (size_t i = 0; i < meal.items.size() && i < 2; ++i) {
        lines.push_back({meal.items[i].dish.id, 1});
      }
    }
  }
  return lines;
}

}  // namespace

Result<OrderSummary> create_orders(store::Database& db, accounts::AuditLog& audit,
                                   const facilities::FacilityService& facilities,
                                   const std::vector<RecordedElder>& elders,
                                   const std::string& client_address) {
  facilities::ListFilter filter;
  filter.kind = facilities::Kind::kCanteen;
  filter.limit = 100;
  Result<std::vector<facilities::Facility>> found = facilities.list(filter);
  if (!found.ok()) return found.status();
  canteens::MenuService menus(db, audit);
  canteens::OrderService orders(db);
  const canteens::Caller system{0, "admin", {}, client_address};
  const core::LocalDate today = orders.today();
  OrderSummary summary;
  size_t next_elder = 0;
  auto elder = [&]() -> std::optional<int64_t> {
    if (elders.empty()) return std::nullopt;
    return elders[next_elder++ % elders.size()].id;
  };
  auto place = [&](int64_t canteen, const char* kind, core::LocalDate date,
                   std::optional<int64_t> diner,
                   std::vector<canteens::LineRequest> lines) -> Status {
    canteens::OrderRequest r;
    r.kind = kind;
    r.date = date;
    r.meal = "lunch";
    r.diner.elder_id = diner;
    r.lines = std::move(lines);
    Result<canteens::Order> o = core::wait_for<canteens::Order>(
        [&](auto done) { orders.create(canteen, std::move(r), system, std::move(done)); });
    return o.ok() ? Status::Ok() : o.status();
  };
  for (const facilities::Facility& canteen : *found) {
    Result<canteens::CanteenMenu> menu =
        menus.menu(canteen.id, canteens::MenuRange{today, kFirstDeliveryDay + 2});
    if (!menu.ok()) return menu.status();
    std::vector<canteens::LineRequest> lines = lunch_lines(*menu, today);
    if (!lines.empty()) {
      for (int i = 0; i < kCounterElders; ++i) {
        if (Status s = place(canteen.id, "counter", today, elder(), lines); !s.ok()) return s;
        ++summary.counter;
      }
      if (Status s = place(canteen.id, "counter", today, std::nullopt, lines); !s.ok()) return s;
      ++summary.counter;
    }
    for (int d = kFirstDeliveryDay; d < kFirstDeliveryDay + 2; ++d) {
      const core::LocalDate date = core::civil_from_days(core::days_from_civil(today) + d);
      lines = lunch_lines(*menu, date);
      for (int i = 0; i < kDeliveryElders && !lines.empty() && !elders.empty(); ++i) {
        if (Status s = place(canteen.id, "delivery", date, elder(), lines); !s.ok()) return s;
        ++summary.deliveries;
      }
    }
  }
  return summary;
}

}  // namespace warmcity::demo
