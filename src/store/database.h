// Database: one database (a SQLite file or a PostgreSQL database), its
// migrations, its readers and its single writer. Modules see only this and
// connection.h; the engines live in src/store/sqlite/ and src/store/postgres/.
//
// Reads: reader() gives the calling thread its own read-only connection (on
// SQLite, WAL lets readers run beside the writer). Keep read transactions short.
//
// Writes: one writer thread owns the only read-write connection. submit()
// enqueues a job; the writer takes everything queued (up to max_batch), opens
// one transaction, runs each job inside its own SAVEPOINT (a job that fails is
// rolled back to its savepoint and does not fail its neighbours), COMMITs
// durably (SQLite synchronous=FULL; PostgreSQL synchronous_commit=on), and
// only then calls every job's `done` with the job's
// Status. So a callback that says ok means the write is durable. Callbacks run
// on the writer's second thread, the answerer, one at a time in submission
// order, while the writer runs the next batch: keep them short (post the reply
// to the I/O thread).
//
// Migrations: the store's own come first (module "store": the change feed's
// tables, change_feed.h), also when the list leaves them out — but an empty
// list applies nothing; each module supplies numbered migrations; open() applies the
// missing ones in order, each in its own transaction, recording
// (module, version) in schema_migrations. open() refuses a database that holds
// a newer version of a listed module than the code knows (a downgrade).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/connection.h"
#include "store/notifications.h"

namespace warmcity::store {

struct Migration {
  std::string module;  // e.g. "accounts"
  int version;         // 1, 2, 3… within the module, applied in order
  std::string sql;     // one or more statements
  // Tables this migration fills with starting rows (data an admin may then
  // change): `copy` replaces them with the source's instead of refusing a
  // destination that holds them.
  std::vector<std::string> seeded_tables = {};
};

struct Options {
  // A SQLite file, or a postgresql:// (postgres://) URL: see names_postgres().
  std::string path;
  int busy_timeout_ms = 5000;
  size_t max_batch = 4096;  // jobs per transaction at most (0 counts as 1)
};

// True when `location` is a PostgreSQL URL rather than a SQLite file.
bool names_postgres(std::string_view location);

// Counters the /metrics endpoint reports.
struct WriterStats {
  uint64_t queue_depth = 0;  // jobs waiting now
  uint64_t jobs_ok = 0;      // jobs committed
  uint64_t jobs_failed = 0;  // jobs rolled back to their savepoint
  uint64_t commits = 0;      // transactions committed
  uint64_t commit_failures = 0;
  // batch size histogram: counts of batches with size <= bucket bound.
  static constexpr int kBuckets = 8;  // 1, 2, 4, 16, 64, 256, 1024, +Inf
  static constexpr uint64_t kBounds[kBuckets - 1] = {1, 2, 4, 16, 64, 256, 1024};
  uint64_t batch_buckets[kBuckets] = {};
  uint64_t batch_sum = 0;
};

class Database {
 public:
  using WriteJob = std::function<Status(Connection&)>;
  using Done = std::function<void(const Status&)>;

  // Opens or creates the file, applies migrations, starts the writer thread.
  // The file's directory must exist (kInvalidArgument naming it otherwise);
  // a failed or refused migration is kInternal.
  static Result<std::unique_ptr<Database>> open(const Options& options,
                                                const std::vector<Migration>& migrations);
  ~Database();  // stop()s. REQUIRES: not called from a write job or callback.

  // The calling thread's read-only connection to this database, opened on
  // first use and closed when the thread exits. Each statement sees every
  // commit made before it started. If the connection cannot be opened, the
  // one returned fails every exec()/prepare() with the reason, and the next
  // call tries again.
  Connection& reader();

  // Enqueues a write. `done` is called exactly once, on the answerer thread:
  // with the job's Status after a durable COMMIT, the job's own error when the
  // job failed (its savepoint rolled back; a job that throws fails with
  // kInternal), or kUnavailable when the COMMIT failed. After stop() the job
  // is refused and `done` gets kUnavailable at once, on the caller's thread.
  // Jobs run in the order they were submitted.
  void submit(WriteJob job, Done done);

  // Submits and waits. For the CLI and tests; never call it on an I/O thread.
  // Called from a write job or callback it returns kInternal (it would deadlock).
  Status write(WriteJob job);

  // Consistent copy of the live database to `file`, safe while the server
  // runs and writes (SQLite: online backup API into file + ".tmp", checked
  // with PRAGMA integrity_check, then renamed). The copy holds every commit
  // made before the call. PostgreSQL refuses: pg_dump does that job.
  Status backup_to(const std::string& file);

  // Stops accepting jobs, finishes every queued job, joins the writer.
  // Idempotent. From a job or callback it only stops accepting jobs.
  void stop();

  // A wait that ends when another session NOTIFYs `channel` (PostgreSQL;
  // on SQLite it only sleeps): the change feed's (change_feed.h).
  Result<std::unique_ptr<Notifications>> listen(const std::string& channel);

  WriterStats stats() const;
  const std::string& path() const { return options_.path; }
  Engine engine() const;
  // The file, or the URL without its password: for logs and messages.
  std::string describe() const;

 private:
  struct Impl;  // backend, id and writer (writer.h); readers: database.cpp
  explicit Database(const Options& options);
  Options options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace warmcity::store
