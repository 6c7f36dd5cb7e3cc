// The subsidy rules' tables (module "canteen_subsidies"), in the SQL both
// engines run; what each holds: subsidy_store.h. No demo rows.
#include "canteens/subsidy_service.h"

namespace warmcity::canteens {

std::vector<store::Migration> subsidy_migrations() {
  return {{"canteen_subsidies", 1, R"SQL(
    CREATE TABLE canteen_subsidy_versions (
      id {{id}},
      effective_from TEXT NOT NULL UNIQUE CHECK (length(effective_from) = 10),
      precedence TEXT NOT NULL CHECK (precedence IN ('highest', 'first')),
      cap_per_day_fen BIGINT CHECK (cap_per_day_fen >= 0),
      cap_per_month_fen BIGINT CHECK (cap_per_month_fen >= 0),
      note TEXT NOT NULL DEFAULT '',
      created_at BIGINT NOT NULL,
      created_by BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      updated_by BIGINT NOT NULL
    );
    CREATE TABLE canteen_subsidy_tiers (
      version_id BIGINT NOT NULL REFERENCES canteen_subsidy_versions(id),
      position BIGINT NOT NULL CHECK (position >= 0),
      name TEXT NOT NULL,
      age_min BIGINT CHECK (age_min >= 0),
      age_max BIGINT CHECK (age_max >= 0),
      statuses TEXT NOT NULL DEFAULT '',
      meals TEXT NOT NULL,
      amount_fen BIGINT NOT NULL CHECK (amount_fen >= 0),
      PRIMARY KEY (version_id, position)
    );
  )SQL"}};
}

}  // namespace warmcity::canteens
