// The activities' unit tests' scratch database: the accounts', areas',
// facilities' and activities' migrations applied to a SQLite file or a
// PostgreSQL URL. Include only in the activities' unit tests (one executable
// that ctest runs twice: `activities_tests` on SQLite, `activities_pg_tests`
// with WARMCITY_TEST_ENGINE=postgres on a fresh PostgreSQL database).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "accounts/accounts.h"
#include "activities/activity_tables.h"
#include "areas/areas.h"
#include "facilities/facilities.h"
#include "store/database.h"
#include "store/postgres/pg_test_util.h"
#include "store/test_util.h"

namespace warmcity::activities {

inline Result<std::unique_ptr<store::Database>> open_activities_test_db(const std::string& where) {
  std::vector<store::Migration> all = accounts::migrations();
  for (auto& m : areas::migrations()) all.push_back(std::move(m));
  for (auto& m : facilities::migrations()) all.push_back(std::move(m));
  for (auto& m : activity_migrations()) all.push_back(std::move(m));
  return store::Database::open({where}, all);
}

// Where one test's database lives: a scratch file on SQLite, a fresh
// PostgreSQL database with WARMCITY_TEST_ENGINE=postgres (activities_pg_tests).
using store::pg_testing::ScratchWhere;

}  // namespace warmcity::activities
