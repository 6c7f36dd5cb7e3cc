// The food-safety sample log's tables (module "canteen_samples", after
// "facilities"), in the SQL both engines run; what they hold: sample_store.h.
// dish_id names a menu's dish without a foreign key (the log outlives menus).
#include "canteens/sample_service.h"

namespace warmcity::canteens {

std::vector<store::Migration> sample_migrations() {
  return {{"canteen_samples", 1, R"SQL(
    CREATE TABLE canteen_samples (
      id {{id}},
      canteen_id BIGINT NOT NULL REFERENCES facilities(id),
      day TEXT NOT NULL CHECK (length(day) = 10),
      meal TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),
      dish_name TEXT NOT NULL,
      dish_id BIGINT,
      weight_g BIGINT NOT NULL CHECK (weight_g >= 125),
      taken_at BIGINT NOT NULL,
      taken_by BIGINT NOT NULL,
      taken_by_name TEXT NOT NULL,
      fridge TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      recorded_at BIGINT NOT NULL
    );
    CREATE INDEX canteen_samples_day ON canteen_samples(canteen_id, day);
    {{check_domains:canteen_samples}};
    {{append_only:canteen_samples}};
    CREATE TABLE canteen_sample_ends (
      id {{id}},
      sample_id BIGINT NOT NULL REFERENCES canteen_samples(id),
      kind TEXT NOT NULL CHECK (kind IN ('destroyed', 'voided')),
      ended_at BIGINT NOT NULL,
      by_user BIGINT NOT NULL,
      by_name TEXT NOT NULL,
      reason TEXT NOT NULL DEFAULT '',
      UNIQUE (sample_id, kind)
    );
    {{check_domains:canteen_sample_ends}};
    {{append_only:canteen_sample_ends}};
  )SQL"}};
}

}  // namespace warmcity::canteens
