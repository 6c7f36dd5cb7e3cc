// For the accounts unit tests: a real database with the accounts migrations
// applied, and a user to hang sessions on. A SQLite file in a scratch
// directory; in accounts_pg_tests (WARMCITY_ACCOUNTS_TEST_POSTGRES) a fresh
// PostgreSQL database on the server WARMCITY_TEST_PG_URL names, so the same
// tests prove the same SQL on both engines.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "accounts/accounts.h"
#include "store/database.h"
#include "store/test_util.h"
#ifdef WARMCITY_ACCOUNTS_TEST_POSTGRES
#include "store/postgres/pg_test_util.h"
#endif

namespace warmcity::accounts::testing_util {

class AccountsDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
#ifdef WARMCITY_ACCOUNTS_TEST_POSTGRES
    ASSERT_TRUE(pg_.ok());
#endif
    auto db = store::Database::open({location()}, migrations());
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
  }
  void TearDown() override {
    if (db_) db_->stop();
  }

  // Where the test's database is (to open it again): a file or a URL.
  std::string location() const {
#ifdef WARMCITY_ACCOUNTS_TEST_POSTGRES
    return pg_.url();
#else
    return dir_.file("accounts.db");
#endif
  }

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

  store::testing_util::ScratchDir dir_;
#ifdef WARMCITY_ACCOUNTS_TEST_POSTGRES
  store::pg_testing::ScratchDatabase pg_;  // dropped after db_ is gone
#endif
  std::unique_ptr<store::Database> db_;
};

}  // namespace warmcity::accounts::testing_util
