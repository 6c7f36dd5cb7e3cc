// The accounts migrations on SQLite: a database made by the SQLite-only text
// of v1–v4 (testdata/accounts_v1_v4_sqlite.sql) is upgraded by v5 and v6 and
// keeps its rules; a new database gets the same rules from the portable text.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "accounts/user_store.h"
#include "store/database.h"
#include "store/test_util.h"

namespace warmcity::accounts {
namespace {

// The legacy migrations, cut at each "-- @version N" line.
std::vector<store::Migration> legacy_migrations() {
  std::ifstream in(WARMCITY_ACCOUNTS_TESTDATA "/accounts_v1_v4_sqlite.sql");
  EXPECT_TRUE(in.good()) << "testdata/accounts_v1_v4_sqlite.sql";
  std::vector<store::Migration> out;
  std::string line;
  const std::string marker = "-- @version ";
  while (std::getline(in, line)) {
    if (line.rfind(marker, 0) == 0) {
      out.push_back({"accounts", std::stoi(line.substr(marker.size())), ""});
    } else if (!out.empty()) {
      out.back().sql += line + "\n";
    }
  }
  return out;
}

Status insert_named(store::Database& db, const std::string& username) {
  return db.write([&](store::Connection& c) -> Status {
    UserRecord u;
    u.username = username;
    u.display_name = username;
    u.role = "worker";
    u.password_hash = "x";
    return insert_user(c, u, 0).status();
  });
}

// What both an upgraded and a new database must do with usernames.
void expect_username_rules(store::Database& db) {
  Status dup = insert_named(db, "ZHANG");
  EXPECT_EQ(dup.code(), Code::kConflict) << dup.message();
  auto found = find_user_by_username(db.reader(), "Zhang");
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->username, "zhang");
  EXPECT_EQ(store::testing_util::query_int(
                db.reader(), "SELECT count(*) FROM users WHERE lower(username) = 'zhang'"),
            1);
}

TEST(AccountsMigrations, OldDatabaseIsUpgradedAndKeepsUsernamesUniqueInAnyCase) {
  store::testing_util::ScratchDir dir;
  const std::string path = dir.file("old.db");
  auto legacy = legacy_migrations();
  ASSERT_EQ(legacy.size(), 4u);
  {
    auto db = store::Database::open({path}, legacy);
    ASSERT_TRUE(db.ok()) << db.status().message();
    ASSERT_TRUE(insert_named(**db, "zhang").ok());
    (*db)->stop();
  }
  auto db = store::Database::open({path}, migrations());
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ(
      store::testing_util::query_int(
          (*db)->reader(), "SELECT count(*) FROM schema_migrations WHERE module = 'accounts'"),
      6);
  expect_username_rules(**db);
  // Version 6 guards the log of an upgraded database too (the triggers act
  // on rows: there must be one to refuse).
  ASSERT_TRUE((*db)
                  ->write([](store::Connection& c) {
                    return c.exec("INSERT INTO audit_log (at, action) VALUES (1, 'x')");
                  })
                  .ok());
  EXPECT_FALSE(
      (*db)->write([](store::Connection& c) { return c.exec("DELETE FROM audit_log"); }).ok());
  EXPECT_EQ(store::testing_util::query_int((*db)->reader(), "SELECT count(*) FROM audit_log"), 1);
  (*db)->stop();
}

TEST(AccountsMigrations, NewDatabaseKeepsUsernamesUniqueInAnyCase) {
  store::testing_util::ScratchDir dir;
  auto db = store::Database::open({dir.file("new.db")}, migrations());
  ASSERT_TRUE(db.ok()) << db.status().message();
  ASSERT_TRUE(insert_named(**db, "zhang").ok());
  expect_username_rules(**db);
  // The detail of an audit entry must be JSON ({{json_check:detail}}).
  Status bad = (*db)->write([](store::Connection& c) {
    return c.exec("INSERT INTO audit_log (at, action, detail) VALUES (1, 'x', '{oops')");
  });
  EXPECT_FALSE(bad.ok());
  (*db)->stop();
}

}  // namespace
}  // namespace warmcity::accounts
