// The single writer thread behind Database::submit (internal to src/store).
//
// Owns the read-write connection. Jobs run in submission order; the thread
// takes everything queued (up to max_batch) into one transaction (Connection::begin_write …
// COMMIT), each job inside SAVEPOINT j … RELEASE j (ROLLBACK TO j when the job returns a non-ok
// Status or throws, or a statement it let the engine hold back failed: Connection::end_write_job
// after each job), and hands the batch's `done` callbacks, only after the COMMIT returned, to a
// second thread, the answerer, which calls them in submission order while the writer runs the
// next batch (on PostgreSQL the database works on that batch while the answers are serialised
// and posted). If the COMMIT fails, every job of the batch gets a kUnavailable Status and the
// transaction is rolled back.
//
// Runs (store/job_runs.h): on an engine that can hold statements across jobs
// (PostgreSQL, JobRunHooks), consecutive Replayable jobs of a batch run as one
// run inside SAVEPOINT warmcity_run, their held statements sent together at
// its end. When anything in a run fails, it is rolled back to that savepoint
// (ROLLBACK TO, RELEASE) and its jobs are run again one by one, each inside
// its own savepoint as above, so that each gets its own Status.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/connection.h"
#include "store/database.h"
#include "store/job_run_hooks.h"

namespace warmcity::store {

class Writer {
 public:
  // Starts the thread. REQUIRES: max_batch >= 1.
  Writer(std::unique_ptr<Connection> conn, size_t max_batch);
  ~Writer();  // stop()s
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // After stop() has begun, `done` gets kUnavailable at once, on the caller's thread.
  void submit(Database::WriteJob job, Database::Done done);
  // Refuses new jobs, commits every queued one, calls every callback, joins both
  // threads. Idempotent. Called from a job or callback it only refuses new jobs.
  void stop();
  WriterStats stats() const;
  // True on the writer thread (jobs) and on the answerer (callbacks).
  bool on_writer_thread() const {
    const std::thread::id me = std::this_thread::get_id();
    return me == thread_id_ || me == answerer_id_;
  }

 private:
  struct Job {
    Database::WriteJob run;
    Database::Done done;
  };
  struct Answer {
    Database::Done done;
    Status status;
  };
  void loop();
  void run_batch(std::vector<Job>& batch);
  Status run_job(Job& job);
  // Runs batch[first, last), Replayable jobs, as one run (header comment),
  // their Statuses into results[first, last).
  void run_together(std::vector<Job>& batch, size_t first, size_t last,
                    std::vector<Status>& results);
  // The end of the run of Replayable jobs that starts at batch[first]: first + 1
  // when there is none to run together (no JobRunHooks, or a lone job).
  size_t run_end(const std::vector<Job>& batch, size_t first) const;
  void answer_loop();

  const std::unique_ptr<Connection> conn_;  // used only on the writer thread
  JobRunHooks* const hooks_;                // conn_'s, or nullptr (SQLite)
  const size_t max_batch_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Job> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;  // GUARDED_BY(mu_)
  WriterStats stats_;      // GUARDED_BY(mu_); queue_depth filled in by stats()

  std::mutex answer_mu_;
  std::condition_variable answer_wake_;
  std::deque<std::vector<Answer>> answers_;  // GUARDED_BY(answer_mu_): committed batches' answers
  bool writer_done_ = false;                 // GUARDED_BY(answer_mu_): no batch will follow

  std::mutex join_mu_;  // serialises concurrent stop() calls around join()
  std::thread thread_;
  std::thread answerer_;
  std::thread::id thread_id_;
  std::thread::id answerer_id_;
};

}  // namespace warmcity::store
