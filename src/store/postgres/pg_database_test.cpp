// The engine-neutral Database (writer with group commit, migrations, schema
// tokens) on PostgreSQL, through store::Database::open with a URL.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <vector>

#include "store/database.h"
#include "store/postgres/pg_test_util.h"

namespace warmcity::store {
namespace {

using pg_testing::ScratchDatabase;

std::vector<Migration> migrations(int upto) {
  std::vector<Migration> all = {
      {"pgtest", 1,
       "CREATE TABLE item (id {{id}}, name TEXT NOT NULL UNIQUE, qty BIGINT NOT NULL"
       " CHECK (qty >= 0));"
       "CREATE TABLE ledger (id {{id}}, entry TEXT NOT NULL, body TEXT {{json_check:body}});"
       "{{append_only:ledger}}"},
      {"pgtest", 2, "CREATE TABLE pair (a BIGINT, b BIGINT, PRIMARY KEY (a, b)) {{without_rowid}}"},
      {"pgtest", 3, "ALTER TABLE item ADD COLUMN note TEXT"},
  };
  all.resize(static_cast<size_t>(upto));
  return all;
}

int64_t count(Database& db, const std::string& sql) {
  Result<Statement> q = db.reader().prepare(sql);
  EXPECT_TRUE(q.ok()) << q.status().message();
  if (!q.ok()) return -1;
  Result<bool> row = q->step();
  EXPECT_TRUE(row.ok() && *row) << row.status().message();
  return row.ok() && *row ? q->column_int64(0) : -1;
}

Status insert_item(Connection& c, const std::string& name, int64_t qty, int64_t* id = nullptr) {
  Result<Statement> ins = c.prepare("INSERT INTO item (name, qty) VALUES (?, ?) RETURNING id");
  if (!ins.ok()) return ins.status();
  ins->bind(1, name).bind(2, qty);
  Result<bool> row = ins->step();
  if (!row.ok()) return row.status();
  if (id != nullptr) *id = ins->column_int64(0);
  return Status::Ok();
}

TEST(PgDatabase, MigrationsApplyOnceAndANewerSchemaIsRefused) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  {
    Result<std::unique_ptr<Database>> db = Database::open({scratch.url()}, migrations(2));
    ASSERT_TRUE(db.ok()) << db.status().message();
    EXPECT_EQ((*db)->engine(), Engine::kPostgres);
    EXPECT_EQ((*db)->describe().find(":s3cret"), std::string::npos);
    EXPECT_EQ(count(**db, "SELECT COUNT(*) FROM schema_migrations WHERE module = 'pgtest'"), 2);
  }
  {
    Result<std::unique_ptr<Database>> db = Database::open({scratch.url()}, migrations(3));
    ASSERT_TRUE(db.ok()) << db.status().message();
    EXPECT_EQ(count(**db, "SELECT COUNT(*) FROM schema_migrations WHERE module = 'pgtest'"), 3);
    EXPECT_EQ(count(**db,
                    "SELECT COUNT(*) FROM information_schema.columns"
                    " WHERE table_name = 'item' AND column_name = 'note'"),
              1);
  }
  Result<std::unique_ptr<Database>> older = Database::open({scratch.url()}, migrations(2));
  ASSERT_FALSE(older.ok());
  EXPECT_NE(older.status().message().find("refusing"), std::string::npos)
      << older.status().message();
}

TEST(PgDatabase, TwoOpeningAtOnceMigrateOnce) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  std::vector<std::future<Status>> opens;
  for (int i = 0; i < 4; ++i) {
    opens.push_back(std::async(std::launch::async, [&] {
      Result<std::unique_ptr<Database>> db = Database::open({scratch.url()}, migrations(3));
      return db.status();
    }));
  }
  for (auto& f : opens) {
    const Status s = f.get();
    EXPECT_TRUE(s.ok()) << s.message();
  }
  Result<std::unique_ptr<Database>> db = Database::open({scratch.url()}, migrations(3));
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ(count(**db, "SELECT COUNT(*) FROM schema_migrations WHERE module = 'pgtest'"), 3);
}

TEST(PgDatabase, SchemaTokens) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  Result<std::unique_ptr<Database>> db = Database::open({scratch.url()}, migrations(3));
  ASSERT_TRUE(db.ok()) << db.status().message();
  int64_t first = 0, second = 0;
  ASSERT_TRUE((*db)->write([&](Connection& c) { return insert_item(c, "a", 1, &first); }).ok());
  ASSERT_TRUE((*db)->write([&](Connection& c) { return insert_item(c, "b", 1, &second); }).ok());
  EXPECT_GT(first, 0);
  EXPECT_EQ(second, first + 1) << "{{id}} numbers rows";

  auto run = [&](const std::string& sql) {
    return (*db)->write([sql](Connection& c) { return c.exec(sql); });
  };
  ASSERT_TRUE(run("INSERT INTO ledger (entry, body) VALUES ('opened', '{\"n\": 1}')").ok());
  EXPECT_FALSE(run("INSERT INTO ledger (entry, body) VALUES ('bad', '{not json')").ok());
  const Status update = run("UPDATE ledger SET entry = 'changed'");
  EXPECT_FALSE(update.ok());
  EXPECT_NE(update.message().find("append-only"), std::string::npos) << update.message();
  EXPECT_FALSE(run("DELETE FROM ledger").ok());
  EXPECT_EQ(count(**db, "SELECT COUNT(*) FROM ledger WHERE entry = 'opened'"), 1);
  ASSERT_TRUE(run("INSERT INTO pair (a, b) VALUES (1, 2)").ok());
  EXPECT_EQ(run("INSERT INTO pair (a, b) VALUES (1, 2)").code(), Code::kConflict);
}

// {{check_domains:TABLE}}: each single-column CHECK becomes a domain's under
// its own name, on rows already there; the others stay table checks; every
// rule holds as before, for INSERT and UPDATE, with the constraint's name.
TEST(PgDatabase, CheckDomainsKeepEveryRule) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  const std::vector<Migration> steps = {
      {"pgdom", 1,
       "CREATE TABLE job (id {{id}},"
       " state TEXT NOT NULL CHECK (state IN ('open', 'done')),"
       " tries BIGINT NOT NULL DEFAULT 0 CHECK (tries BETWEEN 0 AND 3),"
       " body TEXT NOT NULL DEFAULT '{}' {{json_check:body}},"
       " lat DOUBLE PRECISION CHECK (lat BETWEEN -90 AND 90),"
       " kind TEXT CONSTRAINT job_kind_named CHECK (kind <> 'kind'),"
       " done_at BIGINT, CHECK ((state = 'done') = (done_at IS NOT NULL)));"
       "CREATE INDEX job_open ON job(id) WHERE state <> 'done';"
       "INSERT INTO job (state, tries, body, lat) VALUES ('open', 1, '[1]', 37.5);"},
      {"pgdom", 2, "{{check_domains:job}};"}};
  Result<std::unique_ptr<Database>> db = Database::open({scratch.url()}, steps);
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ(count(**db, "SELECT COUNT(*) FROM job WHERE state = 'open' AND body = '[1]'"), 1);
  EXPECT_EQ(count(**db,
                  "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'job'"
                  " AND domain_name IN ('job_state_value', 'job_tries_value',"
                  " 'job_body_value', 'job_lat_value')"),
            4);
  // Left on the table: the two-column check, and the one whose literal
  // holds its column's name.
  EXPECT_EQ(count(**db,
                  "SELECT COUNT(*) FROM pg_constraint WHERE conrelid = 'job'::regclass"
                  " AND contype = 'c'"),
            2);
  EXPECT_EQ(count(**db,
                  "SELECT COUNT(*) FROM pg_constraint WHERE conrelid = 'job'::regclass"
                  " AND conname = 'job_kind_named'"),
            1);

  auto run = [&](const std::string& sql) {
    return (*db)->write([sql](Connection& c) { return c.exec(sql); });
  };
  auto insert = [&](const std::string& state, int64_t tries, const std::string& body, double lat) {
    return (*db)->write([=](Connection& c) {
      Result<Statement> s =
          c.prepare("INSERT INTO job (state, tries, body, lat, done_at) VALUES (?, ?, ?, ?, ?)");
      if (!s.ok()) return s.status();
      s->bind(1, state).bind(2, tries).bind(3, body).bind(4, lat);
      if (state == "done") {
        s->bind(5, int64_t{1});
      } else {
        s->bind_null(5);
      }
      return s->run();
    });
  };
  for (int i = 0; i < 3; ++i) {  // the same prepared statement, again and again
    EXPECT_TRUE(insert("open", 0, "{}", 0).ok());
    EXPECT_TRUE(insert("done", 3, "{\"a\": [1]}", -90).ok());
  }
  const Status state = insert("lost", 0, "{}", 0);
  EXPECT_EQ(state.code(), Code::kConflict) << state.message();
  EXPECT_NE(state.message().find("job_state_check"), std::string::npos) << state.message();
  EXPECT_EQ(insert("open", 4, "{}", 0).code(), Code::kConflict);
  EXPECT_EQ(insert("open", -1, "{}", 0).code(), Code::kConflict);
  EXPECT_FALSE(insert("open", 0, "{not json", 0).ok());
  EXPECT_EQ(insert("open", 0, "{}", 90.5).code(), Code::kConflict);
  EXPECT_EQ(run("UPDATE job SET state = 'lost'").code(), Code::kConflict);
  EXPECT_EQ(run("UPDATE job SET tries = tries + 5").code(), Code::kConflict);
  EXPECT_EQ(run("UPDATE job SET done_at = 5 WHERE state = 'open'").code(), Code::kConflict);
  EXPECT_EQ(run("INSERT INTO job (state, kind) VALUES ('open', 'kind')").code(), Code::kConflict);
  EXPECT_EQ(count(**db, "SELECT COUNT(*) FROM job"), 7);
  // Text and numbers compare and sort as before; the partial index still serves.
  EXPECT_EQ(count(**db, "SELECT COUNT(*) FROM job WHERE state <> 'done' AND tries < 1"), 3);
  EXPECT_EQ(count(**db, "SELECT COUNT(*) FROM job WHERE state || '' = 'done'"), 3);
}

// {{change_check:TABLE.COLUMN:OLD => NEW}}: the constraint changed where it
// is, on the column's domain ({{check_domains:…}}, r and the long-named
// table, whose names PostgreSQL cut) or on the table (s); the rows, the
// index and the keys stay, the new rule holds with the constraint's name.
TEST(PgDatabase, ChangeCheckChangesTheDomainOrTheTable) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  const std::string lt = "a_table_whose_name_is_long_enough_to_cut";  // 40
  const std::string lc = "a_column_named_at_length_thirty";           // 31
  const std::vector<Migration> steps = {
      {"pgchange", 1,
       "CREATE TABLE r (id {{id}}, kind TEXT NOT NULL CHECK (kind IN ('a', 'b')), ref BIGINT,"
       " parent_id BIGINT REFERENCES r(id));"
       "{{check_domains:r}};"
       "CREATE UNIQUE INDEX r_one_a ON r (ref) WHERE kind = 'a';"
       "CREATE TABLE d (id {{id}}, r_id BIGINT NOT NULL REFERENCES r(id));"
       "CREATE TABLE s (id {{id}}, state TEXT NOT NULL CHECK (state IN ('open', 'done')));"
       "CREATE TABLE " +
           lt + " (id {{id}}, " + lc + " BIGINT CHECK (" + lc + " > 0));{{check_domains:" + lt +
           "}};"
           "INSERT INTO r (kind, ref) VALUES ('a', 10);"
           "INSERT INTO r (kind, ref, parent_id) VALUES ('b', 10, 1);"
           "INSERT INTO d (r_id) VALUES (2);"
           "INSERT INTO s (state) VALUES ('open');"
           "INSERT INTO " +
           lt + " (" + lc + ") VALUES (1);"},
      {"pgchange", 2,
       "{{change_check:r.kind:kind IN ('a', 'b') => kind IN ('a', 'b', 'c')}};"
       "INSERT INTO r (kind, ref, parent_id) VALUES ('c', 12, 2);"
       "{{change_check:s.state:state IN ('open', 'done') => state IN ('open', 'done', 'lost')}};"
       "INSERT INTO s (state) VALUES ('lost');"
       "{{change_check:" +
           lt + "." + lc + ":" + lc + " > 0 => " + lc + " >= 0}};"}};
  Result<std::unique_ptr<Database>> db = Database::open({scratch.url()}, steps);
  ASSERT_TRUE(db.ok()) << db.status().message();
  Database& d = **db;
  EXPECT_EQ(count(d, "SELECT COUNT(*) FROM r"), 3);
  EXPECT_EQ(count(d, "SELECT COUNT(*) FROM r WHERE kind = 'c' AND parent_id = 2"), 1);
  EXPECT_EQ(count(d, "SELECT COUNT(*) FROM s"), 2);
  EXPECT_EQ(count(d,
                  "SELECT COUNT(*) FROM pg_constraint WHERE contypid = 'r_kind_value'::regtype"
                  " AND conname = 'r_kind_check' AND pg_get_constraintdef(oid) LIKE '%''c''%'"),
            1);
  EXPECT_EQ(count(d,
                  "SELECT COUNT(*) FROM pg_constraint WHERE conrelid = 'r'::regclass"
                  " AND contype = 'c'"),
            0)
      << "r's check stays in the domain";
  EXPECT_EQ(count(d,
                  "SELECT COUNT(*) FROM pg_constraint WHERE conrelid = 's'::regclass"
                  " AND conname = 's_state_check' AND pg_get_constraintdef(oid) LIKE '%lost%'"),
            1);
  EXPECT_EQ(
      count(d,
            "SELECT COUNT(*) FROM pg_constraint WHERE contype = 'c' AND contypid <> 0 AND conname ="
            " 'a_table_whose_name_is_long_e_a_column_named_at_length_thi_check'"
            " AND pg_get_constraintdef(oid) LIKE '%>= 0%'"),
      1)
      << "on the domain, under the name PostgreSQL gave it";
  EXPECT_EQ(count(d, "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'r_one_a'"), 1);

  auto run = [&](const std::string& sql) {
    return d.write([sql](Connection& c) { return c.exec(sql); });
  };
  EXPECT_TRUE(run("INSERT INTO r (kind, ref) VALUES ('c', 10)").ok());
  const Status outside = run("INSERT INTO r (kind) VALUES ('z')");
  EXPECT_EQ(outside.code(), Code::kConflict) << outside.message();
  EXPECT_NE(outside.message().find("r_kind_check"), std::string::npos) << outside.message();
  EXPECT_NE(outside.message().find("23514"), std::string::npos) << outside.message();
  EXPECT_EQ(run("UPDATE r SET kind = 'z' WHERE id = 1").code(), Code::kConflict);
  EXPECT_EQ(run("INSERT INTO r (kind, ref) VALUES ('a', 10)").code(), Code::kConflict)
      << "the partial unique index";
  EXPECT_EQ(run("INSERT INTO r (kind, parent_id) VALUES ('b', 999)").code(), Code::kConflict);
  EXPECT_EQ(run("INSERT INTO d (r_id) VALUES (999)").code(), Code::kConflict);
  EXPECT_TRUE(run("INSERT INTO s (state) VALUES ('done')").ok());
  const Status s_outside = run("INSERT INTO s (state) VALUES ('gone')");
  EXPECT_EQ(s_outside.code(), Code::kConflict) << s_outside.message();
  EXPECT_NE(s_outside.message().find("s_state_check"), std::string::npos) << s_outside.message();
  EXPECT_TRUE(run("INSERT INTO " + lt + " (" + lc + ") VALUES (0)").ok());
  EXPECT_EQ(run("INSERT INTO " + lt + " (" + lc + ") VALUES (-1)").code(), Code::kConflict);
}

// A NEW the rows already there break fails the migration whole.
TEST(PgDatabase, ChangeCheckThatRowsBreakRollsBack) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  const Migration v1{"pgchange", 1,
                     "CREATE TABLE r (id {{id}}, kind TEXT NOT NULL CHECK (kind IN ('a', 'b')));"
                     "{{check_domains:r}};"
                     "INSERT INTO r (kind) VALUES ('a'), ('b');"};
  const Migration v2{"pgchange", 2, "{{change_check:r.kind:kind IN ('a', 'b') => kind IN ('a')}};"};
  Result<std::unique_ptr<Database>> bad = Database::open({scratch.url()}, {v1, v2});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("pgchange v2"), std::string::npos)
      << bad.status().message();
  Result<std::unique_ptr<Database>> db = Database::open({scratch.url()}, {v1});
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ(count(**db, "SELECT MAX(version) FROM schema_migrations WHERE module = 'pgchange'"), 1);
  EXPECT_TRUE(
      (*db)->write([](Connection& c) { return c.exec("INSERT INTO r (kind) VALUES ('b')"); }).ok());
}

// {{guard_updates:TABLE:CONDITION}} on PostgreSQL: an UPDATE passes only when
// CONDITION is true (NULL-safe where it says IS NOT DISTINCT FROM); false,
// NULL, any DELETE and TRUNCATE fail with the function's RAISE EXCEPTION
// (SQLSTATE P0001, which the store reports as kInternal) and change nothing.
const Migration kGuard1{
    "pgguard", 1,
    "CREATE TABLE g (id {{id}}, state TEXT NOT NULL CHECK (state IN ('open', 'done')), n BIGINT,"
    " note TEXT, by_id BIGINT);"
    "{{check_domains:g}};"
    "INSERT INTO g (state, n, note) VALUES ('open', 5, 'a'), ('open', NULL, 'b');"
    "{{guard_updates:g:OLD.state = 'open' AND NEW.state = 'done' AND NEW.by_id > 0"
    " AND NEW.id IS NOT DISTINCT FROM OLD.id AND NEW.n IS NOT DISTINCT FROM OLD.n"
    " AND NEW.note IS NOT DISTINCT FROM OLD.note}};"};

TEST(PgDatabase, GuardUpdatesAllowsOnlyTheConditionsChangeAndNoDelete) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  Result<std::unique_ptr<Database>> db = Database::open({scratch.url()}, {kGuard1});
  ASSERT_TRUE(db.ok()) << db.status().message();
  Database& d = **db;
  auto run = [&](const std::string& sql) {
    return d.write([sql](Connection& c) { return c.exec(sql); });
  };
  auto refused = [&](const std::string& sql, const std::string& says) {
    const Status s = run(sql);
    EXPECT_EQ(s.code(), Code::kInternal) << sql << ": " << s.message();
    EXPECT_NE(s.message().find(says), std::string::npos) << sql << ": " << s.message();
    EXPECT_NE(s.message().find("SQLSTATE P0001"), std::string::npos) << sql << ": " << s.message();
  };
  const std::string not_allowed = "g: this change is not allowed";
  EXPECT_TRUE(run("UPDATE g SET state = 'done', by_id = 7 WHERE id = 1").ok());
  refused("UPDATE g SET state = 'done', by_id = 8 WHERE id = 1", not_allowed);  // again
  refused("UPDATE g SET n = 6 WHERE id = 2", not_allowed);
  refused("UPDATE g SET state = 'done', by_id = 3, note = 'c' WHERE id = 2", not_allowed);
  // NEW.by_id > 0 is NULL here, so CONDITION is NULL: refused like false.
  EXPECT_EQ(count(d,
                  "SELECT COUNT(*) FROM g WHERE id = 2 AND (state = 'open' AND 'done' = 'done'"
                  " AND by_id > 0) IS NULL"),
            1);
  refused("UPDATE g SET state = 'done' WHERE id = 2", not_allowed);
  // One row refused fails the whole statement.
  refused("UPDATE g SET state = 'done', by_id = 9", not_allowed);
  refused("DELETE FROM g WHERE id = 2", "g rows are never deleted");
  refused("DELETE FROM g", "g rows are never deleted");
  refused("TRUNCATE g", "g rows are never deleted");
  EXPECT_EQ(count(d, "SELECT COUNT(*) FROM g"), 2);
  EXPECT_EQ(count(d,
                  "SELECT COUNT(*) FROM g WHERE id = 1 AND state = 'done' AND by_id = 7"
                  " AND n = 5 AND note = 'a'"),
            1);
  EXPECT_EQ(count(d,
                  "SELECT COUNT(*) FROM g WHERE id = 2 AND state = 'open' AND by_id IS NULL"
                  " AND n IS NULL AND note = 'b'"),
            1);
  // NULL IS NOT DISTINCT FROM NULL: row 2's own change passes; the table's
  // CHECK (on its domain) still holds.
  EXPECT_EQ(run("UPDATE g SET state = 'lost', by_id = 3 WHERE id = 2").code(), Code::kConflict);
  EXPECT_TRUE(run("UPDATE g SET state = 'done', by_id = 3 WHERE id = 2").ok());
  EXPECT_EQ(count(d, "SELECT COUNT(*) FROM g WHERE state = 'done'"), 2);
}

// A CONDITION naming a column the table does not have, or one that is not
// boolean, fails the migration that writes it, not a later UPDATE.
TEST(PgDatabase, GuardUpdatesWithAMisspeltColumnFailsTheMigration) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  const Migration typo{"pgguard", 2, "{{guard_updates:g:NEW.stat = 'done'}};"};
  Result<std::unique_ptr<Database>> bad = Database::open({scratch.url()}, {kGuard1, typo});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("pgguard v2"), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("new.stat"), std::string::npos) << bad.status().message();
  const Migration not_boolean{"pgguard", 2, "{{guard_updates:g:NEW.n}};"};
  Result<std::unique_ptr<Database>> bad2 = Database::open({scratch.url()}, {kGuard1, not_boolean});
  ASSERT_FALSE(bad2.ok());
  EXPECT_NE(bad2.status().message().find("boolean"), std::string::npos) << bad2.status().message();
  Result<std::unique_ptr<Database>> db = Database::open({scratch.url()}, {kGuard1});
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ(count(**db,
                  "SELECT COUNT(*) FROM pg_trigger WHERE tgrelid = 'g'::regclass"
                  " AND NOT tgisinternal"),
            2);
}

TEST(PgDatabase, GroupCommitRollsBackOnlyTheFailingJob) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  Result<std::unique_ptr<Database>> db = Database::open({scratch.url()}, migrations(3));
  ASSERT_TRUE(db.ok()) << db.status().message();
  Database& d = **db;

  // A first job holds the writer until everything else is queued, so that
  // the rest runs in as few transactions as the batch cap allows.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  d.submit(
      [&](Connection&) {
        started.set_value();
        released.wait();
        return Status::Ok();
      },
      nullptr);
  started.get_future().wait();
  const uint64_t commits_before = d.stats().commits;

  constexpr int kJobs = 200;
  constexpr int kBad = 77;  // writes a row, then breaks a constraint
  std::mutex mu;
  std::vector<Status> results(kJobs);
  std::atomic<int> done{0};
  std::promise<void> all_done;
  for (int i = 0; i < kJobs; ++i) {
    d.submit(
        [i](Connection& c) {
          Status s = insert_item(c, "item" + std::to_string(i), i);
          if (s.ok() && i == kBad) s = insert_item(c, "item0", 1);  // unique → kConflict
          return s;
        },
        [&, i](const Status& s) {
          {
            std::lock_guard<std::mutex> lock(mu);
            results[static_cast<size_t>(i)] = s;
          }
          if (++done == kJobs) all_done.set_value();
        });
  }
  release.set_value();
  all_done.get_future().wait();

  ASSERT_EQ(results.size(), static_cast<size_t>(kJobs));
  for (int i = 0; i < kJobs; ++i) {
    if (i == kBad) {
      EXPECT_EQ(results[i].code(), Code::kConflict) << results[i].message();
    } else {
      EXPECT_TRUE(results[i].ok()) << i << ": " << results[i].message();
    }
  }
  // The held job's batch, then the 200 others in transactions of at most 63
  // jobs (the PostgreSQL backend's cap: 63, 63, 63, 11).
  const WriterStats stats = d.stats();
  EXPECT_EQ(stats.commits - commits_before, 1u + 4u);
  for (int b = 5; b < WriterStats::kBuckets; ++b) {
    EXPECT_EQ(stats.batch_buckets[b], 0u) << "a batch above 64 jobs, bucket " << b;
  }
  EXPECT_GE(stats.batch_buckets[4], 3u) << "the three full batches of 63";
  EXPECT_EQ(count(d, "SELECT COUNT(*) FROM item"), kJobs - 1);
  EXPECT_EQ(count(d, "SELECT COUNT(*) FROM item WHERE name = 'item77'"), 0)
      << "the failing job's first row went with its savepoint";
}

TEST(PgDatabase, ReadersSeeCommittedWritesAndCannotWrite) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  Result<std::unique_ptr<Database>> db = Database::open({scratch.url()}, migrations(3));
  ASSERT_TRUE(db.ok()) << db.status().message();
  ASSERT_TRUE((*db)->write([](Connection& c) { return insert_item(c, "x", 3); }).ok());
  EXPECT_EQ(count(**db, "SELECT SUM(qty) FROM item"), 3);
  EXPECT_FALSE((*db)->reader().exec("DELETE FROM item").ok());
  EXPECT_FALSE((*db)->backup_to("/tmp/never.db").ok());
}

}  // namespace
}  // namespace warmcity::store
