#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <memory>
#include <string>
#include <utility>

#include "store/sqlite/wal_checkpointer.h"

namespace warmcity::store {
namespace {

bool is_blank(const char* p) {
  for (; *p != '\0'; ++p) {
    if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') return false;
  }
  return true;
}

class SqliteStatement final : public StatementImpl {
 public:
  explicit SqliteStatement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void bind_int64(int index, int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
  void bind_double(int index, double value) override { sqlite3_bind_double(stmt_, index, value); }
  void bind_text(int index, std::string_view text) override {
    sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  }
  void bind_blob(int index, std::string_view bytes) override {
    // A null data pointer would bind NULL; an empty blob must stay a blob.
    static const char kEmpty = 0;
    sqlite3_bind_blob64(stmt_, index, bytes.empty() ? &kEmpty : bytes.data(), bytes.size(),
                        SQLITE_TRANSIENT);
  }
  void bind_null(int index) override { sqlite3_bind_null(stmt_, index); }

  Result<bool> step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const char* sql = sqlite3_sql(stmt_);
    return sqlite_status(rc, sqlite3_db_handle(stmt_),
                         describe_sql("step", sql != nullptr ? sql : "?"));
  }

  int64_t column_int64(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double column_double(int col) const override { return sqlite3_column_double(stmt_, col); }
  std::string column_text(int col) const override {
    // Text first, then bytes: that order keeps the pointer valid (SQLite docs).
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (text == nullptr) return std::string();
    return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  bool column_is_null(int col) const override {
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
  }

  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3_stmt* stmt_;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    if (checkpointer_) checkpointer_->stop();
    drop_statements();
    sqlite3_close_v2(db_);
  }

  Engine engine() const override { return Engine::kSqlite; }

  Status exec(std::string_view sql) override {
    const std::string text(sql);
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return Status::Ok();
    return sqlite_status(rc, db_, describe_sql("exec", text));
  }

  int changes() const override { return sqlite3_changes(db_); }
  Status begin_write() override { return exec("BEGIN IMMEDIATE"); }
  bool in_transaction() const override { return sqlite3_get_autocommit(db_) == 0; }
  void finish_writes() override {
    // Everything into the main file, the log emptied: a plain copy of the
    // database file alone then holds every committed write. If it cannot (a
    // reader in the way), the log stays for the next open to replay.
    if (checkpointer_) checkpointer_->stop();
    (void)exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }

  sqlite3* handle() { return db_; }
  int64_t background_checkpoints() const {
    return checkpointer_ ? checkpointer_->checkpoints() : 0;
  }

  // The log's checkpoints move to a thread of their own (wal_checkpointer.h):
  // this hook replaces SQLite's autocheckpoint on this connection.
  void checkpoint_in_background() {
    const char* file = sqlite3_db_filename(db_, "main");
    if (file == nullptr || *file == '\0') return;
    checkpointer_ = std::make_unique<WalCheckpointer>(file);
    sqlite3_wal_hook(db_, &SqliteConnection::wal_committed, checkpointer_.get());
  }

  Status enable_wal() {
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

 protected:
  Result<std::unique_ptr<StatementImpl>> prepare_new(const std::string& sql) override {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size() + 1),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) {
      return Status::Internal(describe_sql("prepare", sql) + ": " + sqlite3_errmsg(db_));
    }
    if (stmt == nullptr) return Status::Internal(describe_sql("prepare", sql) + ": no statement");
    auto impl = std::make_unique<SqliteStatement>(stmt);
    if (tail != nullptr && !is_blank(tail)) {
      return Status::Internal(describe_sql("prepare", sql) + ": more than one statement");
    }
    return std::unique_ptr<StatementImpl>(std::move(impl));
  }

 private:
  static int wal_committed(void* arg, sqlite3* db, const char* name, int pages) {
    if (pages >= WalCheckpointer::kInlinePages) {
      (void)sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else {
      static_cast<WalCheckpointer*>(arg)->committed(pages);
    }
    return SQLITE_OK;
  }

  sqlite3* db_;
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

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

Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path, Connection::Mode mode,
                                                int busy_timeout_ms) {
  const bool rw = mode == Connection::Mode::kReadWrite;
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
  auto conn = std::make_unique<SqliteConnection>(db);

  Status s = conn->exec("PRAGMA foreign_keys=ON");
  if (s.ok() && rw) s = conn->enable_wal();
  if (s.ok() && rw) s = conn->exec("PRAGMA synchronous=FULL");
  // The writer's savepoints (one per job of a group commit) keep the pages a
  // job changed in a sub-journal that rolls the one job back. By default a
  // sub-journal past 64 KiB spills to a temporary file: a batch of a dozen
  // jobs opened, wrote, closed and unlinked a file under /var/tmp on almost
  // every commit, on the writer thread, between the answers and their disk
  // sync (bench/canteens/counter-sale.sh under strace). Kept in memory, it is
  // bounded by one batch's changed pages.
  if (s.ok() && rw) s = conn->exec("PRAGMA temp_store=MEMORY");
  if (s.ok() && rw) conn->checkpoint_in_background();
  if (!s.ok()) return Status::Internal("open " + path + ": " + s.message());
  return std::unique_ptr<Connection>(std::move(conn));
}

int64_t background_checkpoints(Connection& conn) {
  auto* lite = dynamic_cast<SqliteConnection*>(&conn);
  return lite != nullptr ? lite->background_checkpoints() : 0;
}

sqlite3* sqlite_handle(Connection& conn) {
  auto* lite = dynamic_cast<SqliteConnection*>(&conn);
  return lite != nullptr ? lite->handle() : nullptr;
}

}  // namespace warmcity::store
