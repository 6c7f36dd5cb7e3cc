// The jobs' unit tests' scratch database (job_test.cpp, job_desk_test_world.h):
// the accounts', areas' and jobs' migrations applied to a SQLite file or a
// PostgreSQL URL. Include only in the jobs' unit tests.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "accounts/accounts.h"
#include "areas/areas.h"
#include "jobs/job_tables.h"
#include "store/database.h"

namespace warmcity::jobs {

inline Result<std::unique_ptr<store::Database>> open_jobs_test_db(const std::string& where) {
  std::vector<store::Migration> all = accounts::migrations();
  for (auto& m : areas::migrations()) all.push_back(std::move(m));
  for (auto& m : job_migrations()) all.push_back(std::move(m));
  return store::Database::open({where}, all);
}

}  // namespace warmcity::jobs
