// The tables of the canteens' meals (module "canteen_orders"): the orders
// rung up at the counter or booked for delivery, their lines and history,
// each canteen's delivery route, and the months closed for settlement with
// their adjustments. One migration for the parts that share them — orders
// (order_*), delivery (delivery_*) and settlement (settlement_*) — so each
// part is written against the same columns on both engines. What each column
// means is in order_migrations.cpp.
#pragma once

#include <vector>

#include "store/database.h"

namespace warmcity::canteens {

std::vector<store::Migration> order_migrations();

}  // namespace warmcity::canteens
