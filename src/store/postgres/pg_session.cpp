#include "store/postgres/pg_session.h"

#include <exception>
#include <utility>

#include "store/postgres/pg_status.h"

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
      std::to_string(options_.idle_in_transaction_timeout_ms) + ";";
  if (mode_ == Connection::Mode::kReadOnly) sql += " SET default_transaction_read_only = on;";
  return sql;
}

Status PgSession::open() {
  lose();
  try {
    auto conn = std::make_unique<pqxx::connection>(target_.conninfo);
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
  held_release_.clear();
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

Status PgSession::send_held_release() {
  const std::string sql = std::move(held_release_);
  held_release_.clear();
  const TxVerb verb = TxVerb::kRelease;
  return guarded("exec", sql, &verb, 1, [&] { work_->exec(sql); });
}

Status PgSession::before_command(TxVerb verb, std::string_view sql, bool parameterless,
                                 bool& done) {
  done = false;
  if (verb == TxVerb::kRelease && parameterless && tx_ == TxState::kOpen) {
    if (!held_release_.empty()) {
      if (Status s = send_held_release(); !s.ok()) return s;
    }
    held_release_.assign(sql);
    done = true;
    return Status::Ok();
  }
  if (held_release_.empty()) return Status::Ok();
  if (verb == TxVerb::kCommit || verb == TxVerb::kRollback) {
    held_release_.clear();  // COMMIT and ROLLBACK end every savepoint anyway
    return Status::Ok();
  }
  if (verb == TxVerb::kSavepoint && parameterless) {
    const std::string both = held_release_ + ";\n" + std::string(sql);
    held_release_.clear();
    const TxVerb verbs[2] = {TxVerb::kRelease, TxVerb::kSavepoint};
    done = true;
    return guarded("exec", both, verbs, 2, [&] { work_->exec(both); });
  }
  return send_held_release();
}

Status PgSession::exec(std::string_view sql) {
  const std::vector<TxVerb> verbs = pg_script_verbs(sql);
  const TxVerb first = verbs.size() == 1                                ? verbs[0]
                       : (!verbs.empty() && verbs[0] == TxVerb::kBegin) ? TxVerb::kBegin
                                                                        : TxVerb::kOther;
  bool skip = false;
  if (Status s = ready(first, skip); !s.ok() || skip) return s;
  bool done = false;
  if (Status s = before_command(first, sql, true, done); !s.ok() || done) return s;
  // PostgreSQL answers COMMIT of a failed transaction with a ROLLBACK, not an
  // error: say so, or a caller would think its writes were committed.
  const bool commit_of_failed = tx_ == TxState::kFailed && first == TxVerb::kCommit;
  const bool counts = pg_script_changes_rows(sql);
  pqxx::result r;
  Status s =
      guarded("exec", sql, verbs.data(), verbs.size(), [&] { r = work_->exec(std::string(sql)); });
  if (s.ok() && counts) changes_ = static_cast<int>(r.affected_rows());
  if (s.ok() && commit_of_failed) {
    return Status::Internal("COMMIT of a transaction that had failed: PostgreSQL rolled it back");
  }
  return s;
}

Status PgSession::prepare(const std::string& name, const std::string& text, std::string_view sql) {
  bool skip = false;
  if (Status s = ready(TxVerb::kOther, skip); !s.ok()) return s;
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
  if (closing_ || generation != generation_ || !conn_ || !conn_->is_open() ||
      tx_ == TxState::kFailed) {
    return;
  }
  try {
    conn_->unprepare(name);
  } catch (const std::exception&) {
    // The server frees it with the session.
  }
}

Status PgSession::run_prepared(const Prepared& stmt, const std::vector<const char*>& params,
                               pqxx::result& out, bool& skipped) {
  if (Status s = ready(stmt.verb, skipped); !s.ok() || skipped) return s;
  if (Status s = before_command(stmt.verb, stmt.sql, params.empty(), skipped); !s.ok() || skipped) {
    return s;
  }
  const bool commit_of_failed = tx_ == TxState::kFailed && stmt.verb == TxVerb::kCommit;
  Status s = guarded("step", stmt.sql, &stmt.verb, 1, [&] {
    out = work_->exec_prepared(stmt.name, pqxx::prepare::make_dynamic_params(params));
  });
  if (s.ok() && stmt.changes_rows) changes_ = static_cast<int>(out.affected_rows());
  if (s.ok() && commit_of_failed) {
    return Status::Internal("COMMIT of a transaction that had failed: PostgreSQL rolled it back");
  }
  return s;
}

}  // namespace warmcity::store
