// Deferred statements on PostgreSQL (pg_session.h, "Deferred statements";
// Connection::defer_rowless_statements): a write job's statements that return
// no rows travel with its next statement or at its end, and a failure among
// them fails that job alone, in the same group-committed transaction as its
// neighbours, never the job after it.
#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/postgres/pg_test_util.h"

namespace warmcity::store {
namespace {

using pg_testing::ScratchDatabase;

std::vector<Migration> migrations() {
  return {{"pgdefer", 1,
           "CREATE TABLE item (id {{id}}, name TEXT NOT NULL UNIQUE, qty BIGINT NOT NULL"
           " CHECK (qty >= 0))"}};
}

int64_t count(Database& db, const std::string& sql) {
  Result<Statement> q = db.reader().prepare(sql);
  EXPECT_TRUE(q.ok()) << q.status().message();
  if (!q.ok()) return -1;
  Result<bool> row = q->step();
  EXPECT_TRUE(row.ok() && *row) << row.status().message();
  return row.ok() && *row ? q->column_int64(0) : -1;
}

// An INSERT with no RETURNING: deferred in a job that allows it.
Status add(Connection& c, const std::string& name, int64_t qty) {
  Result<Statement> ins = c.prepare("INSERT INTO item (name, qty) VALUES (?, ?)");
  if (!ins.ok()) return ins.status();
  ins->bind(1, name).bind(2, qty);
  return ins->run();
}

Result<int64_t> qty_of(Connection& c, const std::string& name) {
  Result<Statement> q = c.prepare("SELECT qty FROM item WHERE name = ?");
  if (!q.ok()) return q.status();
  q->bind(1, name);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound(name);
  return q->column_int64(0);
}

std::unique_ptr<Database> open_db(const ScratchDatabase& scratch) {
  Result<std::unique_ptr<Database>> db = Database::open({scratch.url()}, migrations());
  EXPECT_TRUE(db.ok()) << db.status().message();
  return db.ok() ? std::move(*db) : nullptr;
}

TEST(PgDeferred, AFailingDeferredStatementFailsOnlyItsOwnJob) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  std::unique_ptr<Database> db = open_db(scratch);
  ASSERT_TRUE(db);

  // A first job holds the writer until the rest is queued: they then share
  // one transaction.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  db->submit(
      [&](Connection&) {
        started.set_value();
        released.wait();
        return Status::Ok();
      },
      nullptr);
  started.get_future().wait();
  const uint64_t commits_before = db->stats().commits;

  // Job 3 breaks the CHECK with its last statement (found at the job's end),
  // job 6 with one followed by a read (which answers the failure); each
  // first writes a good row that must go with its savepoint.
  constexpr int kJobs = 10;
  constexpr int kFailsAtEnd = 3;
  constexpr int kFailsAtRead = 6;
  std::mutex mu;
  std::vector<Status> results(kJobs);
  std::vector<Status> bad_run(kJobs);  // what the failing INSERT's run() said
  std::vector<Status> read_after(kJobs);
  std::promise<void> all_done;
  int done = 0;
  for (int i = 0; i < kJobs; ++i) {
    db->submit(
        [&, i](Connection& c) {
          c.defer_rowless_statements();
          const std::string name = "item" + std::to_string(i);
          if (Status s = add(c, name, i); !s.ok()) return s;
          if (i == kFailsAtEnd || i == kFailsAtRead) {
            bad_run[i] = add(c, name + "-bad", -1);
            if (!bad_run[i].ok()) return bad_run[i];
          }
          if (i == kFailsAtRead) {
            Result<int64_t> q = qty_of(c, name);
            read_after[i] = q.status();
            if (!q.ok()) return q.status();
          }
          // The next job's rows are its own: a neighbour's failure never shows here.
          if (i == kFailsAtEnd + 1 || i == kFailsAtRead + 1) {
            Result<int64_t> q = qty_of(c, name);
            if (!q.ok()) return q.status();
            if (*q != i) return Status::Internal("read back " + std::to_string(*q));
          }
          return Status::Ok();
        },
        [&, i](const Status& s) {
          std::lock_guard<std::mutex> lock(mu);
          results[i] = s;
          if (++done == kJobs) all_done.set_value();
        });
  }
  release.set_value();
  all_done.get_future().wait();

  for (int i = 0; i < kJobs; ++i) {
    if (i == kFailsAtEnd || i == kFailsAtRead) {
      EXPECT_TRUE(bad_run[i].ok()) << "deferred: run() answered before the server saw it";
      EXPECT_EQ(results[i].code(), Code::kConflict) << i << ": " << results[i].message();
      EXPECT_NE(results[i].message().find("INSERT INTO item"), std::string::npos)
          << "the failing statement is named: " << results[i].message();
    } else {
      EXPECT_TRUE(results[i].ok()) << i << ": " << results[i].message();
    }
  }
  EXPECT_EQ(read_after[kFailsAtRead].code(), Code::kConflict)
      << "the read after a failed deferred INSERT answers that failure: "
      << read_after[kFailsAtRead].message();
  EXPECT_EQ(db->stats().commits - commits_before, 2u) << "the held job's, then all ten in one";
  EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM item"), kJobs - 2);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM item WHERE name IN ('item3', 'item6')"), 0)
      << "the failing jobs' good rows went with their savepoints";
}

TEST(PgDeferred, ChangesSendsDeferredStatementsAndKeepsTheirFailure) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  std::unique_ptr<Database> db = open_db(scratch);
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->write([](Connection& c) { return add(c, "a", 1); }).ok());

  auto bump = [](Connection& c, int64_t by) {
    Result<Statement> up = c.prepare("UPDATE item SET qty = qty + ? WHERE name = 'a'");
    if (!up.ok()) return up.status();
    up->bind(1, by);
    return up->run();
  };
  int changed = -1;
  Status s = db->write([&](Connection& c) {
    c.defer_rowless_statements();
    if (Status b = bump(c, 1); !b.ok()) return b;
    changed = c.changes();
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(changed, 1);

  // A failure found by changes() is kept: the job's own Ok does not hide it,
  // nor does a later statement run past it.
  Status later;
  s = db->write([&](Connection& c) {
    c.defer_rowless_statements();
    if (Status b = bump(c, -10); !b.ok()) return b;
    c.changes();
    later = add(c, "b", 1);
    return Status::Ok();
  });
  EXPECT_EQ(later.code(), Code::kConflict) << later.message();
  EXPECT_EQ(s.code(), Code::kConflict) << s.message();
  EXPECT_EQ(count(*db, "SELECT qty FROM item WHERE name = 'a'"), 2);
  EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM item WHERE name = 'b'"), 0);

  // Deferral ends with its job: the next one's failing INSERT answers at once.
  Status direct;
  s = db->write([&](Connection& c) {
    direct = add(c, "c", -1);
    return Status::Ok();
  });
  EXPECT_EQ(direct.code(), Code::kConflict) << direct.message();
  EXPECT_FALSE(s.ok()) << "the job's transaction had failed";
  EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM item"), 1);
}

TEST(PgDeferred, ManyDeferredStatementsInOneJob) {
  ScratchDatabase scratch;
  ASSERT_TRUE(scratch.ok());
  std::unique_ptr<Database> db = open_db(scratch);
  ASSERT_TRUE(db);
  // More than the session holds back at once (they are sent in groups),
  // the 40th failing: the job fails with it and keeps none of its rows.
  Status s = db->write([](Connection& c) {
    c.defer_rowless_statements();
    for (int i = 0; i < 50; ++i) {
      if (Status a = add(c, "n" + std::to_string(i), i == 39 ? -1 : i); !a.ok()) return a;
    }
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), Code::kConflict) << s.message();
  EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM item"), 0);
  s = db->write([](Connection& c) {
    c.defer_rowless_statements();
    for (int i = 0; i < 50; ++i) {
      if (Status a = add(c, "n" + std::to_string(i), i); !a.ok()) return a;
    }
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM item"), 50);
}

}  // namespace
}  // namespace warmcity::store
