#include "store/writer.h"

#include <algorithm>
#include <exception>
#include <iterator>
#include <string>
#include <utility>

#include "store/job_runs.h"

namespace warmcity::store {
namespace {

// A name no module would pick for its own savepoints.
constexpr char kSavepoint[] = "SAVEPOINT warmcity_job";
constexpr char kRelease[] = "RELEASE warmcity_job";
constexpr char kRollbackTo[] = "ROLLBACK TO warmcity_job";
constexpr char kRunSavepoint[] = "SAVEPOINT warmcity_run";
constexpr char kRunRelease[] = "RELEASE warmcity_run";
constexpr char kRunRollbackTo[] = "ROLLBACK TO warmcity_run";

int bucket_of(size_t batch_size) {
  for (int i = 0; i < WriterStats::kBuckets - 1; ++i) {
    if (batch_size <= WriterStats::kBounds[i]) return i;
  }
  return WriterStats::kBuckets - 1;
}

// Runs a parameterless statement through the connection's statement cache.
Status run_sql(Connection& conn, const std::string& sql) {
  Result<Statement> st = conn.prepare(sql);
  return st.ok() ? st->run() : st.status();
}

}  // namespace

Writer::Writer(std::unique_ptr<Connection> conn, size_t max_batch)
    : conn_(std::move(conn)),
      hooks_(dynamic_cast<JobRunHooks*>(conn_.get())),
      max_batch_(std::max<size_t>(max_batch, 1)) {
  answerer_ = std::thread([this] { answer_loop(); });
  answerer_id_ = answerer_.get_id();
  thread_ = std::thread([this] { loop(); });
  thread_id_ = thread_.get_id();
}

Writer::~Writer() { stop(); }

void Writer::submit(Database::WriteJob job, Database::Done done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_) {
      queue_.push_back(Job{std::move(job), std::move(done)});
      wake_.notify_one();
      return;
    }
  }
  if (done) done(Status::Unavailable("database is shutting down: write refused"));
}

void Writer::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (on_writer_thread()) return;
  std::lock_guard<std::mutex> join_lock(join_mu_);
  if (thread_.joinable()) thread_.join();      // the last batch's answers are queued
  if (answerer_.joinable()) answerer_.join();  // and called
}

WriterStats Writer::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  WriterStats out = stats_;
  out.queue_depth = queue_.size();
  return out;
}

void Writer::loop() {
  std::vector<Job> batch;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) {  // stopping, and everything queued is done
        lock.unlock();
        conn_->finish_writes();
        {
          std::lock_guard<std::mutex> answer_lock(answer_mu_);
          writer_done_ = true;
        }
        answer_wake_.notify_one();
        return;
      }
      const auto n = static_cast<std::ptrdiff_t>(std::min(max_batch_, queue_.size()));
      batch.assign(std::make_move_iterator(queue_.begin()),
                   std::make_move_iterator(queue_.begin() + n));
      queue_.erase(queue_.begin(), queue_.begin() + n);
    }
    run_batch(batch);
    batch.clear();
  }
}

Status Writer::run_job(Job& job) {
  Status s = run_sql(*conn_, kSavepoint);
  if (!s.ok()) return s;
  Status result;
  try {
    if (job.run) result = job.run(*conn_);
  } catch (const std::exception& e) {
    result = Status::Internal(std::string("write job threw: ") + e.what());
  } catch (...) {
    result = Status::Internal("write job threw a non-standard exception");
  }
  // Statements the job let the engine hold back report now: their failure
  // came before anything the job decided after them.
  if (Status held = conn_->end_write_job(); !held.ok()) result = held;
  if (!conn_->in_transaction()) {
    // The engine rolled the whole transaction back (I/O error, disk full, a
    // lost connection), or the
    // job ended it itself. The batch notices and fails what was lost.
    return result.ok() ? Status::Internal("write job ended the transaction") : result;
  }
  if (result.ok()) {
    s = run_sql(*conn_, kRelease);
    if (s.ok()) return result;
    result = s;
  }
  s = run_sql(*conn_, kRollbackTo);
  if (s.ok()) s = run_sql(*conn_, kRelease);
  // Without its savepoint the job's changes cannot be told apart from its
  // neighbours': give up the whole transaction rather than commit them.
  if (!s.ok()) conn_->exec("ROLLBACK");
  return result;
}

size_t Writer::run_end(const std::vector<Job>& batch, size_t first) const {
  size_t last = first + 1;
  if (hooks_ == nullptr) return last;
  auto replayable = [&](size_t i) { return batch[i].run.target<Replayable>() != nullptr; };
  if (!replayable(first)) return last;
  while (last < batch.size() && replayable(last)) ++last;
  return last;
}

void Writer::run_together(std::vector<Job>& batch, size_t first, size_t last,
                          std::vector<Status>& results) {
  Status failed = run_sql(*conn_, kRunSavepoint);
  if (failed.ok()) {
    hooks_->hold_across_jobs(true);
    for (size_t i = first; i < last && failed.ok(); ++i) {
      results[i] = run_job(batch[i]);
      if (!results[i].ok()) failed = results[i];
    }
    hooks_->hold_across_jobs(false);
    if (failed.ok()) failed = hooks_->send_held();
    if (failed.ok()) failed = run_sql(*conn_, kRunRelease);
    if (failed.ok()) return;
  }
  // Which job failed, and whether the others would have, is learnt by
  // running them again, each on its own.
  if (conn_->in_transaction()) {
    Status undone = run_sql(*conn_, kRunRollbackTo);
    if (undone.ok()) undone = run_sql(*conn_, kRunRelease);
    if (!undone.ok()) {
      failed = undone;
      conn_->exec("ROLLBACK");
    }
  }
  if (!conn_->in_transaction()) {
    // Lost with the transaction; run_batch fails what it held.
    for (size_t i = first; i < last; ++i) results[i] = failed;
    return;
  }
  for (size_t i = first; i < last; ++i) {
    results[i] = run_job(batch[i]);
    if (conn_->in_transaction()) continue;
    for (size_t j = i + 1; j < last; ++j) results[j] = results[i];
    return;
  }
}

void Writer::run_batch(std::vector<Job>& batch) {
  const size_t n = batch.size();
  std::vector<Status> results(n);
  std::vector<bool> own_failure(n, false);
  size_t commits = 0, commit_failures = 0;

  // Usually one transaction for the whole batch. If the engine ends it early, the
  // jobs in it so far are lost and the rest go into a fresh transaction.
  size_t first = 0;  // first job of the current transaction
  Status begin = conn_->begin_write();
  for (size_t i = 0; i < n;) {
    if (!begin.ok()) {
      results[i] = Status::Unavailable("begin write transaction failed: " + begin.message());
      ++i;
      continue;
    }
    const size_t end = run_end(batch, i);
    if (end - i > 1) {
      run_together(batch, i, end, results);
    } else {
      results[i] = run_job(batch[i]);
    }
    for (size_t j = i; j < end; ++j) own_failure[j] = !results[j].ok();
    i = end;
    if (conn_->in_transaction()) continue;
    const Status lost = Status::Unavailable("write transaction rolled back by the database: " +
                                            results[i - 1].message());
    for (size_t j = first; j < i; ++j) {
      if (results[j].ok()) results[j] = lost;
    }
    ++commit_failures;
    first = i;
    if (first < n) begin = conn_->begin_write();
  }
  if (!begin.ok()) ++commit_failures;
  if (begin.ok() && conn_->in_transaction()) {
    const Status commit = conn_->exec("COMMIT");
    if (commit.ok()) {
      ++commits;
    } else {
      ++commit_failures;
      conn_->exec("ROLLBACK");
      const Status failed = Status::Unavailable("commit failed: " + commit.message());
      for (size_t j = first; j < n; ++j) results[j] = failed;
    }
  }

  size_t ok = 0, failed = 0;
  for (size_t i = 0; i < n; ++i) {
    ok += results[i].ok() ? 1 : 0;
    failed += own_failure[i] ? 1 : 0;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    stats_.jobs_ok += ok;
    stats_.jobs_failed += failed;
    stats_.commits += commits;
    stats_.commit_failures += commit_failures;
    stats_.batch_buckets[bucket_of(n)] += 1;
    stats_.batch_sum += n;
  }
  // Only now, after COMMIT returned, may anyone hear "ok". The answerer
  // tells them while this thread goes on with the next batch.
  std::vector<Answer> answers;
  answers.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (batch[i].done) answers.push_back(Answer{std::move(batch[i].done), std::move(results[i])});
  }
  if (answers.empty()) return;
  {
    std::lock_guard<std::mutex> lock(answer_mu_);
    answers_.push_back(std::move(answers));
  }
  answer_wake_.notify_one();
}

void Writer::answer_loop() {
  std::vector<Answer> batch;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(answer_mu_);
      answer_wake_.wait(lock, [this] { return writer_done_ || !answers_.empty(); });
      if (answers_.empty()) return;  // the writer has ended and every answer is out
      batch = std::move(answers_.front());
      answers_.pop_front();
    }
    for (Answer& a : batch) {
      try {
        a.done(a.status);
      } catch (...) {
        // A callback's failure is its own; the other callbacks go on.
      }
    }
    batch.clear();
  }
}

}  // namespace warmcity::store
