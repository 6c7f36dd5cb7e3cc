// The dishes' and menus' tables (module "canteen_menus", after "facilities"),
// in the SQL both engines run; what each holds: menu_store.h.
#include "canteens/menus.h"

namespace warmcity::canteens {

std::vector<store::Migration> menu_migrations() {
  return {{"canteen_menus", 1, R"SQL(
    CREATE TABLE canteen_dishes (
      id {{id}},
      canteen_id BIGINT NOT NULL REFERENCES facilities(id),
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('dish', 'set')),
      price_fen BIGINT NOT NULL CHECK (price_fen >= 0),
      portion TEXT NOT NULL DEFAULT '',
      allergens TEXT NOT NULL DEFAULT '',
      tags TEXT NOT NULL DEFAULT '',
      contents TEXT NOT NULL DEFAULT '[]' {{json_check:contents}},
      active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE UNIQUE INDEX canteen_dishes_name ON canteen_dishes(canteen_id, name);
    CREATE TABLE canteen_menu_items (
      canteen_id BIGINT NOT NULL REFERENCES facilities(id),
      served_on TEXT NOT NULL,
      meal TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),
      seq BIGINT NOT NULL CHECK (seq >= 0),
      dish_id BIGINT NOT NULL REFERENCES canteen_dishes(id),
      price_fen BIGINT NOT NULL CHECK (price_fen >= 0),
      PRIMARY KEY (canteen_id, served_on, meal, seq)
    ) {{without_rowid}};
  )SQL"}};
}

}  // namespace warmcity::canteens
