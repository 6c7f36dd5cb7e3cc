#include "store/job_runs.h"

#include "store/job_run_hooks.h"

namespace warmcity::store {

Status run_returning_id_into(Connection& c, Statement& s, int64_t* into) {
  auto* hooks = dynamic_cast<JobRunHooks*>(&c);
  if (hooks == nullptr || !hooks->promise_id_into(into)) {
    Result<int64_t> id = s.returning_id();
    if (!id.ok()) return id.status();
    *into = *id;
    return Status::Ok();
  }
  Result<bool> row = s.step();
  const bool held = hooks->id_promise_taken();
  if (!row.ok()) return row.status();
  if (held) return Status::Ok();
  // Run at once after all: its row is here.
  if (!*row) return Status::Internal("INSERT … RETURNING id returned no row");
  *into = s.column_int64(0);
  return s.run();
}

Status send_held(Connection& c) {
  auto* hooks = dynamic_cast<JobRunHooks*>(&c);
  return hooks != nullptr ? hooks->send_held() : Status::Ok();
}

}  // namespace warmcity::store
