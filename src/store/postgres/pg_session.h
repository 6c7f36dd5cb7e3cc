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
// Round trips: the writer wraps each job in SAVEPOINT … RELEASE. A RELEASE
// inside a healthy transaction is held back and sent with the next command:
// with the next job's SAVEPOINT as one simple query (one round trip where
// there were two), not at all before COMMIT or ROLLBACK (they end every
// savepoint), alone before any other command. So the error of a RELEASE
// (only a misspelt savepoint name can cause one) surfaces at the next command.
//
// Session settings, sent in one round trip after connecting:
// synchronous_commit=on (a COMMIT that returned is durable, also on a
// standby-less server), statement_timeout, lock_timeout (the busy timeout),
// idle_in_transaction_session_timeout, bytea_output=hex,
// client_min_messages=error (no WARNING chatter on stderr); kReadOnly
// sessions also default_transaction_read_only=on.
//
// Thread-safety: none; a session belongs to its connection's thread. It is
// shared (shared_ptr) between a PgConnection and its statements only so that
// a statement outliving its connection stays safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/pqxx>

#include "core/status.h"
#include "store/connection.h"
#include "store/postgres/pg_sql.h"
#include "store/postgres/pg_url.h"

namespace warmcity::store {

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
  Status run_prepared(const Prepared& stmt, const std::vector<const char*>& params,
                      pqxx::result& out, bool& skipped);

  // Makes sure a live connection is there for a command of `verb`; see the
  // header comment for the refusals. `skip` is set for a ROLLBACK that the
  // loss of the connection already did.
  Status ready(TxVerb verb, bool& skip);

  uint64_t generation() const { return generation_; }
  TxState tx_state() const { return tx_; }
  int changes() const { return changes_; }
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
  // The held-back RELEASE (header comment): before a command of `verb`,
  // holds a parameterless RELEASE (`done`: nothing more to send), or sends a
  // held one — with a SAVEPOINT in one round trip (`done`), dropped before
  // COMMIT or ROLLBACK, alone before anything else.
  Status before_command(TxVerb verb, std::string_view sql, bool parameterless, bool& done);
  Status send_held_release();
  void lose() noexcept;
  std::string settings_sql() const;

  const PgTarget target_;
  const Connection::Mode mode_;
  const PgSessionOptions options_;
  // Destroyed in reverse: the handler and the work before their connection.
  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::quiet_errorhandler> quiet_;
  std::unique_ptr<pqxx::nontransaction> work_;
  uint64_t generation_ = 0;
  TxState tx_ = TxState::kNone;
  bool lost_in_tx_ = false;
  bool closing_ = false;
  int changes_ = 0;
  std::string held_release_;  // a RELEASE not sent yet
};

}  // namespace warmcity::store
