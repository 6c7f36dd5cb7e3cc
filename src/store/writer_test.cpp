// The single writer: group commit, savepoints, callbacks after commit, stop.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/database.h"
#include "store/job_runs.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/test_util.h"

namespace warmcity::store {
namespace {

using testing_util::query_int;
using testing_util::ScratchDir;

const std::vector<Migration> kSchema = {
    {"test", 1, "CREATE TABLE items (id INTEGER PRIMARY KEY, who INTEGER, seq INTEGER, note TEXT)"},
};

Database::WriteJob insert_item(int64_t who, int64_t seq) {
  return [who, seq](Connection& c) {
    Result<Statement> st = c.prepare("INSERT INTO items (who, seq) VALUES (?1, ?2)");
    return st.ok() ? st->bind(1, who).bind(2, seq).run() : st.status();
  };
}

// Holds the writer inside a job until release(), so later submits queue up
// and land in one batch.
class WriterGate {
 public:
  void close(Database& db) {
    std::shared_future<void> open = open_.get_future().share();
    auto entered = std::make_shared<std::promise<void>>();
    std::future<void> inside = entered->get_future();
    db.submit(
        [open, entered](Connection&) {
          entered->set_value();
          open.wait();
          return Status::Ok();
        },
        nullptr);
    inside.wait();
  }
  void release() { open_.set_value(); }

 private:
  std::promise<void> open_;
};

class WriterTest : public ::testing::Test {
 protected:
  void SetUp() override { reopen(Options{.path = dir_.file("w.db")}); }
  void reopen(const Options& options) {
    db_.reset();
    auto db = Database::open(options, kSchema);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
  }
  int64_t count(const std::string& where = "1") {
    return query_int(db_->reader(), "SELECT count(*) FROM items WHERE " + where);
  }
  ScratchDir dir_;
  std::unique_ptr<Database> db_;
};
using store_writer = WriterTest;  // suite name for `ctest -R store`

TEST_F(store_writer, ManyThreadsAllCommittedAndVisibleAfterDone) {
  constexpr int kThreads = 8, kPerThread = 500;
  std::atomic<int> failures{0}, invisible{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        if (!db_->write(insert_item(t, i)).ok()) ++failures;
        Result<Statement> q =
            db_->reader().prepare("SELECT count(*) FROM items WHERE who = ?1 AND seq = ?2");
        if (!q.ok()) {
          ++invisible;
          continue;
        }
        Result<bool> row = q->bind(1, t).bind(2, i).step();
        if (!row.ok() || !*row || q->column_int64(0) != 1) ++invisible;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(invisible, 0);
  EXPECT_EQ(count(), kThreads * kPerThread);
  const WriterStats stats = db_->stats();
  EXPECT_EQ(stats.jobs_ok, uint64_t{kThreads * kPerThread});
  EXPECT_EQ(stats.jobs_failed, 0u);
  EXPECT_EQ(stats.batch_sum, uint64_t{kThreads * kPerThread});
  EXPECT_LT(stats.commits, stats.jobs_ok) << "eight waiting writers never shared a commit";
}

TEST_F(store_writer, FailedJobsRollBackOnlyThemselves) {
  ASSERT_TRUE(db_->write([](Connection& c) {
                   return c.exec("CREATE UNIQUE INDEX items_seq ON items (seq)");
                 })
                  .ok());
  ASSERT_TRUE(db_->write(insert_item(0, 1)).ok());

  WriterGate gate;
  gate.close(*db_);
  std::vector<std::promise<Status>> results(5);
  auto done = [&results](int i) {
    return [&results, i](const Status& s) { results[i].set_value(s); };
  };
  db_->submit(insert_item(1, 100), done(0));
  db_->submit(
      [](Connection& c) {  // its first insert must vanish with it
        Status s = insert_item(2, 200)(c);
        return s.ok() ? insert_item(2, 1)(c) : s;  // seq 1 exists: UNIQUE fails
      },
      done(1));
  db_->submit(
      [](Connection& c) {
        Status s = insert_item(3, 300)(c);
        return s.ok() ? Status::Conflict("appeal already closed") : s;
      },
      done(2));
  db_->submit(
      [](Connection& c) -> Status {
        if (insert_item(4, 400)(c).ok()) throw std::runtime_error("boom");
        return Status::Ok();
      },
      done(3));
  db_->submit(insert_item(5, 500), done(4));
  gate.release();

  std::vector<Status> got;
  for (auto& r : results) got.push_back(r.get_future().get());
  EXPECT_TRUE(got[0].ok()) << got[0].message();
  EXPECT_EQ(got[1].code(), Code::kConflict);
  EXPECT_NE(got[1].message().find("UNIQUE"), std::string::npos) << got[1].message();
  EXPECT_EQ(got[2].code(), Code::kConflict);
  EXPECT_EQ(got[2].message(), "appeal already closed");
  EXPECT_EQ(got[3].code(), Code::kInternal);
  EXPECT_NE(got[3].message().find("boom"), std::string::npos) << got[3].message();
  EXPECT_TRUE(got[4].ok()) << got[4].message();

  EXPECT_EQ(count("seq IN (100, 500)"), 2);
  EXPECT_EQ(count("seq IN (200, 300, 400) OR who = 2"), 0);
  const WriterStats stats = db_->stats();
  EXPECT_EQ(stats.jobs_failed, 3u);
  EXPECT_EQ(stats.batch_buckets[3], 1u) << "the five jobs should share one batch (size <= 16)";
  EXPECT_TRUE(db_->write(insert_item(6, 600)).ok()) << "the writer survives a throwing job";
}

TEST_F(store_writer, CallbacksRunOnlyAfterCommit) {
  constexpr int kJobs = 300;
  const std::string path = db_->path();
  std::atomic<int> seen{0}, unseen{0};
  std::promise<void> all_done;
  std::atomic<int> remaining{kJobs};
  for (int i = 0; i < kJobs; ++i) {
    db_->submit(insert_item(7, i), [&, i](const Status& s) {
      // A fresh connection, as another process would see the file.
      auto fresh = open_sqlite(path, Connection::Mode::kReadOnly);
      bool visible = false;
      if (s.ok() && fresh.ok()) {
        Result<Statement> q = (*fresh)->prepare("SELECT count(*) FROM items WHERE seq = ?1");
        Result<bool> row = q.ok() ? q->bind(1, i).step() : Result<bool>(q.status());
        visible = row.ok() && *row && q->column_int64(0) == 1;
      }
      ++(visible ? seen : unseen);
      if (--remaining == 0) all_done.set_value();
    });
  }
  all_done.get_future().wait();
  db_->stop();  // the last callback has returned before the locals go
  EXPECT_EQ(seen, kJobs);
  EXPECT_EQ(unseen, 0);
}

TEST_F(store_writer, QueuedJobsAreBatchedAndRunInSubmissionOrder) {
  constexpr int kJobs = 1000;
  WriterGate gate;
  gate.close(*db_);
  std::mutex mu;
  std::vector<int> callback_order;
  std::promise<void> all_done;
  for (int i = 0; i < kJobs; ++i) {
    db_->submit(insert_item(8, i), [&, i](const Status& s) {
      EXPECT_TRUE(s.ok()) << s.message();
      std::lock_guard<std::mutex> lock(mu);
      callback_order.push_back(i);
      if (callback_order.size() == size_t{kJobs}) all_done.set_value();
    });
  }
  EXPECT_EQ(db_->stats().queue_depth, uint64_t{kJobs});
  gate.release();
  all_done.get_future().wait();
  db_->stop();

  for (int i = 0; i < kJobs; ++i) ASSERT_EQ(callback_order[i], i);
  // Row ids follow the order the jobs ran in.
  EXPECT_EQ(count("seq != id - 1"), 0);
  const WriterStats stats = db_->stats();
  EXPECT_EQ(stats.queue_depth, 0u);
  EXPECT_EQ(stats.batch_buckets[6], 1u) << "1000 queued jobs should commit as one batch";
  EXPECT_EQ(stats.commits, 2u);  // the gate's batch, then the thousand
}

// On SQLite a Replayable job (job_runs.h) is run as any other: once, in its
// own savepoint, with the id of an INSERT … RETURNING written at once.
TEST_F(store_writer, ReplayableJobsRunOnceEachOnSqlite) {
  constexpr int kJobs = 6;
  constexpr int kRefuses = 2;
  WriterGate gate;
  gate.close(*db_);
  std::vector<std::atomic<int>> runs(kJobs);
  std::vector<int64_t> ids(kJobs, 0);
  std::vector<int64_t> seen(kJobs, -1);  // the id as the job itself saw it
  std::vector<std::future<Status>> results;
  for (int i = 0; i < kJobs; ++i) {
    auto done = std::make_shared<std::promise<Status>>();
    results.push_back(done->get_future());
    db_->submit(Replayable{[&, i](Connection& c) {
                  ++runs[i];
                  c.defer_rowless_statements();
                  Result<Statement> st =
                      c.prepare("INSERT INTO items (who, seq) VALUES (9, ?) RETURNING id");
                  if (!st.ok()) return st.status();
                  st->bind(1, i);
                  if (Status s = run_returning_id_into(c, *st, &ids[i]); !s.ok()) return s;
                  seen[i] = ids[i];
                  return i == kRefuses ? Status::Conflict("refused") : Status::Ok();
                }},
                [done](const Status& s) { done->set_value(s); });
  }
  gate.release();
  for (int i = 0; i < kJobs; ++i) {
    const Status s = results[i].get();
    EXPECT_EQ(s.ok(), i != kRefuses) << i << ": " << s.message();
    EXPECT_EQ(runs[i], 1) << i;
    EXPECT_GT(seen[i], 0) << "written at once on SQLite: " << i;
  }
  EXPECT_EQ(count("who = 9"), kJobs - 1);
  EXPECT_EQ(count("who = 9 AND seq = " + std::to_string(kRefuses)), 0);
  for (int i = 0; i < kJobs; ++i) {
    if (i == kRefuses) continue;
    EXPECT_EQ(
        count("who = 9 AND id = " + std::to_string(ids[i]) + " AND seq = " + std::to_string(i)), 1)
        << i;
  }
}

TEST_F(store_writer, MaxBatchSplitsTheQueue) {
  reopen(Options{.path = dir_.file("w.db"), .max_batch = 4});
  WriterGate gate;
  gate.close(*db_);
  std::vector<std::future<Status>> waits;
  for (int i = 0; i < 10; ++i) {
    auto p = std::make_shared<std::promise<Status>>();
    waits.push_back(p->get_future());
    db_->submit(insert_item(9, i), [p](const Status& s) { p->set_value(s); });
  }
  gate.release();
  for (auto& w : waits) EXPECT_TRUE(w.get().ok());
  const WriterStats stats = db_->stats();
  EXPECT_EQ(stats.commits, 4u);           // gate, 4, 4, 2
  EXPECT_EQ(stats.batch_buckets[0], 1u);  // the gate alone
  EXPECT_EQ(stats.batch_buckets[1], 1u);  // 2
  EXPECT_EQ(stats.batch_buckets[2], 2u);  // 4, 4
  EXPECT_EQ(stats.batch_sum, 11u);
}

TEST_F(store_writer, StopDrainsQueuedJobsThenRejects) {
  WriterGate gate;
  gate.close(*db_);
  std::atomic<int> ok{0}, refused{0};
  auto tally = [&](const Status& s) {
    if (s.ok()) ++ok;
    if (s.code() == Code::kUnavailable) ++refused;
  };
  for (int i = 0; i < 100; ++i) db_->submit(insert_item(10, i), tally);
  std::thread stopper([this] { db_->stop(); });
  // Until stop() takes effect submits are still queued (and drained).
  int accepted = 100;
  while (true) {
    const int refused_before = refused;
    db_->submit(insert_item(11, accepted), tally);
    if (refused > refused_before) break;
    ++accepted;
    std::this_thread::yield();
  }
  gate.release();
  stopper.join();
  EXPECT_EQ(ok, accepted);
  EXPECT_EQ(refused, 1);

  Status late = db_->write(insert_item(12, 0));
  EXPECT_EQ(late.code(), Code::kUnavailable);
  EXPECT_NE(late.message().find("shutting down"), std::string::npos);
  db_->stop();  // idempotent
  EXPECT_EQ(count(), accepted);
}

TEST_F(store_writer, DestructorCommitsWhatWasQueued) {
  std::atomic<int> ok{0};
  for (int i = 0; i < 500; ++i) {
    db_->submit(insert_item(13, i), [&ok](const Status& s) { ok += s.ok() ? 1 : 0; });
  }
  db_.reset();
  EXPECT_EQ(ok, 500);
  reopen(Options{.path = dir_.file("w.db")});
  EXPECT_EQ(count("who = 13"), 500);
}

TEST_F(store_writer, WriteFromTheWriterThreadIsRefused) {
  Status inner;
  ASSERT_TRUE(db_->write([&](Connection&) {
                   inner = db_->write(insert_item(14, 0));
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_EQ(inner.code(), Code::kInternal);
}

// Callbacks run on the answerer: while one is still running, the writer
// goes on with the next batch (a callback that waited for a later job would
// have waited for itself when callbacks ran on the writer thread). A write
// from a callback is still refused, and stop() from one only stops intake.
TEST_F(store_writer, CallbacksRunBesideTheNextBatch) {
  auto later_ran = std::make_shared<std::promise<void>>();
  std::future<void> later = later_ran->get_future();
  std::promise<bool> saw;
  Status write_from_callback;
  db_->submit(insert_item(15, 1), [&, later_ran](const Status& s) {
    EXPECT_TRUE(s.ok()) << s.message();
    db_->submit(
        [later_ran](Connection& c) {
          later_ran->set_value();
          return insert_item(15, 2)(c);
        },
        nullptr);
    // Generous: it is a liveness bound, not a timing assertion.
    saw.set_value(later.wait_for(std::chrono::seconds(60)) == std::future_status::ready);
    write_from_callback = db_->write(insert_item(15, 3));
  });
  EXPECT_TRUE(saw.get_future().get()) << "the next batch waited for an earlier callback";
  db_->stop();
  EXPECT_EQ(write_from_callback.code(), Code::kInternal);
  EXPECT_EQ(count("who = 15"), 2);
}

TEST_F(store_writer, ReadersArePerThreadAndPerDatabase) {
  Connection* mine = &db_->reader();
  EXPECT_EQ(&db_->reader(), mine);
  Connection* theirs = nullptr;
  std::thread([&] { theirs = &db_->reader(); }).join();
  EXPECT_NE(theirs, mine);

  ScratchDir other_dir;
  auto other = Database::open(Options{.path = other_dir.file("o.db")}, kSchema);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(&(*other)->reader(), mine);
  ASSERT_TRUE((*other)->write(insert_item(15, 0)).ok());
  EXPECT_EQ(query_int((*other)->reader(), "SELECT count(*) FROM items"), 1);
  EXPECT_EQ(count(), 0);

  // A new Database on the same file gets a new reader that sees new commits.
  reopen(Options{.path = dir_.file("w.db")});
  ASSERT_TRUE(db_->write(insert_item(16, 0)).ok());
  EXPECT_EQ(count(), 1);
}

TEST_F(store_writer, ReaderIsReadOnly) {
  Status s = db_->reader().exec("INSERT INTO items (who) VALUES (1)");
  EXPECT_FALSE(s.ok());
}

// After stop() the log is empty and the database file alone holds every
// write: a plain copy of it (cp, scp, a USB stick) loses nothing.
TEST_F(store_writer, StopCheckpointsSoTheFileAloneHoldsEverything) {
  for (int i = 0; i < 500; ++i) ASSERT_TRUE(db_->write(insert_item(1, i)).ok());
  count();  // this thread's reader is open too, as in `warmcity demo`
  db_->stop();
  const std::string wal = dir_.file("w.db") + "-wal";
  std::error_code ec;
  const auto wal_size = std::filesystem::exists(wal) ? std::filesystem::file_size(wal, ec) : 0;
  EXPECT_EQ(wal_size, 0u);
  const std::string copy = dir_.file("copy.db");
  std::filesystem::copy_file(dir_.file("w.db"), copy);
  auto copied = Database::open(Options{.path = copy}, kSchema);
  ASSERT_TRUE(copied.ok()) << copied.status().message();
  EXPECT_EQ(query_int((*copied)->reader(), "SELECT count(*) FROM items"), 500);
}

}  // namespace
}  // namespace warmcity::store
