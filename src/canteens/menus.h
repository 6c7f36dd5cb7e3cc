// Canteen menus (issue #17 "Menus"; docs/canteens.md): dishes, set meals and
// the published menu of each day and meal.
//
// What the app calls: menu_migrations() after facilities'; a MenuService on
// the database and the audit log; register_menu_routes(router, service).
#pragma once

#include <memory>
#include <vector>

#include "canteens/menu_service.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::canteens {

std::vector<store::Migration> menu_migrations();  // module "canteen_menus"

// The menu and dish routes (menu_routes.cpp); the routes keep the service alive.
void register_menu_routes(http::Router& router, std::shared_ptr<MenuService> service);

}  // namespace warmcity::canteens
