#include "store/connection.h"

#include <sqlite3.h>

#include <string>
#include <utility>

namespace warmcity::store {
namespace {

bool is_blank(const char* p) {
  for (; *p != '\0'; ++p) {
    if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') return false;
  }
  return true;
}

// "verb `sql`" for messages, long SQL (migrations) cut short.
std::string describe(std::string_view verb, std::string_view sql) {
  constexpr size_t kMax = 160;
  std::string out(verb);
  out += " `";
  out += sql.substr(0, kMax);
  out += sql.size() > kMax ? "...`" : "`";
  return out;
}

std::string statement_what(sqlite3_stmt* stmt) {
  const char* sql = sqlite3_sql(stmt);
  return describe("step", sql != nullptr ? sql : "?");
}

}  // namespace

Status sqlite_status(int rc, sqlite3* db, std::string_view what) {
  const int primary = rc & 0xff;
  if (primary == SQLITE_OK || primary == SQLITE_ROW || primary == SQLITE_DONE) return Status::Ok();
  // sqlite3_errmsg describes the connection's most recent failure; use it only
  // when that failure is the one we were handed.
  const char* detail = (db != nullptr && (sqlite3_errcode(db) & 0xff) == primary)
                           ? sqlite3_errmsg(db)
                           : sqlite3_errstr(rc);
  std::string message = std::string(what) + ": " + detail;
  switch (primary) {
    case SQLITE_CONSTRAINT:
      return Status::Conflict(std::move(message));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return Status::Unavailable(std::move(message));
    default:
      return Status::Internal(std::move(message));
  }
}

// ---- Statement ----

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  if (owned_) {
    sqlite3_finalize(stmt_);
  } else {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  if (in_use_ != nullptr) *in_use_ = false;
}

Statement& Statement::bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  // A null data pointer would bind NULL; an empty blob must stay a blob.
  static const char kEmpty = 0;
  sqlite3_bind_blob64(stmt_, index, bytes.empty() ? &kEmpty : bytes.data(), bytes.size(),
                      SQLITE_TRANSIENT);
  return *this;
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_status(rc, sqlite3_db_handle(stmt_), statement_what(stmt_));
}

Status Statement::run() {
  while (true) {
    Result<bool> more = step();
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
  }
}

int64_t Statement::column_int64(int col) const { return sqlite3_column_int64(stmt_, col); }

double Statement::column_double(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Statement::column_text(int col) const {
  // Text first, then bytes: that order keeps the pointer valid (SQLite docs).
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (text == nullptr) return std::string();
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<std::string> Statement::column_text_opt(int col) const {
  if (column_is_null(col)) return std::nullopt;
  return column_text(col);
}

std::optional<int64_t> Statement::column_int64_opt(int col) const {
  if (column_is_null(col)) return std::nullopt;
  return column_int64(col);
}

bool Statement::column_is_null(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

// ---- Connection ----

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, Mode mode,
                                                     int busy_timeout_ms) {
  const bool rw = mode == Mode::kReadWrite;
  const int flags = SQLITE_OPEN_NOMUTEX |
                    (rw ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY);
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = sqlite_status(rc, db, "open " + path);
    sqlite3_close_v2(db);  // harmless on nullptr
    return s;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  std::unique_ptr<Connection> conn(new Connection(db));

  Status s = conn->exec("PRAGMA foreign_keys=ON");
  if (s.ok() && rw) s = conn->enable_wal();
  if (s.ok() && rw) s = conn->exec("PRAGMA synchronous=FULL");
  if (!s.ok()) return Status::Internal("open " + path + ": " + s.message());
  return conn;
}

Status Connection::enable_wal() {
  // The pragma answers with the mode now in force; an in-memory database
  // answers "memory" and cannot do WAL.
  Result<Statement> wal = prepare("PRAGMA journal_mode=WAL");
  if (!wal.ok()) return wal.status();
  Result<bool> row = wal->step();
  if (!row.ok()) return row.status();
  const std::string got = *row ? wal->column_text(0) : std::string();
  if (got == "wal" || got == "memory") return Status::Ok();
  return Status::Internal("cannot enable WAL (journal_mode is " + got + ")");
}

std::unique_ptr<Connection> Connection::broken(Status why) {
  std::unique_ptr<Connection> conn(new Connection(nullptr));
  conn->broken_ = std::move(why);
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  // close_v2 defers the close while a Statement handle outlives us.
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Status Connection::exec(std::string_view sql) {
  if (db_ == nullptr) return broken_;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return Status::Ok();
  return sqlite_status(rc, db_, describe("exec", text));
}

Result<Statement> Connection::prepare(const std::string& sql) {
  if (db_ == nullptr) return broken_;
  auto it = cache_.find(sql);
  if (it != cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    return Statement(it->second.stmt, &it->second.in_use, /*owned=*/false);
  }
  const bool cache_it = it == cache_.end();
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size() + 1),
                                    cache_it ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, &tail);
  if (rc != SQLITE_OK) {
    return Status::Internal(describe("prepare", sql) + ": " + sqlite3_errmsg(db_));
  }
  if (stmt == nullptr) return Status::Internal(describe("prepare", sql) + ": no statement");
  if (tail != nullptr && !is_blank(tail)) {
    sqlite3_finalize(stmt);
    return Status::Internal(describe("prepare", sql) + ": more than one statement");
  }
  if (!cache_it) return Statement(stmt, nullptr, /*owned=*/true);
  Cached& slot = cache_[sql];
  slot.stmt = stmt;
  slot.in_use = true;
  return Statement(stmt, &slot.in_use, /*owned=*/false);
}

int64_t Connection::last_insert_rowid() const {
  return db_ != nullptr ? sqlite3_last_insert_rowid(db_) : 0;
}

int Connection::changes() const { return db_ != nullptr ? sqlite3_changes(db_) : 0; }

}  // namespace warmcity::store
