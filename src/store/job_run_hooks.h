// What an engine that can hold statements across write jobs offers the writer
// and job_runs.cpp (internal to src/store: modules use job_runs.h). The
// PostgreSQL connection implements it; SQLite's runs every statement at once
// and does not, so a dynamic_cast to JobRunHooks tells the two apart.
#pragma once

#include <cstdint>

#include "core/status.h"

namespace warmcity::store {

class JobRunHooks {
 public:
  virtual ~JobRunHooks() = default;

  // While on (the writer, around a run of Replayable jobs), the end of a job
  // (Connection::end_write_job) leaves its held-back statements held: they go
  // with the next jobs' statements, or with send_held(). It only answers a
  // failure already found. At most a bound of statements wait (pg_session.h); past
  // that they are sent (and a failure is answered by the command that sent them).
  virtual void hold_across_jobs(bool on) = 0;
  // Sends every held statement now; the first failure (or one kept since).
  virtual Status send_held() = 0;
  // The next statement run may be held back although it returns a row (an
  // INSERT … RETURNING id): its first column then goes to *into when it is
  // sent. Only when holding back is allowed now (false: run it as usual).
  virtual bool promise_id_into(int64_t* into) = 0;
  // Withdraws a promise the statement did not take; true when it took it
  // (it was held back and *into will be written when it is sent).
  virtual bool id_promise_taken() = 0;
};

}  // namespace warmcity::store
