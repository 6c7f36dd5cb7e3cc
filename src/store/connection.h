// A database connection and its prepared statements, whatever the engine.
//
// Modules see only this file (and database.h): the engines live in
// src/store/sqlite/ and src/store/postgres/, and module SQL is written once
// in the dialect both run (docs/storage.md, "One SQL for both engines").
//
// A Connection belongs to exactly one thread at a time. Statements are
// prepared once per connection and cached by their SQL text, at most
// kMaxCachedStatements of them: past that the least recently used one that no
// handle holds is destroyed, and prepared again when next asked for. A
// Statement handle resets and clears its bindings when it goes out of scope.
// Prepared statements only: values are always bound, never formatted into SQL.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/engine.h"

namespace warmcity::store {

// One engine's prepared statement (src/store/<engine>/). Indexes of binds are
// 1-based, of columns 0-based.
class StatementImpl {
 public:
  virtual ~StatementImpl() = default;
  virtual void bind_int64(int index, int64_t value) = 0;
  virtual void bind_double(int index, double value) = 0;
  virtual void bind_text(int index, std::string_view text) = 0;   // copied
  virtual void bind_blob(int index, std::string_view bytes) = 0;  // copied
  virtual void bind_null(int index) = 0;
  // The first call runs the statement. true: a row is available; false: done;
  // a failure is a non-ok Status (a constraint → kConflict; busy, disk full,
  // a lost connection → kUnavailable; anything else kInternal).
  virtual Result<bool> step() = 0;
  virtual int64_t column_int64(int col) const = 0;     // NULL → 0
  virtual double column_double(int col) const = 0;     // NULL → 0
  virtual std::string column_text(int col) const = 0;  // all bytes, blobs too; NULL → ""
  virtual bool column_is_null(int col) const = 0;
  // Back to unrun, bindings cleared: the handle that used it was released.
  virtual void reset() = 0;
};

class Statement {
 public:
  Statement(Statement&& o) noexcept : impl_(o.impl_), in_use_(o.in_use_), owned_(o.owned_) {
    o.impl_ = nullptr;
    o.in_use_ = nullptr;
    o.owned_ = false;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();  // resets the statement and clears its bindings

  // Bind by 1-based index. Return *this so binds chain.
  Statement& bind(int index, int64_t value) {
    impl_->bind_int64(index, value);
    return *this;
  }
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value) {
    impl_->bind_double(index, value);
    return *this;
  }
  Statement& bind(int index, std::string_view text) {
    impl_->bind_text(index, text);
    return *this;
  }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bind_null(int index) {
    impl_->bind_null(index);
    return *this;
  }
  Statement& bind_blob(int index, std::string_view bytes) {
    impl_->bind_blob(index, bytes);
    return *this;
  }
  template <class T>
  Statement& bind(int index, const std::optional<T>& v) {
    return v ? bind(index, *v) : bind_null(index);
  }

  // Advance. Result: true when a row is available, false when done; a failure
  // (constraint, I/O) is a non-ok Status.
  Result<bool> step() { return impl_->step(); }
  // Run to completion, for statements that return no rows.
  Status run();
  // For `INSERT … RETURNING id`: runs it and answers the id of the one row
  // it made (kInternal when it returned none).
  Result<int64_t> returning_id();

  int64_t column_int64(int col) const { return impl_->column_int64(col); }
  double column_double(int col) const { return impl_->column_double(col); }
  // All bytes of the value, embedded NULs included, so it also reads blobs.
  std::string column_text(int col) const { return impl_->column_text(col); }  // "" for NULL
  std::optional<std::string> column_text_opt(int col) const;
  std::optional<int64_t> column_int64_opt(int col) const;
  bool column_is_null(int col) const { return impl_->column_is_null(col); }

 private:
  friend class Connection;
  // A cached statement marks its cache slot busy while a handle is alive; an
  // owned one (prepared because the cached one was busy) is destroyed with it.
  Statement(StatementImpl* impl, bool* in_use, bool owned)
      : impl_(impl), in_use_(in_use), owned_(owned) {}

  StatementImpl* impl_;
  bool* in_use_ = nullptr;
  bool owned_ = false;
};

// Steps `s` to the end and turns every row into a T through `read`.
template <class T, class Read>
Result<std::vector<T>> collect(Statement& s, Read read) {
  std::vector<T> out;
  while (true) {
    Result<bool> row = s.step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(read(s));
  }
}

class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  virtual ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  virtual Engine engine() const = 0;

  // Runs one or more SQL statements with no parameters (DDL, BEGIN).
  virtual Status exec(std::string_view sql) = 0;

  // Prepared (and cached) statement. A failure to prepare is a bug in our SQL:
  // the Result carries kInternal with the engine's message (kUnavailable when
  // the connection itself is lost). `sql` is exactly one statement. Preparing
  // the same SQL again while an earlier handle for it is still alive gives an
  // independent, uncached statement; so does any SQL while every cached
  // statement is held.
  Result<Statement> prepare(const std::string& sql);

  // How many statements a connection keeps prepared: enough for every query
  // text the modules write (IN lists padded: sql_list.h), bounded for any
  // other text built at run time.
  static constexpr size_t kMaxCachedStatements = 256;
  // How many it keeps now.
  size_t cached_statements() const { return cache_.size(); }

  // Rows changed by the last INSERT, UPDATE or DELETE run on this connection.
  virtual int changes() const = 0;

  // Opens the writer's transaction (SQLite: BEGIN IMMEDIATE, so the write lock
  // is taken at once). COMMIT and ROLLBACK go through exec().
  virtual Status begin_write() = 0;
  // Opens a migration's transaction: as begin_write(), and on an engine where
  // several processes may migrate at once, also takes a lock that serialises them.
  virtual Status begin_schema_change() { return begin_write(); }
  // A transaction is open (also one that failed and awaits ROLLBACK); false
  // once the engine or a lost connection ended it.
  virtual bool in_transaction() const = 0;
  // Inside a write job (store::Writer), lets the rest of the job's statements
  // that return no rows (INSERT, UPDATE, DELETE without RETURNING) be held
  // back and sent with the job's next statement that needs the server, or at
  // its end: several in one round trip on PostgreSQL; SQLite runs each at
  // once. Such a statement's step() and run() then answer "no rows, Ok"
  // before the server has seen it; its failure is the answer of the next
  // statement (or prepare) of the job, or failing that of end_write_job(), and
  // the job fails with it either way. A job that calls this must pass every
  // failure up as it came, never choose what to do next by it; changes()
  // still counts the last statement's rows (it sends what is held back).
  virtual void defer_rowless_statements() {}
  // The writer, after each job: ends its deferral, sends whatever it held
  // back and answers its first failure (Ok when none, as always on SQLite).
  virtual Status end_write_job() { return Status::Ok(); }
  // The single writer is stopping: make what it committed easy to copy (SQLite
  // checkpoints its WAL into the main file). Failure changes nothing committed.
  virtual void finish_writes() {}

 protected:
  // `max_cached_statements` other than the default is for tests.
  explicit Connection(size_t max_cached_statements = kMaxCachedStatements)
      : max_cached_(max_cached_statements) {}
  virtual Result<std::unique_ptr<StatementImpl>> prepare_new(const std::string& sql) = 0;
  // Destroys the cached statements. A derived destructor calls it first, while
  // its engine handle is still open.
  void drop_statements() {
    recent_.clear();
    cache_.clear();
  }

 private:
  struct Cached {
    std::unique_ptr<StatementImpl> impl;
    bool in_use = false;
    std::list<const std::string*>::iterator recent;  // its place in recent_
  };
  // Destroys the least recently used statement no handle holds; false when
  // every cached statement is held.
  bool evict_one();

  size_t max_cached_;
  std::unordered_map<std::string, Cached> cache_;  // node-based: &in_use and keys stay put
  std::list<const std::string*> recent_;           // cache_'s keys, most recently used first
};

// Stands in for a connection that could not be opened: exec() and prepare()
// answer `why` (Database::reader() hands one out so that a request fails
// cleanly, and keeps it for the thread's life so the reference never dangles).
class BrokenConnection final : public Connection {
 public:
  BrokenConnection(Engine engine, Status why);
  void set_reason(Status why) { why_ = std::move(why); }
  Engine engine() const override { return engine_; }
  Status exec(std::string_view) override { return why_; }
  int changes() const override { return 0; }
  Status begin_write() override { return why_; }
  bool in_transaction() const override { return false; }

 protected:
  Result<std::unique_ptr<StatementImpl>> prepare_new(const std::string&) override;

 private:
  Engine engine_;
  Status why_;
};

}  // namespace warmcity::store
