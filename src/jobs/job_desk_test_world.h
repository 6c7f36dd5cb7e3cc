// The job desk's unit tests' ground (job_desk_test.cpp): a scratch database
// with the accounts', areas' and jobs' migrations — a SQLite file, or in
// job_desk_pg_tests (WARMCITY_TEST_ENGINE=postgres) a fresh PostgreSQL database
// on the server WARMCITY_TEST_PG_URL names, so the same tests prove the same
// SQL on both engines. Organisations 11 (区人社局, a publisher), 12
// (区总工会, a department not yet a publisher) and 13 (a keeper org); users
// added by role and organisation; an employer and a published post.
// Include only in the jobs' unit tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "areas/areas.h"
#include "jobs/job_tables.h"
#include "jobs/jobs_test_db.h"
#include "jobs/publisher_access.h"
#include "store/database.h"
#include "store/postgres/pg_test_util.h"
#include "store/test_util.h"

namespace warmcity::jobs {

class JobDeskWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    const std::string where = scratch_.where("jobs.db");
    auto db = open_jobs_test_db(where);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    exec(
        "INSERT INTO organisations (id, kind, name, created_at) VALUES "
        "(11, 'department', '离石区人力资源和社会保障局', 0), (12, 'department', '离石区总工会', "
        "0), "
        "(13, 'keeper', '生态园食堂', 0)");
    exec("INSERT INTO job_publishers (organisation_id, added_at, added_by) VALUES (11, 0, 1)");
  }
  void TearDown() override {
    if (db_) db_->stop();
  }

  void exec(const std::string& sql) {
    Status s = db_->write([&sql](store::Connection& c) { return c.exec(sql); });
    ASSERT_TRUE(s.ok()) << sql << ": " << s.message();
  }
  int64_t count(const std::string& sql) {
    return store::testing_util::query_int(db_->reader(), sql);
  }

  // A user of `role` in organisation `org` (0: none), as a Caller.
  Caller user(const std::string& name, const std::string& role, int64_t org = 0) {
    int64_t id = 0;
    Status s = db_->write([&](store::Connection& c) -> Status {
      auto q = c.prepare(
          "INSERT INTO users (username, display_name, role, password_hash, created_at, "
          "updated_at) VALUES (?, ?, ?, 'x', 0, 0) RETURNING id");
      if (!q.ok()) return q.status();
      q->bind(1, name).bind(2, name + "(显示)").bind(3, role);
      Result<int64_t> made = q->returning_id();
      if (!made.ok()) return made.status();
      id = *made;
      if (org == 0) return Status::Ok();
      auto m = c.prepare("INSERT INTO memberships (user_id, organisation_id) VALUES (?, ?)");
      if (!m.ok()) return m.status();
      m->bind(1, id).bind(2, org);
      return m->run();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    Caller c;
    c.user_id = id;
    c.role = role;
    if (org != 0) c.organisation_ids = {org};
    c.client_address = "203.0.113.7";
    return c;
  }

  // An employer verified by org 11 and a post of it, published, valid until
  // `valid_until`: the post's id.
  int64_t published_post(const std::string& valid_until = "2099-12-31") {
    exec(
        "INSERT INTO job_employers (name, credit_code, address, verified_by_org, verified_by, "
        "verified_at) SELECT '吕梁保洁服务有限公司', '91141102MA0K2B3C46', '离石区', 11, 1, 0 "
        "WHERE NOT EXISTS (SELECT 1 FROM job_employers WHERE credit_code = '91141102MA0K2B3C46')");
    exec(
        "INSERT INTO job_posts (publisher_org_id, employer_id, title, headcount, conditions, "
        "duties, place, pay_min_fen, pay_max_fen, hours, contact_name, contact_phone, "
        "valid_until, status, created_by, created_at, updated_at, published_at) "
        "SELECT 11, id, '保洁员', 2, '身体健康', '楼道保洁', '滨河小区', 220000, 280000, "
        "'每天8小时', '王经理', '0358-8221234', '" +
        valid_until +
        "', 'published', 1, 0, 0, 1 FROM job_employers WHERE credit_code = "
        "'91141102MA0K2B3C46'");
    return count("SELECT MAX(id) FROM job_posts");
  }

  store::pg_testing::ScratchWhere scratch_;  // dropped after db_ is gone
  std::unique_ptr<store::Database> db_;
};

}  // namespace warmcity::jobs
