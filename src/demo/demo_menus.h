// The demo canteens' dishes and a week of menus (issue #17 "Menus"): every
// canteen of the demo district gets the same home-style dishes (西红柿炒鸡蛋,
// 尖椒土豆丝, 小米南瓜粥 …, two set meals; ¥3–15) and, from `today` for seven
// days, a breakfast, lunch and dinner drawn in turn from them (each canteen
// starts the turn at its own place, so their menus differ; a canteen closed
// on Sundays — 昌茂 — publishes none then). Written through
// canteens::MenuService as the system (an admin, user id 0), so every dish
// and meal is audited (canteen.dish_create, canteen.menu_publish).
// Internal to src/demo.
#pragma once

#include <cstddef>
#include <string>

#include "accounts/audit.h"
#include "core/status.h"
#include "core/time.h"
#include "facilities/facility_service.h"
#include "store/database.h"

namespace warmcity::demo {

struct MenuSummary {
  size_t canteens = 0;
  size_t dishes = 0;
  size_t meals = 0;
};

Result<MenuSummary> create_menus(store::Database& db, accounts::AuditLog& audit,
                                 const facilities::FacilityService& facilities,
                                 const std::string& client_address, core::LocalDate today);

}  // namespace warmcity::demo
