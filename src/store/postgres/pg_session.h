// One live PostgreSQL session and what warmcity knows about it
// (src/store/postgres/; internal to the PostgreSQL engine).
//
// A PgSession owns a libpqxx 6.4 connection and the one pqxx::nontransaction
// every command goes through. libpqxx's transaction classes are not used:
// the store's interface sends BEGIN, SAVEPOINT, COMMIT as SQL (the writer's
// group commit, the migration runner), so the session runs them as written
// and follows the transaction state itself (tx_state()) from each command's
// verb (pg_sql.h) and outcome — libpqxx 6.4 does not expose libpq's
// PQtransactionStatus.
//
// Lost connections: any command that finds the connection broken drops it,
// and the next command opens a new one (a new generation(): statements
// prepared on the old one prepare themselves again). libpqxx's own silent
// reactivation is switched off: if the connection was lost inside a
// transaction, every command is refused with kUnavailable until the caller
// ends that transaction (ROLLBACK, COMMIT — which reports the loss — or a new
// BEGIN), so the rest of a transaction can never run, autocommitted, outside it.
//
// Round trips: the writer opens each batch with begin_write() and wraps each
// job in SAVEPOINT … RELEASE. The BEGIN, and inside a healthy transaction the
// SAVEPOINT and RELEASE, are held back (parameterless, in order) and go out
// with the next command: with a prepared statement in one
// libpq pipeline (the held statements, the statement, one Sync: one round trip
// where there were two or three), with a script as its first statements (one
// simple query), not at all before COMMIT or ROLLBACK (they end every savepoint
// and so every one not made yet). A prepare() sends them first, alone: a failed
// Parse must not abort the transaction outside the job's savepoint. So a job
// costs its own statements' round trips and no more, and the error of a held
// statement (only a misspelt savepoint name can cause one) surfaces at the next
// command. libpqxx 6.4 has no pipeline mode: prepared statements run on libpq
// directly, through the handle PgLink takes from libpqxx's connection policy.
//
// Deferred statements: a write job that called set_deferring() (through
// Connection::defer_rowless_statements) also has its prepared statements that
// return no rows (an INSERT, UPDATE or DELETE without RETURNING, told by the
// server's description of the statement) held back with their parameters,
// answered "no rows" at once, and sent in order with the next command that
// needs the server. Their first failure is that command's answer (the command
// itself is not run: PostgreSQL aborts the rest of a pipeline) and leaves the
// transaction failed, as running them one by one would have. Where no Status
// can be returned (changes(), which sends them to count their rows; a
// deallocate()), the failure is kept and answered by every later command until
// a ROLLBACK [TO] or end_deferring(). end_deferring() ends the job's
// deferral: it sends what is still held back (one round trip, only when a
// statement is deferred) and answers the first failure, so a failure always
// fails the job that made it and never the next one.
//
// Across jobs: while hold_across_jobs() is on (the writer's run of
// Replayable jobs, store/job_runs.h), end_deferring() leaves the job's
// deferred statements held, so that a run's jobs reach the server in one
// pipeline (up to kMaxHeldAcrossJobs statements; send_held_now() sends them).
// A deferred INSERT … RETURNING id may carry a promise (promise_id_into()):
// its id is written into the promised place when its result arrives. Which
// job a failure belongs to is then the writer's to find out, by running the
// run's jobs again one by one (writer.h).
//
// Session settings, sent in one round trip after connecting:
// synchronous_commit=on (a COMMIT that returned is durable, also on a
// standby-less server), statement_timeout, lock_timeout (the busy timeout),
// idle_in_transaction_session_timeout, bytea_output=hex,
// client_min_messages=error (no WARNING chatter on stderr),
// max_parallel_workers_per_gather=0 (one request is one backend: a parallel
// scan's workers take cores from the other requests and lose a LIMIT's early
// stop — the staff list of a rare state at a million appeals took 340 ms
// with two workers and 2.5 ms without, bench/README.md "City year"); kReadOnly
// sessions also default_transaction_read_only=on.
//
// Thread-safety: none; a session belongs to its connection's thread. It is
// shared (shared_ptr) between a PgConnection and its statements only so that
// a statement outliving its connection stays safe.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <libpq-fe.h>
#include <pqxx/pqxx>

#include "core/status.h"
#include "store/connection.h"
#include "store/postgres/pg_sql.h"
#include "store/postgres/pg_url.h"

namespace warmcity::store {

// One command's result, straight from libpq (PQclear on destruction).
class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(PGresult* r) : r_(r) {}

  const PGresult* get() const { return r_.get(); }
  int rows() const { return r_ ? PQntuples(r_.get()) : 0; }
  int columns() const { return r_ ? PQnfields(r_.get()) : 0; }
  // The row count of an INSERT, UPDATE, DELETE or MERGE (0 for other commands).
  int affected_rows() const { return r_ ? std::atoi(PQcmdTuples(r_.get())) : 0; }
  // REQUIRES for the rest: 0 <= row < rows(), 0 <= col < columns().
  unsigned column_type(int col) const { return PQftype(r_.get(), col); }
  bool is_null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::string_view value(int row, int col) const {
    return std::string_view(PQgetvalue(r_.get(), row, col),
                            static_cast<size_t>(PQgetlength(r_.get(), row, col)));
  }

 private:
  struct Clear {
    void operator()(PGresult* r) const { PQclear(r); }
  };
  std::unique_ptr<PGresult, Clear> r_;
};

// A libpqxx connection that also gives libpq's handle (for pipeline mode,
// which libpqxx 6.4 does not wrap), taken from libpqxx's public connection
// policy hooks. Connects in its constructor, as pqxx::connection does.
class PgLink final : public pqxx::connection_base {
 public:
  explicit PgLink(const std::string& conninfo)
      : pqxx::connection_base(policy_), options_(conninfo), policy_(options_) {
    init();
  }
  ~PgLink() noexcept { close(); }
  PGconn* raw() const { return policy_.handle_; }

 private:
  struct Policy final : pqxx::connect_direct {
    explicit Policy(const std::string& options) : pqxx::connect_direct(options) {}
    handle do_startconnect(handle h) override {
      return handle_ = pqxx::connect_direct::do_startconnect(h);
    }
    handle do_completeconnect(handle h) override {
      return handle_ = pqxx::connect_direct::do_completeconnect(h);
    }
    handle do_dropconnect(handle h) noexcept override {
      return handle_ = pqxx::connect_direct::do_dropconnect(h);
    }
    handle do_disconnect(handle h) noexcept override {
      return handle_ = pqxx::connect_direct::do_disconnect(h);
    }
    handle handle_ = nullptr;
  };
  // Declared before the policy, which keeps a reference to it.
  const std::string options_;
  Policy policy_;
};

struct PgSessionOptions {
  int statement_timeout_ms = 30000;
  int lock_timeout_ms = 5000;
  int idle_in_transaction_timeout_ms = 60000;
};

class PgSession {
 public:
  enum class TxState { kNone, kOpen, kFailed };

  PgSession(PgTarget target, Connection::Mode mode, PgSessionOptions options);
  ~PgSession();
  PgSession(const PgSession&) = delete;
  PgSession& operator=(const PgSession&) = delete;

  // Opens the connection now (Backend::connect reports a bad URL, password or
  // database at once); later commands reopen it themselves.
  Status open();

  // A script without parameters (simple query protocol: several statements
  // allowed).
  Status exec(std::string_view sql);
  // BEGIN, held back (header comment) when no transaction is open: it goes out
  // with the transaction's first command. A COMMIT or ROLLBACK that finds it
  // still held (nothing was sent since) ends the transaction without the server.
  Status begin_write();

  // Registers `text` ($N placeholders) on the server under `name`. `sql` is
  // the original, for messages.
  Status prepare(const std::string& name, const std::string& text, std::string_view sql);
  // Drops a prepared statement of `generation` if that session is still the
  // live one. Never fails (a statement's destructor calls it).
  void deallocate(const std::string& name, uint64_t generation) noexcept;

  // What run_prepared needs to know about a statement.
  struct Prepared {
    const std::string& name;
    std::string_view sql;  // the original, for messages
    TxVerb verb;
    bool changes_rows;
  };
  // Runs a prepared statement with text parameters (nullptr = NULL) and
  // gives its whole result. `skipped` is set when the command was answered
  // without the server (a ROLLBACK of a transaction lost with its connection).
  Status run_prepared(const Prepared& stmt, const std::vector<const char*>& params, PgResult& out,
                      bool& skipped);

  // Makes sure a live connection is there for a command of `verb`; see the
  // header comment for the refusals. `skip` is set for a ROLLBACK that the
  // loss of the connection already did.
  Status ready(TxVerb verb, bool& skip);

  // Deferral for the rest of a write job (header comment).
  void set_deferring() { deferring_ = true; }
  // Holding deferred statements past the end of their job (header comment).
  void hold_across_jobs(bool on) { holding_across_ = on; }
  // Sends every held statement now: the first failure, or one kept since.
  Status send_held_now();
  // The next deferred statement writes its first column's integer into
  // *into when it is sent; false (no promise made) when nothing may be
  // deferred now.
  bool promise_id_into(int64_t* into);
  // Withdraws a promise no statement took; true when one took it.
  bool id_promise_taken() { return std::exchange(promised_id_, nullptr) == nullptr; }
  // A promise is waiting for the next deferred statement.
  bool id_promised() const { return promised_id_ != nullptr; }
  // True when a prepared statement of `verb` that returns no rows may be
  // deferred now: deferral is on, the transaction is healthy and nothing has failed.
  bool may_defer(TxVerb verb) const {
    return deferring_ && verb == TxVerb::kOther && tx_ == TxState::kOpen && kept_error_.ok();
  }
  // Holds back one execution of a prepared statement (its parameters
  // copied). REQUIRES: may_defer(stmt.verb). A non-ok Status when the held
  // statements had to be sent (kMaxHeld) and one failed.
  Status defer(const Prepared& stmt, const std::vector<const char*>& params);
  // Ends deferral; sends the deferred statements still held and answers the
  // first failure (or one kept since), Ok when there was none.
  Status end_deferring();
  // The number of result columns of prepared statement `name`, from the
  // server; -1 when it could not be asked.
  int result_columns(const std::string& name);

  uint64_t generation() const { return generation_; }
  TxState tx_state() const { return tx_; }
  // Sends deferred statements first, to count their rows.
  int changes();
  // The server's process id (for tests and logs); 0 when not connected.
  int backend_pid() const;
  Connection::Mode mode() const { return mode_; }
  // While set (the connection is being destroyed), deallocate() sends nothing.
  void set_closing() { closing_ = true; }

 private:
  template <class Fn>
  // Runs fn, maps what it throws to a Status ("verb `sql`: …", built only
  // on failure) and follows the transaction state through `verbs`.
  Status guarded(std::string_view verb, std::string_view sql, const TxVerb* verbs, size_t n,
                 Fn&& fn);
  void after_success(const TxVerb* verbs, size_t n);
  void after_failure(const TxVerb* verbs, size_t n);
  // A held-back statement: a parameterless SAVEPOINT or RELEASE (run by
  // `name` when it is a prepared statement, as text when not), or a deferred
  // execution of prepared statement `name` with its parameters.
  struct Held {
    std::string sql;  // the statement, or the module's SQL for messages
    std::string name;
    std::vector<std::string> values;
    std::vector<bool> nulls;
    TxVerb verb = TxVerb::kOther;
    bool changes_rows = false;
    int64_t* id_into = nullptr;  // promise_id_into(): where its first column goes
  };
  // How many statements may be held now before they are sent.
  size_t max_held() const;
  // The held statements (header comment) before a command of `verb`: holds
  // a parameterless SAVEPOINT or RELEASE (`done`: nothing more to send;
  // `name`: its prepared statement's, or nullptr for a script); sends
  // deferred ones before COMMIT, a script or a rollback; drops the rest before
  // COMMIT or ROLLBACK; otherwise the caller sends them.
  Status before_command(TxVerb verb, std::string_view sql, const std::string* name,
                        bool parameterless, bool& done);
  // Sends the held statements alone, in one pipeline.
  Status send_held();
  // ... before a command of `verb`: a rollback goes on past their failure
  // (it undoes it) unless the connection was lost.
  Status send_held_before(TxVerb verb);
  // Runs the held statements and then `stmt` (if any) in one pipeline; `out`
  // gets the statement's result.
  Status run_pipelined(const Prepared* stmt, const std::vector<const char*>* params, PgResult* out);
  // The failure kept from a deferred statement, for a command of `verb`
  // (a rollback clears it instead).
  Status answer_kept(TxVerb verb);
  // Sends the held statements where no Status can be returned, keeping
  // a failure for the next command.
  void send_held_keeping_failure() noexcept;
  // The Status of a failed libpq command (`r` may be null), losing the
  // session when the connection is gone; `what` is "step `…`".
  Status libpq_failure(const PGresult* r, std::string_view what);
  void lose() noexcept;
  std::string settings_sql() const;

  const PgTarget target_;
  const Connection::Mode mode_;
  const PgSessionOptions options_;
  // Destroyed in reverse: the handler and the work before their connection.
  std::unique_ptr<PgLink> conn_;
  std::unique_ptr<pqxx::quiet_errorhandler> quiet_;
  std::unique_ptr<pqxx::nontransaction> work_;
  uint64_t generation_ = 0;
  TxState tx_ = TxState::kNone;
  bool lost_in_tx_ = false;
  bool closing_ = false;
  int changes_ = 0;
  std::vector<Held> held_;  // statements not sent yet, in order
  size_t deferred_ = 0;     // how many of held_ are deferred prepared statements
  bool deferring_ = false;
  bool holding_across_ = false;
  int64_t* promised_id_ = nullptr;  // for the next deferred statement
  Status kept_error_;               // a deferred statement's failure no command has answered yet
};

}  // namespace warmcity::store
