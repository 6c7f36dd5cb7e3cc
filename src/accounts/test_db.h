// For the accounts unit tests: a real database with the accounts migrations
// applied, and a user to hang sessions on. A SQLite file in a scratch
// directory; in accounts_pg_tests (the same executable, run by ctest with
// WARMCITY_TEST_ENGINE=postgres) a fresh PostgreSQL database on the server
// WARMCITY_TEST_PG_URL names, so the same tests prove the same SQL on both
// engines.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "accounts/accounts.h"
#include "store/database.h"
#include "store/postgres/pg_test_util.h"
#include "store/test_util.h"

namespace warmcity::accounts::testing_util {

class AccountsDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    auto db = store::Database::open({location()}, migrations());
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
  }
  void TearDown() override {
    if (db_) db_->stop();
  }

  // Where the test's database is (to open it again): a file or a URL.
  std::string location() const { return scratch_.where("accounts.db"); }

  // The single integer `sql` yields, read on this thread's reader.
  int64_t count(const std::string& sql) {
    return store::testing_util::query_int(db_->reader(), sql);
  }

  // A user inserted directly (password hash is not a real hash).
  int64_t insert_user(const std::string& username, const std::string& role = "resident") {
    int64_t id = 0;
    Status s = db_->write([&](store::Connection& conn) -> Status {
      auto st = conn.prepare(
          "INSERT INTO users (username, display_name, role, password_hash, created_at, "
          "updated_at) VALUES (?, ?, ?, 'x', 0, 0) RETURNING id");
      if (!st.ok()) return st.status();
      st->bind(1, username).bind(2, username).bind(3, role);
      auto made = st->returning_id();
      if (!made.ok()) return made.status();
      id = *made;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return id;
  }

  store::pg_testing::ScratchWhere scratch_;  // dropped after db_ is gone
  std::unique_ptr<store::Database> db_;
};

}  // namespace warmcity::accounts::testing_util
