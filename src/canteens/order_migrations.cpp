// The meals' tables (module "canteen_orders", after "canteen_menus",
// "canteen_subsidies" and the elders), in the SQL both engines run.
//
// canteen_orders: one meal, rung up at the counter (kind 'counter', status
//   'served' at once) or booked for delivery (kind 'delivery': 'booked', then
//   'delivered' or 'not_home'; 'cancelled' before the cut-off, free;
//   'cancelled_late' after it: the meal was made, charged in full, no
//   subsidy). served_on is the district day of the meal, month its first 7
//   characters (settlement reads by canteen and month). elder_id is NULL for
//   a diner who is not a recorded elder (full price). price_fen, subsidy_fen
//   and pays_fen are fixed when the meal is rung up or booked, under the
//   subsidy version in force on served_on (subsidy_version_id, tier and the
//   Chinese reason as the engine gave them); pays + subsidy = price always.
//   flag 'second_in_slot': the elder's second meal in one day and meal slot,
//   charged in full.
// canteen_order_lines: what the meal was, each line's unit price from the
//   day's menu.
// canteen_order_events: the append-only history of each order — created,
//   cancelled, cancelled_late, served, delivered (proof 'code' or 'photo'
//   with the photo's stored name), not_home (visit_id: the visit it handed
//   off to) — who and when.
// canteen_delivery_routes: each canteen's stops per meal round in route
//   order, kept between days (an elder not on it is delivered after it).
// canteen_month_closures: a canteen's month closed for settlement, with the
//   totals frozen at closing; a closed month takes no new meals and no
//   changes to its meals (append-only).
// canteen_settlement_adjustments: corrections to a closed month, each with
//   its reason and who made it (append-only, never edited).
#include "canteens/order_tables.h"

namespace warmcity::canteens {

std::vector<store::Migration> order_migrations() {
  return {{"canteen_orders", 1, R"SQL(
    CREATE TABLE canteen_orders (
      id {{id}},
      canteen_id BIGINT NOT NULL REFERENCES facilities(id),
      kind TEXT NOT NULL CHECK (kind IN ('counter', 'delivery')),
      served_on TEXT NOT NULL CHECK (length(served_on) = 10),
      month TEXT NOT NULL CHECK (length(month) = 7),
      meal TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),
      elder_id BIGINT REFERENCES elders(id),
      price_fen BIGINT NOT NULL CHECK (price_fen >= 0),
      subsidy_fen BIGINT NOT NULL CHECK (subsidy_fen >= 0),
      pays_fen BIGINT NOT NULL CHECK (pays_fen >= 0),
      subsidy_version_id BIGINT REFERENCES canteen_subsidy_versions(id),
      tier TEXT NOT NULL DEFAULT '',
      reason TEXT NOT NULL DEFAULT '',
      flag TEXT NOT NULL DEFAULT '' CHECK (flag IN ('', 'second_in_slot')),
      status TEXT NOT NULL
        CHECK (status IN ('booked', 'served', 'delivered', 'not_home', 'cancelled',
                          'cancelled_late')),
      created_at BIGINT NOT NULL,
      created_by BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      CHECK (pays_fen + subsidy_fen = price_fen)
    );
    CREATE INDEX canteen_orders_month ON canteen_orders(canteen_id, month);
    CREATE INDEX canteen_orders_day ON canteen_orders(canteen_id, served_on, meal);
    CREATE INDEX canteen_orders_elder ON canteen_orders(elder_id, served_on);
    CREATE TABLE canteen_order_lines (
      order_id BIGINT NOT NULL REFERENCES canteen_orders(id),
      seq BIGINT NOT NULL CHECK (seq >= 0),
      dish_id BIGINT NOT NULL REFERENCES canteen_dishes(id),
      dish_name TEXT NOT NULL,
      unit_fen BIGINT NOT NULL CHECK (unit_fen >= 0),
      qty BIGINT NOT NULL CHECK (qty >= 1),
      PRIMARY KEY (order_id, seq)
    ) {{without_rowid}};
    {{append_only:canteen_order_lines}};
    CREATE TABLE canteen_order_events (
      id {{id}},
      order_id BIGINT NOT NULL REFERENCES canteen_orders(id),
      kind TEXT NOT NULL
        CHECK (kind IN ('created', 'cancelled', 'cancelled_late', 'served', 'delivered',
                        'not_home')),
      at BIGINT NOT NULL,
      by_user BIGINT NOT NULL,
      proof TEXT NOT NULL DEFAULT '' CHECK (proof IN ('', 'code', 'photo')),
      photo TEXT,
      visit_id BIGINT,
      note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX canteen_order_events_order ON canteen_order_events(order_id);
    {{check_domains:canteen_order_events}};
    {{append_only:canteen_order_events}};
    CREATE TABLE canteen_delivery_routes (
      canteen_id BIGINT NOT NULL REFERENCES facilities(id),
      meal TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),
      elder_id BIGINT NOT NULL REFERENCES elders(id),
      position BIGINT NOT NULL CHECK (position >= 0),
      updated_at BIGINT NOT NULL,
      updated_by BIGINT NOT NULL,
      PRIMARY KEY (canteen_id, meal, elder_id)
    ) {{without_rowid}};
    CREATE TABLE canteen_month_closures (
      canteen_id BIGINT NOT NULL REFERENCES facilities(id),
      month TEXT NOT NULL CHECK (length(month) = 7),
      meals BIGINT NOT NULL CHECK (meals >= 0),
      subsidy_fen BIGINT NOT NULL CHECK (subsidy_fen >= 0),
      closed_at BIGINT NOT NULL,
      closed_by BIGINT NOT NULL,
      PRIMARY KEY (canteen_id, month)
    ) {{without_rowid}};
    {{append_only:canteen_month_closures}};
    CREATE TABLE canteen_settlement_adjustments (
      id {{id}},
      canteen_id BIGINT NOT NULL REFERENCES facilities(id),
      month TEXT NOT NULL CHECK (length(month) = 7),
      order_id BIGINT REFERENCES canteen_orders(id),
      subsidy_delta_fen BIGINT NOT NULL CHECK (subsidy_delta_fen <> 0),
      reason TEXT NOT NULL CHECK (length(reason) > 0),
      created_at BIGINT NOT NULL,
      created_by BIGINT NOT NULL
    );
    CREATE INDEX canteen_settlement_adjustments_month
      ON canteen_settlement_adjustments(canteen_id, month);
    {{check_domains:canteen_settlement_adjustments}};
    {{append_only:canteen_settlement_adjustments}};
  )SQL"}};
}

}  // namespace warmcity::canteens
