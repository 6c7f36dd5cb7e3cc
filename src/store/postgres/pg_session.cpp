#include "store/postgres/pg_session.h"

#include <exception>
#include <utility>

#include "store/postgres/pg_status.h"
#include "store/postgres/pg_values.h"

namespace warmcity::store {
namespace {

std::vector<TxVerb> pg_script_verbs(std::string_view sql) {
  std::vector<TxVerb> verbs;
  for (std::string_view part : split_statements(sql)) verbs.push_back(tx_verb(part));
  return verbs;
}

bool pg_script_changes_rows(std::string_view sql) {
  const std::vector<std::string_view> parts = split_statements(sql);
  return !parts.empty() && changes_rows(parts.back());
}

}  // namespace

PgSession::PgSession(PgTarget target, Connection::Mode mode, PgSessionOptions options)
    : target_(std::move(target)), mode_(mode), options_(options) {}

PgSession::~PgSession() { lose(); }

std::string PgSession::settings_sql() const {
  std::string sql =
      "SET synchronous_commit = on; SET bytea_output = hex; SET client_min_messages = error;"
      " SET statement_timeout = " +
      std::to_string(options_.statement_timeout_ms) +
      "; SET lock_timeout = " + std::to_string(options_.lock_timeout_ms) +
      "; SET idle_in_transaction_session_timeout = " +
      std::to_string(options_.idle_in_transaction_timeout_ms) +
      "; SET max_parallel_workers_per_gather = 0;";
  if (mode_ == Connection::Mode::kReadOnly) sql += " SET default_transaction_read_only = on;";
  return sql;
}

Status PgSession::open() {
  lose();
  try {
    auto conn = std::make_unique<PgLink>(target_.conninfo);
    // A connection libpqxx reopened behind our back would run the rest of a
    // transaction outside it: this session reopens connections itself.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    conn->inhibit_reactivation(true);
#pragma GCC diagnostic pop
    auto quiet = std::make_unique<pqxx::quiet_errorhandler>(*conn);
    auto work = std::make_unique<pqxx::nontransaction>(*conn);
    work->exec(settings_sql());
    conn_ = std::move(conn);
    quiet_ = std::move(quiet);
    work_ = std::move(work);
  } catch (const pqxx::broken_connection& e) {
    return pg_connect_status(e.what(), target_.described, target_.password);
  } catch (const pqxx::sql_error& e) {
    return pg_error_status(e.sqlstate(), e.what(), "set up session on " + target_.described);
  } catch (const std::exception& e) {
    return pg_connect_status(e.what(), target_.described, target_.password);
  }
  ++generation_;
  tx_ = TxState::kNone;
  return Status::Ok();
}

void PgSession::lose() noexcept {
  // The work first: it refers to the connection.
  work_.reset();
  quiet_.reset();
  conn_.reset();
  held_.clear();
  deferred_ = 0;
  kept_error_ = Status::Ok();
  if (tx_ != TxState::kNone) lost_in_tx_ = true;
  tx_ = TxState::kNone;
}

int PgSession::backend_pid() const { return conn_ ? conn_->backendpid() : 0; }

Status PgSession::ready(TxVerb verb, bool& skip) {
  skip = false;
  if (lost_in_tx_) {
    if (verb == TxVerb::kRollback) {
      lost_in_tx_ = false;
      skip = true;
      return Status::Ok();
    }
    if (verb == TxVerb::kCommit) {
      lost_in_tx_ = false;
      return Status::Unavailable("connection to " + target_.described +
                                 " was lost inside the transaction: it was rolled back");
    }
    if (verb != TxVerb::kBegin) {
      return Status::Unavailable("connection to " + target_.described +
                                 " was lost inside a transaction: ROLLBACK it first");
    }
    lost_in_tx_ = false;
  }
  if (conn_ && conn_->is_open()) return Status::Ok();
  return open();
}

void PgSession::after_success(const TxVerb* verbs, size_t n) {
  for (const TxVerb* v = verbs; v != verbs + n; ++v) {
    switch (*v) {
      case TxVerb::kBegin:
      case TxVerb::kRollbackTo:
        tx_ = TxState::kOpen;
        break;
      case TxVerb::kCommit:
      case TxVerb::kRollback:
        tx_ = TxState::kNone;
        break;
      case TxVerb::kOther:
      case TxVerb::kSavepoint:
      case TxVerb::kRelease:
        break;
    }
  }
}

void PgSession::after_failure(const TxVerb* verbs, size_t n) {
  // A failed COMMIT or ROLLBACK ends the transaction; any other failure
  // inside one leaves it failed (only ROLLBACK [TO] is accepted). A script
  // stops at its first error, so one that opened a transaction leaves it failed.
  if (n == 1 && (verbs[0] == TxVerb::kCommit || verbs[0] == TxVerb::kRollback)) {
    tx_ = TxState::kNone;
    return;
  }
  bool begins = false;
  for (size_t i = 0; i < n; ++i) begins = begins || verbs[i] == TxVerb::kBegin;
  if (tx_ != TxState::kNone || begins) tx_ = TxState::kFailed;
}

template <class Fn>
Status PgSession::guarded(std::string_view verb, std::string_view sql, const TxVerb* verbs,
                          size_t n, Fn&& fn) {
  try {
    fn();
    after_success(verbs, n);
    return Status::Ok();
  } catch (const pqxx::broken_connection& e) {
    lose();
    return Status::Unavailable(describe_sql(verb, sql) + ": connection to " + target_.described +
                               " lost: " + pg_one_line(e.what()));
  } catch (const pqxx::sql_error& e) {
    Status s = pg_error_status(e.sqlstate(), e.what(), describe_sql(verb, sql));
    if (pg_session_lost(e.sqlstate()) || !conn_->is_open()) {
      lose();
      return Status::Unavailable(s.message());
    }
    after_failure(verbs, n);
    return s;
  } catch (const std::exception& e) {
    if (!conn_ || !conn_->is_open()) {
      lose();
      return Status::Unavailable(describe_sql(verb, sql) + ": connection to " + target_.described +
                                 " lost: " + pg_one_line(e.what()));
    }
    after_failure(verbs, n);
    return Status::Internal(describe_sql(verb, sql) + ": " + pg_one_line(e.what()));
  }
}

namespace {

// At most this many statements wait to be sent (jobs that run no statement of
// their own would otherwise add two each).
constexpr size_t kMaxHeld = 16;
// ... and while they are held across jobs: a run of about 200 submissions in
// one pipeline (five statements each). Their results are a few dozen bytes
// each, far below what the socket buffers while the rest is still being sent.
constexpr size_t kMaxHeldAcrossJobs = 1024;

// The held statements, none of them deferred, as one script.
template <class Held>
std::string joined(const std::vector<Held>& held) {
  std::string out;
  for (const Held& h : held) {
    out += h.sql;
    out += ";\n";
  }
  return out;
}

bool is_rollback(TxVerb verb) { return verb == TxVerb::kRollback || verb == TxVerb::kRollbackTo; }

}  // namespace

Status PgSession::send_held() { return run_pipelined(nullptr, nullptr, nullptr); }

Status PgSession::send_held_before(TxVerb verb) {
  Status s = send_held();
  // A rollback undoes what failed: only a lost connection stops it.
  if (!s.ok() && conn_ && is_rollback(verb)) return Status::Ok();
  return s;
}

size_t PgSession::max_held() const { return holding_across_ ? kMaxHeldAcrossJobs : kMaxHeld; }

Status PgSession::send_held_now() {
  if (!kept_error_.ok()) return kept_error_;
  return send_held();
}

bool PgSession::promise_id_into(int64_t* into) {
  if (!may_defer(TxVerb::kOther)) return false;
  promised_id_ = into;
  return true;
}

void PgSession::send_held_keeping_failure() noexcept {
  try {
    Status s = send_held();
    if (!s.ok() && conn_ && kept_error_.ok()) kept_error_ = std::move(s);
  } catch (const std::exception& e) {
    if (kept_error_.ok()) kept_error_ = Status::Internal(e.what());
  }
}

Status PgSession::begin_write() {
  bool skip = false;
  if (Status s = ready(TxVerb::kBegin, skip); !s.ok()) return s;
  if (tx_ != TxState::kNone || !held_.empty() || !kept_error_.ok()) return exec("BEGIN");
  Held h;
  h.sql = "BEGIN";
  h.verb = TxVerb::kBegin;
  held_.push_back(std::move(h));
  tx_ = TxState::kOpen;
  return Status::Ok();
}

Status PgSession::before_command(TxVerb verb, std::string_view sql, const std::string* name,
                                 bool parameterless, bool& done) {
  done = false;
  if ((verb == TxVerb::kCommit || verb == TxVerb::kRollback) && deferred_ == 0 && !held_.empty() &&
      held_.front().verb == TxVerb::kBegin) {
    // The server has seen nothing of this transaction: it ends here.
    held_.clear();
    tx_ = TxState::kNone;
    done = true;
    return Status::Ok();
  }
  if ((verb == TxVerb::kRelease || verb == TxVerb::kSavepoint) && parameterless &&
      tx_ == TxState::kOpen) {
    if (held_.size() >= max_held()) {
      if (Status s = send_held(); !s.ok()) return s;
    }
    Held h;
    h.sql = std::string(sql);
    if (name != nullptr) h.name = *name;  // Bind and Execute only: no Parse each time
    h.verb = verb;
    held_.push_back(std::move(h));
    done = true;
    return Status::Ok();
  }
  if (verb == TxVerb::kRollback) {
    // The transaction goes, and with it whatever was never sent.
    held_.clear();
    deferred_ = 0;
    return Status::Ok();
  }
  if (deferred_ > 0 && (verb == TxVerb::kCommit || verb == TxVerb::kRollbackTo)) {
    if (Status s = send_held_before(verb); !s.ok()) return s;
  }
  // COMMIT ends every savepoint, and so every one not made yet.
  if (verb == TxVerb::kCommit) held_.clear();
  return Status::Ok();
}

Status PgSession::answer_kept(TxVerb verb) {
  if (kept_error_.ok()) return Status::Ok();
  if (is_rollback(verb)) {
    kept_error_ = Status::Ok();
    return Status::Ok();
  }
  return kept_error_;
}

Status PgSession::defer(const Prepared& stmt, const std::vector<const char*>& params) {
  Held h;
  h.sql = std::string(stmt.sql);
  h.name = stmt.name;
  h.verb = stmt.verb;
  h.changes_rows = stmt.changes_rows;
  h.id_into = std::exchange(promised_id_, nullptr);
  h.values.reserve(params.size());
  h.nulls.reserve(params.size());
  for (const char* p : params) {
    h.values.emplace_back(p != nullptr ? p : "");
    h.nulls.push_back(p == nullptr);
  }
  held_.push_back(std::move(h));
  ++deferred_;
  if (held_.size() >= max_held()) return send_held();
  return Status::Ok();
}

Status PgSession::end_deferring() {
  deferring_ = false;
  promised_id_ = nullptr;
  if (!kept_error_.ok()) return std::exchange(kept_error_, Status::Ok());
  if (deferred_ > 0 && !holding_across_) return send_held();
  return Status::Ok();
}

int PgSession::changes() {
  if (deferred_ > 0) send_held_keeping_failure();
  return changes_;
}

int PgSession::result_columns(const std::string& name) {
  if (!conn_ || conn_->raw() == nullptr) return -1;
  PgResult r(PQdescribePrepared(conn_->raw(), name.c_str()));
  if (r.get() == nullptr || PQresultStatus(r.get()) != PGRES_COMMAND_OK) return -1;
  return r.columns();
}

Status PgSession::exec(std::string_view sql) {
  std::vector<TxVerb> verbs = pg_script_verbs(sql);
  const TxVerb first = verbs.size() == 1                                ? verbs[0]
                       : (!verbs.empty() && verbs[0] == TxVerb::kBegin) ? TxVerb::kBegin
                                                                        : TxVerb::kOther;
  bool skip = false;
  if (Status s = ready(first, skip); !s.ok() || skip) return s;
  if (Status s = answer_kept(first); !s.ok()) return s;
  bool done = false;
  if (Status s = before_command(first, sql, nullptr, true, done); !s.ok() || done) return s;
  // Deferred statements have parameters: they cannot join the script. A held BEGIN does not
  // either: a script that fails to parse runs nothing, and the session would then believe in a
  // transaction the server never opened (the job's next statements would commit at once).
  if (deferred_ > 0 || (!held_.empty() && held_.front().verb == TxVerb::kBegin)) {
    if (Status s = send_held(); !s.ok()) return s;
  }
  // PostgreSQL answers COMMIT of a failed transaction with a ROLLBACK, not an
  // error: say so, or a caller would think its writes were committed.
  const bool commit_of_failed = tx_ == TxState::kFailed && first == TxVerb::kCommit;
  const bool counts = pg_script_changes_rows(sql);
  // Held statements go first, in the same simple query.
  std::string script;
  if (!held_.empty()) {
    std::vector<TxVerb> all;
    for (const Held& h : held_) all.push_back(h.verb);
    all.insert(all.end(), verbs.begin(), verbs.end());
    verbs = std::move(all);
    script = joined(held_);
    held_.clear();
  }
  script += sql;
  pqxx::result r;
  Status s = guarded("exec", script, verbs.data(), verbs.size(), [&] { r = work_->exec(script); });
  if (s.ok() && counts) changes_ = static_cast<int>(r.affected_rows());
  if (s.ok() && commit_of_failed) {
    return Status::Internal("COMMIT of a transaction that had failed: PostgreSQL rolled it back");
  }
  return s;
}

Status PgSession::prepare(const std::string& name, const std::string& text, std::string_view sql) {
  bool skip = false;
  if (Status s = ready(TxVerb::kOther, skip); !s.ok()) return s;
  if (Status s = answer_kept(TxVerb::kOther); !s.ok()) return s;
  // A failed Parse aborts the transaction: the job's savepoint must exist first.
  // A rollback to a savepoint is parsed in a failed transaction too.
  if (!held_.empty()) {
    if (Status s = send_held_before(tx_verb(sql)); !s.ok()) return s;
  }
  Status s = guarded("prepare", sql, nullptr, 0, [&] {
    conn_->prepare(name, text);
    conn_->prepare_now(name);
  });
  if (!s.ok() && conn_) {
    try {
      conn_->unprepare(name);  // only libpqxx's record: the server has none
    } catch (const std::exception&) {
    }
  }
  return s;
}

void PgSession::deallocate(const std::string& name, uint64_t generation) noexcept {
  if (closing_ || generation != generation_ || !conn_ || !conn_->is_open()) return;
  // A held execution may name this statement.
  for (const Held& h : held_) {
    if (h.name == name) {
      send_held_keeping_failure();
      break;
    }
  }
  if (!conn_ || tx_ == TxState::kFailed) return;
  try {
    conn_->unprepare(name);
  } catch (const std::exception&) {
    // The server frees it with the session.
  }
}

Status PgSession::libpq_failure(const PGresult* r, std::string_view what) {
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view sqlstate = state != nullptr ? state : "";
  const std::string message = r != nullptr && *PQresultErrorMessage(r) != '\0'
                                  ? PQresultErrorMessage(r)
                              : conn_ && conn_->raw() != nullptr ? PQerrorMessage(conn_->raw())
                                                                 : "no connection";
  const bool broken = !conn_ || conn_->raw() == nullptr || PQstatus(conn_->raw()) != CONNECTION_OK;
  if (sqlstate.empty() && broken) {
    lose();
    return Status::Unavailable(std::string(what) + ": connection to " + target_.described +
                               " lost: " + pg_one_line(message));
  }
  Status s = pg_error_status(sqlstate, message, what);
  if (pg_session_lost(sqlstate) || broken) {
    lose();
    return Status::Unavailable(s.message());
  }
  return s;
}

Status PgSession::run_pipelined(const Prepared* stmt, const std::vector<const char*>* params,
                                PgResult* out) {
  if (held_.empty() && stmt == nullptr) return Status::Ok();
  std::vector<Held> held = std::move(held_);
  held_.clear();
  deferred_ = 0;
  std::vector<TxVerb> verbs;
  for (const Held& h : held) verbs.push_back(h.verb);
  if (stmt != nullptr) verbs.push_back(stmt->verb);
  const size_t n = verbs.size();
  auto what_of = [&](size_t i) {
    if (i == held.size()) return describe_sql("step", stmt->sql);
    return describe_sql(held[i].name.empty() ? "exec" : "step", held[i].sql);
  };
  PGconn* pg = conn_->raw();

  bool sent = PQenterPipelineMode(pg) == 1;
  std::vector<const char*> pointers;
  for (size_t i = 0; sent && i < held.size(); ++i) {
    const Held& h = held[i];
    if (h.name.empty()) {
      sent = PQsendQueryParams(pg, h.sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
      continue;
    }
    pointers.assign(h.values.size(), nullptr);
    for (size_t p = 0; p < h.values.size(); ++p) {
      if (!h.nulls[p]) pointers[p] = h.values[p].c_str();
    }
    sent = PQsendQueryPrepared(pg, h.name.c_str(), static_cast<int>(pointers.size()),
                               pointers.data(), nullptr, nullptr, 0) == 1;
  }
  if (stmt != nullptr) {
    sent = sent && PQsendQueryPrepared(pg, stmt->name.c_str(), static_cast<int>(params->size()),
                                       params->data(), nullptr, nullptr, 0) == 1;
  }
  sent = sent && PQpipelineSync(pg) == 1;
  if (!sent) {
    // Half a pipeline on the wire: nothing later could be told apart from it.
    const std::string message = PQerrorMessage(pg);
    lose();
    return Status::Unavailable(what_of(n - 1) + ": connection to " + target_.described +
                               " lost: " + pg_one_line(message));
  }
  // One result per statement (PGRES_PIPELINE_ABORTED after a failure), each
  // followed by a null, then the Sync's.
  // A pipeline that does not end as it should leaves the connection in a
  // state nothing else could use: drop it (kUnavailable, the transaction lost).
  auto abandon = [&](const PGresult* r) {
    Status s = libpq_failure(r, what_of(n - 1));
    if (conn_) lose();
    return s.code() == Code::kUnavailable ? s : Status::Unavailable(s.message());
  };
  std::vector<PgResult> results(n);
  for (size_t i = 0; i < n; ++i) {
    results[i] = PgResult(PQgetResult(pg));
    if (results[i].get() == nullptr) return abandon(nullptr);
    while (PGresult* more = PQgetResult(pg)) PQclear(more);
  }
  PgResult sync(PQgetResult(pg));
  if (PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC || PQexitPipelineMode(pg) != 1) {
    return abandon(sync.get());
  }
  // A promised id that did not come: the transaction is healthy, but the job
  // must not go on without its id.
  Status no_id;
  for (size_t i = 0; i < n; ++i) {
    const ExecStatusType st = PQresultStatus(results[i].get());
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
      if (i >= held.size()) continue;
      if (held[i].changes_rows) changes_ = results[i].affected_rows();
      if (held[i].id_into == nullptr) continue;
      if (results[i].rows() > 0 && results[i].columns() > 0 && !results[i].is_null(0, 0)) {
        *held[i].id_into = parse_pg_int64(results[i].value(0, 0));
      } else if (no_id.ok()) {
        no_id = Status::Internal(what_of(i) + ": RETURNING gave no id");
      }
      continue;
    }
    after_success(verbs.data(), i);
    Status s = libpq_failure(results[i].get(), what_of(i));
    if (conn_) after_failure(&verbs[i], 1);
    return s;
  }
  after_success(verbs.data(), n);
  if (stmt != nullptr) *out = std::move(results[n - 1]);
  return no_id;
}

Status PgSession::run_prepared(const Prepared& stmt, const std::vector<const char*>& params,
                               PgResult& out, bool& skipped) {
  if (Status s = ready(stmt.verb, skipped); !s.ok() || skipped) return s;
  if (Status s = answer_kept(stmt.verb); !s.ok()) return s;
  if (Status s = before_command(stmt.verb, stmt.sql, &stmt.name, params.empty(), skipped);
      !s.ok() || skipped) {
    return s;
  }
  const bool commit_of_failed = tx_ == TxState::kFailed && stmt.verb == TxVerb::kCommit;
  Status s;
  if (!held_.empty()) {
    s = run_pipelined(&stmt, &params, &out);
  } else {
    PgResult r(PQexecPrepared(conn_->raw(), stmt.name.c_str(), static_cast<int>(params.size()),
                              params.data(), nullptr, nullptr, 0));
    const ExecStatusType st = PQresultStatus(r.get());
    if (r.get() != nullptr && (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)) {
      after_success(&stmt.verb, 1);
      out = std::move(r);
    } else {
      s = libpq_failure(r.get(), describe_sql("step", stmt.sql));
      if (conn_) after_failure(&stmt.verb, 1);
    }
  }
  if (s.ok() && stmt.changes_rows) changes_ = out.affected_rows();
  if (s.ok() && commit_of_failed) {
    return Status::Internal("COMMIT of a transaction that had failed: PostgreSQL rolled it back");
  }
  return s;
}

}  // namespace warmcity::store
