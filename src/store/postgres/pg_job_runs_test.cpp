// Runs of Replayable jobs on PostgreSQL (store/job_runs.h, writer.h "Runs"):
// consecutive Replayable jobs send their statements together, ids promised by
// run_returning_id_into() arrive before `done`, and a failure anywhere in a
// run is found again by running each of its jobs on its own — so every job
// still gets exactly its own Status, nothing of a failed job is committed, and
// nothing of a good job is lost.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/job_runs.h"
#include "store/postgres/pg_test_util.h"
#include "store/test_util.h"

namespace warmcity::store {
namespace {

using pg_testing::ScratchDatabase;

std::vector<Migration> migrations() {
  return {{"pgruns", 1,
           "CREATE TABLE item (id {{id}}, name TEXT NOT NULL UNIQUE, qty BIGINT NOT NULL"
           " CHECK (qty >= 0)); CREATE TABLE note (item_id BIGINT NOT NULL, body TEXT NOT NULL)"}};
}

// A submission-like job's rows: the item (its id promised), and `notes`
// notes that name the item by its name, as an appeal's event names it by its code.
Status add_item(Connection& c, const std::string& name, int64_t qty, int64_t* id, int notes = 1) {
  Result<Statement> ins = c.prepare("INSERT INTO item (name, qty) VALUES (?, ?) RETURNING id");
  if (!ins.ok()) return ins.status();
  ins->bind(1, name).bind(2, qty);
  if (Status s = run_returning_id_into(c, *ins, id); !s.ok()) return s;
  for (int i = 0; i < notes; ++i) {
    Result<Statement> note = c.prepare(
        "INSERT INTO note (item_id, body) VALUES ((SELECT id FROM item WHERE name = ?), ?)");
    if (!note.ok()) return note.status();
    note->bind(1, name).bind(2, "note of " + name);
    if (Status s = note->run(); !s.ok()) return s;
  }
  return Status::Ok();
}

// Holds the writer in a first job until released, so that everything
// submitted meanwhile shares the next batch.
class HeldWriter {
 public:
  explicit HeldWriter(Database& db) {
    std::shared_future<void> released = release_.get_future().share();
    std::promise<void> started;
    std::future<void> running = started.get_future();
    db.submit(
        [&started, released](Connection&) {
          started.set_value();
          released.wait();
          return Status::Ok();
        },
        nullptr);
    running.wait();
  }
  void release() { release_.set_value(); }

 private:
  std::promise<void> release_;
};

// What each job of a test saw and was answered.
struct Outcomes {
  explicit Outcomes(int n) : status(n), id(n, 0), runs(n) {}
  std::mutex mu;
  std::vector<Status> status;
  std::vector<int64_t> id;
  std::vector<std::atomic<int>> runs;
  std::vector<int64_t> id_at_done = std::vector<int64_t>(status.size(), 0);
  int answered = 0;
  std::promise<void> all;
};

Database::Done answer(Outcomes& out, int i) {
  return [&out, i](const Status& s) {
    std::lock_guard<std::mutex> lock(out.mu);
    out.status[i] = s;
    out.id_at_done[i] = out.id[i];
    if (++out.answered == static_cast<int>(out.status.size())) out.all.set_value();
  };
}

class PgJobRuns : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    Result<std::unique_ptr<Database>> db = Database::open({scratch_.url()}, migrations());
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
  }
  int64_t count(const std::string& sql) { return testing_util::query_int(db_->reader(), sql); }
  int64_t id_of(const std::string& name) {
    return count("SELECT id FROM item WHERE name = '" + name + "'");
  }
  // Submits a Replayable job that counts its runs, lets the engine hold its
  // statements back and then does `body`.
  void submit_replayable(Outcomes& out, int i, std::function<Status(Connection&)> body) {
    db_->submit(Replayable{[&out, i, body = std::move(body)](Connection& c) {
                  ++out.runs[i];
                  c.defer_rowless_statements();
                  return body(c);
                }},
                answer(out, i));
  }
  // ... that adds item<i> (qty i) with `notes` notes.
  void submit_item(Outcomes& out, int i, int notes = 1) {
    submit_replayable(out, i, [&out, i, notes](Connection& c) {
      return add_item(c, "item" + std::to_string(i), i, &out.id[i], notes);
    });
  }

  ScratchDatabase scratch_;  // dropped after db_ is gone
  std::unique_ptr<Database> db_;
};

TEST_F(PgJobRuns, ARunOfGoodJobsRunsEachOnceAndGivesEveryId) {
  // One batch (at most 63 jobs on PostgreSQL) of more statements than one
  // pipeline holds (1,024): sent in parts.
  constexpr int kJobs = 60;
  constexpr int kNotes = 20;
  Outcomes out(kJobs);
  HeldWriter held(*db_);
  const uint64_t commits_before = db_->stats().commits;
  for (int i = 0; i < kJobs; ++i) submit_item(out, i, kNotes);
  held.release();
  out.all.get_future().wait();
  for (int i = 0; i < kJobs; ++i) {
    ASSERT_TRUE(out.status[i].ok()) << i << ": " << out.status[i].message();
    EXPECT_EQ(out.runs[i], 1) << i;
    EXPECT_EQ(out.id_at_done[i], id_of("item" + std::to_string(i)))
        << "the id was there when done was called: " << i;
  }
  EXPECT_EQ(db_->stats().commits - commits_before, 2u) << "the held job's, then one for all";
  EXPECT_EQ(count("SELECT COUNT(*) FROM note n JOIN item i ON i.id = n.item_id"), kJobs * kNotes);
}

TEST_F(PgJobRuns, AFailureInARunFailsOnlyItsJobAfterEachRunsAgain) {
  // 3 breaks the CHECK, 6 takes 1's name (both found only when the run is
  // sent), 8 refuses by itself without a statement.
  constexpr int kJobs = 10;
  Outcomes out(kJobs);
  HeldWriter held(*db_);
  for (int i = 0; i < kJobs; ++i) {
    submit_replayable(out, i, [&out, i](Connection& c) {
      if (i == 8) return Status::InvalidArgument("job 8 refuses");
      const std::string name = "item" + std::to_string(i == 6 ? 1 : i);
      return add_item(c, name, i == 3 ? -1 : i, &out.id[i]);
    });
  }
  held.release();
  out.all.get_future().wait();
  for (int i = 0; i < kJobs; ++i) {
    // Run together, then again each on its own; the run stopped at 8's own
    // refusal, so 9 ran only on its own.
    EXPECT_EQ(out.runs[i], i == 9 ? 1 : 2) << i;
    if (i == 3 || i == 6) {
      EXPECT_EQ(out.status[i].code(), Code::kConflict) << i << ": " << out.status[i].message();
      EXPECT_NE(out.status[i].message().find("INSERT INTO item"), std::string::npos)
          << out.status[i].message();
    } else if (i == 8) {
      EXPECT_EQ(out.status[i].code(), Code::kInvalidArgument) << out.status[i].message();
    } else {
      ASSERT_TRUE(out.status[i].ok()) << i << ": " << out.status[i].message();
      EXPECT_EQ(out.id_at_done[i], id_of("item" + std::to_string(i))) << i;
    }
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM item"), kJobs - 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM note"), kJobs - 3) << "no failed job's note";
  EXPECT_EQ(count("SELECT qty FROM item WHERE name = 'item1'"), 1) << "1's own row";
}

TEST_F(PgJobRuns, AnOrdinaryJobBetweenRunsSeesWhatTheRunBeforeWrote) {
  constexpr int kJobs = 9;  // 0-3 a run, 4 ordinary, 5-8 a run
  Outcomes out(kJobs);
  int64_t seen = -1;
  HeldWriter held(*db_);
  for (int i = 0; i < kJobs; ++i) {
    if (i == 4) {
      db_->submit(
          [&out, &seen](Connection& c) {
            ++out.runs[4];
            Result<Statement> q = c.prepare("SELECT COUNT(*) FROM note");
            if (!q.ok()) return q.status();
            Result<bool> row = q->step();
            if (!row.ok()) return row.status();
            seen = q->column_int64(0);
            return Status::Ok();
          },
          answer(out, i));
      continue;
    }
    submit_item(out, i);
  }
  held.release();
  out.all.get_future().wait();
  for (int i = 0; i < kJobs; ++i) {
    EXPECT_TRUE(out.status[i].ok()) << i << ": " << out.status[i].message();
    EXPECT_EQ(out.runs[i], 1) << i;
  }
  EXPECT_EQ(seen, 4) << "the run before was sent before the ordinary job ran";
  EXPECT_EQ(count("SELECT COUNT(*) FROM item"), kJobs - 1);
}

TEST_F(PgJobRuns, AConnectionLostInARunFailsTheBatchAndKeepsNothing) {
  constexpr int kJobs = 6;  // 4 ends its own server session mid-run
  Outcomes out(kJobs);
  HeldWriter held(*db_);
  for (int i = 0; i < kJobs; ++i) {
    submit_replayable(out, i, [&out, i](Connection& c) {
      if (i == 4) {
        Result<Statement> kill = c.prepare("SELECT pg_terminate_backend(pg_backend_pid())");
        if (!kill.ok()) return kill.status();
        return kill->run();
      }
      return add_item(c, "item" + std::to_string(i), i, &out.id[i]);
    });
  }
  held.release();
  out.all.get_future().wait();
  for (int i = 0; i < kJobs; ++i) {
    EXPECT_EQ(out.status[i].code(), Code::kUnavailable) << i << ": " << out.status[i].message();
  }
  EXPECT_EQ(out.runs[5], 0) << "nothing runs after the transaction is lost, in that run";
  EXPECT_EQ(count("SELECT COUNT(*) FROM item"), 0);
  // The writer reconnects for the next job.
  int64_t id = 0;
  EXPECT_TRUE(db_->write([&id](Connection& c) {
                   c.defer_rowless_statements();
                   return add_item(c, "after", 1, &id);
                 })
                  .ok());
  EXPECT_EQ(id, id_of("after"));
}

TEST_F(PgJobRuns, SendHeldWritesThePromisedIdForTheJobToRead) {
  // Its statements prepared first: preparing one sends what is held.
  int64_t warm = 0;
  ASSERT_TRUE(db_->write([&](Connection& c) { return add_item(c, "warm", 1, &warm); }).ok());
  int64_t before = -1, id = 0;
  Status s = db_->write([&](Connection& c) {
    c.defer_rowless_statements();
    if (Status a = add_item(c, "x", 1, &id); !a.ok()) return a;
    before = id;  // not sent yet
    return send_held(c);
  });
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(before, 0) << "held back until sent";
  EXPECT_EQ(id, id_of("x"));
  // Without deferral the id is there at once.
  int64_t at_once = 0, seen = -1;
  s = db_->write([&](Connection& c) {
    if (Status a = add_item(c, "y", 1, &at_once); !a.ok()) return a;
    seen = at_once;
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(seen, id_of("y"));
}

TEST_F(PgJobRuns, APromisedIdThatNeverComesFailsItsJob) {
  auto add_nothing = [](Connection& c, int64_t* id) {
    Result<Statement> ins =
        c.prepare("INSERT INTO item (name, qty) SELECT ?, 1 WHERE 1 = 0 RETURNING id");
    if (!ins.ok()) return ins.status();
    ins->bind(1, "never");
    return run_returning_id_into(c, *ins, id);
  };
  int64_t warm = 0;
  EXPECT_EQ(db_->write([&](Connection& c) { return add_nothing(c, &warm); }).code(),
            Code::kInternal)
      << "not held: answered at once";
  int64_t id = 0;
  const Status s = db_->write([&](Connection& c) {
    c.defer_rowless_statements();
    if (Status a = add_nothing(c, &id); !a.ok()) return a;
    return add_item(c, "kept?", 1, &warm);
  });
  EXPECT_EQ(s.code(), Code::kInternal) << s.message();
  EXPECT_NE(s.message().find("RETURNING gave no id"), std::string::npos) << s.message();
  EXPECT_EQ(id, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM item"), 0) << "the job's other rows went with it";
}

}  // namespace
}  // namespace warmcity::store
