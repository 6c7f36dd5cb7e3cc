// The activities' unit tests' scratch database: the accounts', areas',
// facilities' and activities' migrations applied to a SQLite file or a
// PostgreSQL URL. Include only in the activities' unit tests (each test file
// is built twice: `activities_tests` on SQLite, `activities_pg_tests` with
// WARMCITY_ACTIVITIES_TEST_POSTGRES on a fresh PostgreSQL database).
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
#include "store/test_util.h"
#ifdef WARMCITY_ACTIVITIES_TEST_POSTGRES
#include "store/postgres/pg_test_util.h"
#endif

namespace warmcity::activities {

inline Result<std::unique_ptr<store::Database>> open_activities_test_db(const std::string& where) {
  std::vector<store::Migration> all = accounts::migrations();
  for (auto& m : areas::migrations()) all.push_back(std::move(m));
  for (auto& m : facilities::migrations()) all.push_back(std::move(m));
  for (auto& m : activity_migrations()) all.push_back(std::move(m));
  return store::Database::open({where}, all);
}

// Where one test's database lives: a file in a scratch directory (SQLite), or
// a fresh PostgreSQL database with WARMCITY_ACTIVITIES_TEST_POSTGRES; both go
// away with the test.
class ScratchWhere {
 public:
#ifdef WARMCITY_ACTIVITIES_TEST_POSTGRES
  bool ok() const { return pg_.ok(); }
  std::string where(const std::string&) const { return pg_.url(); }
#else
  bool ok() const { return true; }
  std::string where(const std::string& file) const { return dir_.file(file); }
#endif

 private:
#ifdef WARMCITY_ACTIVITIES_TEST_POSTGRES
  store::pg_testing::ScratchDatabase pg_;
#else
  store::testing_util::ScratchDir dir_;
#endif
};

}  // namespace warmcity::activities
