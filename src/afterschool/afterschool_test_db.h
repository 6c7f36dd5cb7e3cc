// The after-school unit tests' database, written once for the three test
// worlds (programme_test_world.h, family_test_world.h, day_test_world.h): a
// scratch database with the accounts', areas', facilities', activities' and
// after-school migrations, on SQLite or, with WARMCITY_TEST_ENGINE=postgres
// (afterschool_pg_tests), a fresh PostgreSQL database (`where` from a
// store::pg_testing::ScratchWhere). Include only in those tests.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "accounts/accounts.h"
#include "activities/activity_tables.h"
#include "afterschool/afterschool_tables.h"
#include "areas/areas.h"
#include "facilities/facilities.h"
#include "store/database.h"
#include "store/postgres/pg_test_util.h"
#include "store/test_util.h"

namespace warmcity::afterschool {

inline Result<std::unique_ptr<store::Database>> open_afterschool_test_db(const std::string& where) {
  std::vector<store::Migration> all = accounts::migrations();
  for (auto& m : areas::migrations()) all.push_back(std::move(m));
  for (auto& m : facilities::migrations()) all.push_back(std::move(m));
  for (auto& m : activities::activity_migrations()) all.push_back(std::move(m));
  for (auto& m : afterschool_migrations()) all.push_back(std::move(m));
  return store::Database::open({where}, all);
}

}  // namespace warmcity::afterschool
