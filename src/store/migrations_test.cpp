#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/test_util.h"

namespace warmcity::store {
namespace {

using testing_util::query_int;
using testing_util::ScratchDir;

// Plain CREATE TABLE (no IF NOT EXISTS): running any of these twice fails.
const Migration kAccounts1{"accounts", 1, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)"};
const Migration kAccounts2{"accounts", 2, "ALTER TABLE users ADD COLUMN phone TEXT"};
const Migration kFacilities1{"facilities", 1,
                             "CREATE TABLE toilets (id INTEGER PRIMARY KEY, name TEXT);"
                             "INSERT INTO toilets (name) VALUES ('共享厕所 1 号')"};
const Migration kAccounts3{"accounts", 3, "CREATE INDEX users_phone ON users (phone)"};

class MigrationsTest : public ::testing::Test {
 protected:
  Result<std::unique_ptr<Database>> open(const std::vector<Migration>& migrations) {
    return Database::open(Options{.path = dir_.file("m.db")}, migrations);
  }
  ScratchDir dir_;
};
using store_migrations = MigrationsTest;  // suite name for `ctest -R store`

TEST_F(store_migrations, AppliesAllInOrderAndRecordsThem) {
  auto db = open({kAccounts1, kAccounts2, kFacilities1});
  ASSERT_TRUE(db.ok()) << db.status().message();
  Connection& r = (*db)->reader();
  EXPECT_EQ(query_int(r, "SELECT count(*) FROM schema_migrations WHERE module <> 'store'"), 3);
  EXPECT_EQ(query_int(r, "SELECT max(version) FROM schema_migrations WHERE module = 'accounts'"),
            2);
  EXPECT_EQ(query_int(r,
                      "SELECT count(*) FROM schema_migrations WHERE applied_at LIKE '20%Z' AND "
                      "module <> 'store'"),
            3);
  EXPECT_EQ(query_int(r, "SELECT count(*) FROM pragma_table_info('users') WHERE name = 'phone'"),
            1);
  EXPECT_EQ(query_int(r, "SELECT count(*) FROM toilets"), 1);
}

TEST_F(store_migrations, ReopenIsIdempotentAndAppliesOnlyNewOnes) {
  {
    auto db = open({kAccounts1, kAccounts2, kFacilities1});
    ASSERT_TRUE(db.ok()) << db.status().message();
  }
  {
    auto db = open({kAccounts1, kAccounts2, kFacilities1});
    ASSERT_TRUE(db.ok()) << db.status().message();
    EXPECT_EQ(query_int((*db)->reader(), "SELECT count(*) FROM toilets"), 1);  // not re-run
  }
  auto db = open({kAccounts1, kAccounts2, kAccounts3, kFacilities1});
  ASSERT_TRUE(db.ok()) << db.status().message();
  Connection& r = (*db)->reader();
  EXPECT_EQ(query_int(r, "SELECT count(*) FROM schema_migrations WHERE module <> 'store'"), 4);
  EXPECT_EQ(query_int(r, "SELECT count(*) FROM sqlite_master WHERE name = 'users_phone'"), 1);
}

TEST_F(store_migrations, RefusesDowngrade) {
  {
    auto db = open({kAccounts1, kAccounts2});
    ASSERT_TRUE(db.ok()) << db.status().message();
  }
  auto db = open({kAccounts1});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Code::kInternal);
  EXPECT_NE(db.status().message().find("accounts v2"), std::string::npos) << db.status().message();
  EXPECT_NE(db.status().message().find("up to v1"), std::string::npos) << db.status().message();
}

TEST_F(store_migrations, LeavesUnlistedModulesAlone) {
  {
    auto db = open({kAccounts1, kFacilities1});
    ASSERT_TRUE(db.ok()) << db.status().message();
  }
  auto db = open({kAccounts1});
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ(
      query_int((*db)->reader(), "SELECT count(*) FROM schema_migrations WHERE module <> 'store'"),
      2);
}

TEST_F(store_migrations, FailedMigrationRollsBackCompletelyAndNamesItself) {
  const Migration bad{"accounts", 2,
                      "CREATE TABLE half (x INTEGER);"
                      "INSERT INTO no_such_table VALUES (1)"};
  auto db = open({kAccounts1, bad});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Code::kInternal);
  EXPECT_NE(db.status().message().find("accounts v2"), std::string::npos);
  EXPECT_NE(db.status().message().find("no_such_table"), std::string::npos);

  auto good = open({kAccounts1});
  ASSERT_TRUE(good.ok()) << good.status().message();
  Connection& r = (*good)->reader();
  EXPECT_EQ(query_int(r, "SELECT count(*) FROM sqlite_master WHERE name = 'half'"), 0);
  EXPECT_EQ(query_int(r, "SELECT count(*) FROM schema_migrations WHERE module <> 'store'"), 1);
}

TEST_F(store_migrations, RefusesMalformedLists) {
  auto out_of_order = open({kAccounts2, kAccounts1});
  ASSERT_FALSE(out_of_order.ok());
  EXPECT_EQ(out_of_order.status().code(), Code::kInternal);
  auto zero = open({Migration{"accounts", 0, "SELECT 1"}});
  EXPECT_FALSE(zero.ok());
  auto no_module = open({Migration{"", 1, "SELECT 1"}});
  EXPECT_FALSE(no_module.ok());
}

TEST_F(store_migrations, MissingDirectoryFailsNamingIt) {
  const std::string path = dir_.file("not_there/sub/w.db");
  auto db = Database::open(Options{.path = path}, {kAccounts1});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Code::kInvalidArgument);
  EXPECT_NE(db.status().message().find(dir_.file("not_there/sub")), std::string::npos)
      << db.status().message();
}

TEST_F(store_migrations, RefusesInMemoryPath) {
  auto db = Database::open(Options{.path = ":memory:"}, {});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace warmcity::store
