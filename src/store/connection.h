// One SQLite connection and its prepared statements.
//
// A Connection belongs to exactly one thread at a time (SQLite's rule for
// warmcity: one connection per thread). Statements are prepared once per
// connection and cached by their SQL text; a Statement handle resets and
// clears its bindings when it goes out of scope. Prepared statements only:
// values are always bound, never formatted into SQL.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "store/engine.h"

struct sqlite3;
struct sqlite3_stmt;

namespace warmcity::store {

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& o) noexcept : stmt_(o.stmt_), in_use_(o.in_use_), owned_(o.owned_) {
    o.stmt_ = nullptr;
    o.in_use_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();  // resets the statement and clears bindings

  // Bind by 1-based index. Return *this so binds chain.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);  // copied (SQLITE_TRANSIENT)
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bind_null(int index);
  Statement& bind_blob(int index, std::string_view bytes);
  template <class T>
  Statement& bind(int index, const std::optional<T>& v) {
    return v ? bind(index, *v) : bind_null(index);
  }

  // Advance. Result: true when a row is available, false when done; a failure
  // (constraint, I/O) is a non-ok Status.
  Result<bool> step();
  // Run to completion, for statements that return no rows.
  Status run();

  int64_t column_int64(int col) const;
  double column_double(int col) const;
  // All bytes of the value, embedded NULs included, so it also reads blobs.
  std::string column_text(int col) const;  // "" for NULL
  std::optional<std::string> column_text_opt(int col) const;
  std::optional<int64_t> column_int64_opt(int col) const;
  bool column_is_null(int col) const;

 private:
  friend class Connection;
  // A cached statement marks its cache slot busy while a handle is alive; an
  // owned one (prepared because the cached one was busy) is finalized.
  Statement(sqlite3_stmt* stmt, bool* in_use, bool owned)
      : stmt_(stmt), in_use_(in_use), owned_(owned) {}
  sqlite3_stmt* stmt_;
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

  // Opens (creating for kReadWrite) the database file. Sets busy_timeout, and
  // for kReadWrite WAL journal mode and synchronous=FULL; foreign keys on.
  static Result<std::unique_ptr<Connection>> open(const std::string& path, Mode mode,
                                                  int busy_timeout_ms = 5000);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more SQL statements with no parameters (DDL, PRAGMA, BEGIN).
  Status exec(std::string_view sql);
  // Prepared (and cached) statement. A failure to prepare is a bug in our SQL:
  // the Result carries kInternal with SQLite's message. `sql` is exactly one
  // statement. Preparing the same SQL again while an earlier handle for it is
  // still alive gives an independent, uncached statement.
  Result<Statement> prepare(const std::string& sql);

  Engine engine() const { return Engine::kSqlite; }
  int64_t last_insert_rowid() const;
  int changes() const;
  sqlite3* raw() { return db_; }

 private:
  friend class Database;
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  explicit Connection(sqlite3* db) : db_(db) {}
  // A connection that could not be opened: exec() and prepare() return `why`.
  static std::unique_ptr<Connection> broken(Status why);
  Status enable_wal();
  sqlite3* db_;
  Status broken_;
  std::unordered_map<std::string, Cached> cache_;  // node-based: &in_use stays valid
};

// Maps a SQLite result code to a Status (constraint → kConflict, busy/full/io → kUnavailable…).
Status sqlite_status(int rc, sqlite3* db, std::string_view what);

}  // namespace warmcity::store
