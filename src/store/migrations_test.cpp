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

// {{change_check:…}} on SQLite rebuilds the table in the migration's
// transaction: a parent that another table and itself reference, with a
// partial unique index and append-only triggers.
const Migration kLedger1{
    "ledger", 1,
    "CREATE TABLE r (id {{id}}, kind TEXT NOT NULL CHECK (kind IN ('a', 'b')), ref BIGINT,"
    " parent_id BIGINT REFERENCES r(id), note TEXT NOT NULL DEFAULT '' CHECK (length(note) < 9));"
    "CREATE UNIQUE INDEX r_one_a ON r (ref) WHERE kind = 'a';"
    "{{append_only:r}};"
    "CREATE TABLE d (id {{id}}, r_id BIGINT NOT NULL REFERENCES r(id), what TEXT);"
    "INSERT INTO r (id, kind, ref, parent_id) VALUES (1, 'a', 10, NULL), (5, 'b', 10, 1),"
    " (9, 'a', 11, 5);"
    "INSERT INTO d (id, r_id, what) VALUES (3, 5, 'x'), (4, 9, 'y');"};
const Migration kLedger2{"ledger", 2,
                         "{{change_check:r.kind:kind IN ('a', 'b') => kind IN ('a', 'b', 'c')}};"
                         "INSERT INTO r (kind, ref, parent_id) VALUES ('c', 12, 9);"};

Status write_sql(Database& db, const std::string& sql) {
  return db.write([sql](Connection& c) { return c.exec(sql); });
}

TEST_F(store_migrations, ChangeCheckRebuildsTheTableKeepingRowsIndexesAndKeys) {
  {
    auto db = open({kLedger1});
    ASSERT_TRUE(db.ok()) << db.status().message();
    EXPECT_EQ(write_sql(**db, "INSERT INTO r (kind) VALUES ('c')").code(), Code::kConflict);
  }
  auto db = open({kLedger1, kLedger2});
  ASSERT_TRUE(db.ok()) << db.status().message();
  Database& d = **db;
  Connection& r = d.reader();
  EXPECT_EQ(query_int(r, "SELECT count(*) FROM r"), 4);
  EXPECT_EQ(query_int(r, "SELECT sum(id) FROM r WHERE kind IN ('a', 'b')"), 1 + 5 + 9);
  EXPECT_EQ(query_int(r, "SELECT id FROM r WHERE kind = 'c' AND parent_id = 9"), 10);
  EXPECT_EQ(query_int(r, "SELECT parent_id FROM r WHERE id = 9"), 5);
  EXPECT_EQ(query_int(r, "SELECT count(*) FROM d WHERE (id, r_id) IN (VALUES (3, 5), (4, 9))"), 2);
  EXPECT_EQ(query_int(r,
                      "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'r' AND"
                      " name IN ('r_one_a', 'r_no_update', 'r_no_delete')"),
            3);
  EXPECT_EQ(query_int(r, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'warmcity_rebuild%'"),
            0);
  EXPECT_EQ(query_int(r, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
  EXPECT_EQ(
      query_int(r, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);

  // The new value is allowed, the rest of the rules hold as before.
  EXPECT_TRUE(write_sql(d, "INSERT INTO r (kind, ref) VALUES ('c', 10)").ok());
  EXPECT_EQ(write_sql(d, "INSERT INTO r (kind) VALUES ('z')").code(), Code::kConflict);
  EXPECT_EQ(write_sql(d, "INSERT INTO r (kind, note) VALUES ('a', 'too long a note')").code(),
            Code::kConflict);
  EXPECT_EQ(write_sql(d, "INSERT INTO r (kind, ref) VALUES ('a', 10)").code(), Code::kConflict)
      << "the partial unique index";
  EXPECT_TRUE(write_sql(d, "INSERT INTO r (kind, ref) VALUES ('b', 10)").ok());
  EXPECT_FALSE(write_sql(d, "UPDATE r SET note = 'x' WHERE id = 1").ok()) << "append-only";
  EXPECT_FALSE(write_sql(d, "DELETE FROM r WHERE id = 10").ok()) << "append-only";
  EXPECT_EQ(write_sql(d, "INSERT INTO d (r_id) VALUES (999)").code(), Code::kConflict);
  EXPECT_EQ(write_sql(d, "INSERT INTO r (kind, parent_id) VALUES ('b', 999)").code(),
            Code::kConflict);
  EXPECT_EQ(query_int(r, "SELECT count(*) FROM r"), 6);

  // The writer is as before: keys on, checked at once again.
  int64_t foreign_keys = -1, deferred = -1;
  ASSERT_TRUE(d.write([&](Connection& c) {
                 foreign_keys = query_int(c, "PRAGMA foreign_keys");
                 deferred = query_int(c, "PRAGMA defer_foreign_keys");
                 return Status::Ok();
               }).ok());
  EXPECT_EQ(foreign_keys, 1);
  EXPECT_EQ(deferred, 0);
}

TEST_F(store_migrations, ChangeCheckAppliesOnce) {
  {
    auto db = open({kLedger1, kLedger2});
    ASSERT_TRUE(db.ok()) << db.status().message();
  }
  auto db = open({kLedger1, kLedger2});
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ(query_int((*db)->reader(), "SELECT count(*) FROM r"), 4);
}

// A key the migration breaks (checked at its COMMIT, the keys being
// deferred) fails it whole: the table's old CHECK is back.
TEST_F(store_migrations, ChangeCheckWithABrokenKeyRollsBack) {
  {
    auto db = open({kLedger1});
    ASSERT_TRUE(db.ok()) << db.status().message();
  }
  const Migration broken{"ledger", 2,
                         "{{change_check:r.kind:kind IN ('a', 'b') => kind IN ('a', 'b', 'c')}};"
                         "INSERT INTO d (r_id) VALUES (999);"};
  auto bad = open({kLedger1, broken});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("ledger v2"), std::string::npos) << bad.status().message();

  auto db = open({kLedger1});
  ASSERT_TRUE(db.ok()) << db.status().message();
  Connection& r = (*db)->reader();
  EXPECT_EQ(query_int(r, "SELECT max(version) FROM schema_migrations WHERE module = 'ledger'"), 1);
  EXPECT_EQ(query_int(r, "SELECT count(*) FROM d"), 2);
  EXPECT_EQ(query_int(r, "SELECT count(*) FROM sqlite_schema WHERE name = 'r_one_a'"), 1);
  EXPECT_EQ(write_sql(**db, "INSERT INTO r (kind) VALUES ('c')").code(), Code::kConflict);
}

TEST_F(store_migrations, ChangeCheckRefusesATableThatIsNotAsExpected) {
  {
    auto db = open({kLedger1});
    ASSERT_TRUE(db.ok()) << db.status().message();
  }
  const Migration other{"ledger", 2, "{{change_check:r.kind:kind IN ('a') => kind IN ('c')}};"};
  auto bad = open({kLedger1, other});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("not what the migration expects"), std::string::npos)
      << bad.status().message();
  const Migration missing{"ledger", 2, "{{change_check:q.kind:kind IN ('a') => kind IN ('c')}};"};
  auto none = open({kLedger1, missing});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("no table q"), std::string::npos)
      << none.status().message();
}

// The rebuild's DROP TABLE deletes every row first, which would run another
// table's ON DELETE CASCADE / SET NULL: refused, nothing touched.
TEST_F(store_migrations, ChangeCheckRefusesATableWithCascadingChildren) {
  const Migration v1{"casc", 1,
                     "CREATE TABLE p (id {{id}}, s TEXT CHECK (s IN ('a')));"
                     "CREATE TABLE c (id {{id}}, p_id BIGINT REFERENCES p(id) ON DELETE CASCADE);"
                     "INSERT INTO p (id, s) VALUES (1, 'a');"
                     "INSERT INTO c (p_id) VALUES (1);"};
  const Migration v2{"casc", 2, "{{change_check:p.s:s IN ('a') => s IN ('a', 'b')}};"};
  auto bad = open({v1, v2});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("ON DELETE CASCADE"), std::string::npos)
      << bad.status().message();
  auto db = open({v1});
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ(query_int((*db)->reader(), "SELECT count(*) FROM c"), 1);
}

// {{guard_updates:TABLE:CONDITION}} on SQLite: an UPDATE passes only when
// CONDITION is true (NULL-safe where it says IS NOT DISTINCT FROM); false,
// NULL and any DELETE fail with RAISE(ABORT), which the store reports as
// kConflict, and change nothing.
const Migration kGuard1{
    "guard", 1,
    "CREATE TABLE g (id {{id}}, state TEXT NOT NULL CHECK (state IN ('open', 'done')), n BIGINT,"
    " note TEXT, by_id BIGINT);"
    "INSERT INTO g (state, n, note) VALUES ('open', 5, 'a'), ('open', NULL, 'b');"
    "{{guard_updates:g:OLD.state = 'open' AND NEW.state = 'done' AND NEW.by_id > 0"
    " AND NEW.id IS NOT DISTINCT FROM OLD.id AND NEW.n IS NOT DISTINCT FROM OLD.n"
    " AND NEW.note IS NOT DISTINCT FROM OLD.note}};"};

TEST_F(store_migrations, GuardUpdatesAllowsOnlyTheConditionsChangeAndNoDelete) {
  auto db = open({kGuard1});
  ASSERT_TRUE(db.ok()) << db.status().message();
  Database& d = **db;
  Connection& r = d.reader();
  auto refused = [&](const std::string& sql, const std::string& says) {
    const Status s = write_sql(d, sql);
    EXPECT_EQ(s.code(), Code::kConflict) << sql << ": " << s.message();
    EXPECT_NE(s.message().find(says), std::string::npos) << sql << ": " << s.message();
  };
  const std::string not_allowed = "g: this change is not allowed";
  EXPECT_TRUE(write_sql(d, "UPDATE g SET state = 'done', by_id = 7 WHERE id = 1").ok());
  refused("UPDATE g SET state = 'done', by_id = 8 WHERE id = 1", not_allowed);  // again
  refused("UPDATE g SET n = 6 WHERE id = 2", not_allowed);
  refused("UPDATE g SET state = 'done', by_id = 3, note = 'c' WHERE id = 2", not_allowed);
  // NEW.by_id > 0 is NULL here, so CONDITION is NULL: refused like false.
  EXPECT_EQ(query_int(r,
                      "SELECT COUNT(*) FROM g WHERE id = 2 AND (state = 'open' AND 'done' = 'done'"
                      " AND by_id > 0) IS NULL"),
            1);
  refused("UPDATE g SET state = 'done' WHERE id = 2", not_allowed);
  // One row refused fails the whole statement.
  refused("UPDATE g SET state = 'done', by_id = 9", not_allowed);
  refused("DELETE FROM g WHERE id = 2", "g rows are never deleted");
  refused("DELETE FROM g", "g rows are never deleted");
  EXPECT_EQ(query_int(r, "SELECT COUNT(*) FROM g"), 2);
  EXPECT_EQ(query_int(r,
                      "SELECT COUNT(*) FROM g WHERE id = 1 AND state = 'done' AND by_id = 7"
                      " AND n = 5 AND note = 'a'"),
            1);
  EXPECT_EQ(query_int(r,
                      "SELECT COUNT(*) FROM g WHERE id = 2 AND state = 'open' AND by_id IS NULL"
                      " AND n IS NULL AND note = 'b'"),
            1);
  // NULL IS NOT DISTINCT FROM NULL: row 2's own change passes.
  EXPECT_TRUE(write_sql(d, "UPDATE g SET state = 'done', by_id = 3 WHERE id = 2").ok());
  EXPECT_EQ(query_int(r, "SELECT COUNT(*) FROM g WHERE state = 'done'"), 2);
}

// A later {{change_check:…}} rebuilds the table on SQLite: its rows come
// back (the DROP TABLE drops the triggers before its implicit DELETE) and
// the guard is made again with them.
TEST_F(store_migrations, GuardUpdatesSurvivesAChangeCheckRebuild) {
  const Migration more{"guard", 2,
                       "{{change_check:g.state:state IN ('open', 'done') => state IN ('open', "
                       "'done', 'lost')}};"};
  auto db = open({kGuard1, more});
  ASSERT_TRUE(db.ok()) << db.status().message();
  Database& d = **db;
  EXPECT_EQ(query_int(d.reader(), "SELECT COUNT(*) FROM g"), 2);
  EXPECT_EQ(query_int(d.reader(),
                      "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger'"
                      " AND name IN ('g_no_delete', 'g_guard_update')"),
            2);
  EXPECT_EQ(write_sql(d, "DELETE FROM g").code(), Code::kConflict);
  EXPECT_EQ(write_sql(d, "UPDATE g SET n = 1").code(), Code::kConflict);
  EXPECT_TRUE(write_sql(d, "UPDATE g SET state = 'done', by_id = 1 WHERE id = 1").ok());
  EXPECT_EQ(query_int(d.reader(), "SELECT COUNT(*) FROM g"), 2);
}

// A CONDITION naming a column the table does not have fails the migration
// that writes it, not a later UPDATE.
TEST_F(store_migrations, GuardUpdatesWithAMisspeltColumnFailsTheMigration) {
  const Migration typo{"guard", 2, "{{guard_updates:g:NEW.stat = 'done'}};"};
  auto bad = open({kGuard1, typo});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("guard v2"), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("NEW.stat"), std::string::npos) << bad.status().message();
  auto db = open({kGuard1});
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ(query_int((*db)->reader(), "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger'"),
            2);
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
