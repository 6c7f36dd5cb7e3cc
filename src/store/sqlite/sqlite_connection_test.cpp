#include "store/sqlite/sqlite_connection.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "store/test_util.h"

namespace warmcity::store {
namespace {

using testing_util::query_int;
using testing_util::ScratchDir;

std::unique_ptr<Connection> open_rw(const std::string& path) {
  Result<std::unique_ptr<Connection>> conn = open_sqlite(path, Connection::Mode::kReadWrite);
  EXPECT_TRUE(conn.ok()) << conn.status().message();
  if (!conn.ok()) return nullptr;
  return std::move(*conn);
}

std::string query_text(Connection& conn, const std::string& sql) {
  Result<Statement> st = conn.prepare(sql);
  EXPECT_TRUE(st.ok()) << st.status().message();
  if (!st.ok()) return "";
  Result<bool> row = st->step();
  EXPECT_TRUE(row.ok() && *row);
  return row.ok() && *row ? st->column_text(0) : "";
}

class ConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conn_ = open_rw(dir_.file("c.db"));
    ASSERT_NE(conn_, nullptr);
    ASSERT_TRUE(conn_
                    ->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, d REAL,"
                           " s TEXT, b BLOB)")
                    .ok());
  }
  ScratchDir dir_;
  std::unique_ptr<Connection> conn_;
};
using store_connection = ConnectionTest;  // suite name for `ctest -R store`

TEST_F(store_connection, ReadWriteModeSetsPragmas) {
  EXPECT_EQ(query_text(*conn_, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(query_int(*conn_, "PRAGMA synchronous"), 2);  // FULL
  EXPECT_EQ(query_int(*conn_, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(query_int(*conn_, "PRAGMA busy_timeout"), 5000);
  EXPECT_EQ(query_int(*conn_, "PRAGMA temp_store"), 2);  // MEMORY: no sub-journal files
}

// Past 1,000 pages of log, a commit hands the checkpoint to the
// connection's own thread (wal_checkpointer.h), which copies the log into
// the database file while the connection goes on committing.
TEST_F(store_connection, TheLogIsCheckpointedOnAThreadOfItsOwn) {
  const std::string blob(8000, 'x');  // two pages of log per commit, and more
  auto commit_rows = [&](int n) {
    for (int i = 0; i < n; ++i) {
      Result<Statement> ins = conn_->prepare("INSERT INTO t (b) VALUES (?)");
      ASSERT_TRUE(ins.ok());
      ins->bind_blob(1, blob);
      ASSERT_TRUE(ins->run().ok());
    }
  };
  commit_rows(600);
  // No deadline to meet, only a condition to reach: the thread runs as soon
  // as it is scheduled.
  for (int i = 0; i < 3000 && background_checkpoints(*conn_) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_GE(background_checkpoints(*conn_), 1);
  // Copied: the database file (two pages when empty) holds rows without the
  // log. The first hand-off comes at 1,000 pages of log (a commit here logs a
  // few pages: the row's leaf, its overflow pages, the header) while the
  // commits go on, so the copy holds the rows logged by the time the thread
  // ran — not necessarily all 600: it once held 598 (4,784,128 bytes) under
  // ctest -j2 in a fresh-clone run. A hundred rows' bytes is far above an
  // empty file and below any copy of 1,000 pages.
  const auto db_bytes = std::filesystem::file_size(dir_.file("c.db"));
  EXPECT_GT(db_bytes, 100u * 8000u);
  // The connection went on committing beside it, and a reader sees it all.
  commit_rows(10);
  std::unique_ptr<Connection> reader = open_rw(dir_.file("c.db"));
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(query_int(*reader, "SELECT count(*) FROM t"), 610);
  EXPECT_EQ(query_int(*conn_, "SELECT count(*) FROM t"), 610);
}

TEST_F(store_connection, ReadOnlyModeRefusesWrites) {
  Result<std::unique_ptr<Connection>> ro =
      open_sqlite(dir_.file("c.db"), Connection::Mode::kReadOnly, 1234);
  ASSERT_TRUE(ro.ok()) << ro.status().message();
  EXPECT_EQ(query_int(**ro, "PRAGMA busy_timeout"), 1234);
  EXPECT_EQ(query_int(**ro, "SELECT count(*) FROM t"), 0);
  Status s = (*ro)->exec("INSERT INTO t (i) VALUES (1)");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("readonly"), std::string::npos) << s.message();
}

TEST_F(store_connection, ReadOnlyOpenOfMissingFileFails) {
  Result<std::unique_ptr<Connection>> ro =
      open_sqlite(dir_.file("missing.db"), Connection::Mode::kReadOnly);
  ASSERT_FALSE(ro.ok());
  EXPECT_NE(ro.status().message().find("missing.db"), std::string::npos);
}

TEST_F(store_connection, BindStepAndColumnsRoundTrip) {
  const std::string chinese = "暖城·便民十件事：共享厕所、爱心驿站";
  const std::string blob("\x00\x01\xff\xfe\x00zz", 7);
  const int64_t big = std::numeric_limits<int64_t>::max();
  const std::string insert = "INSERT INTO t (i, d, s, b) VALUES (?1, ?2, ?3, ?4) RETURNING id";
  Result<Statement> ins = conn_->prepare(insert);
  ASSERT_TRUE(ins.ok()) << ins.status().message();
  Result<int64_t> first =
      ins->bind(1, big).bind(2, 2.5).bind(3, chinese).bind_blob(4, blob).returning_id();
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(conn_->changes(), 1);

  Result<Statement> nulls = conn_->prepare(insert);
  ASSERT_TRUE(nulls.ok());
  nulls->bind(1, std::optional<int64_t>())
      .bind_null(2)
      .bind(3, std::optional<std::string>())
      .bind_null(4);
  Result<int64_t> second = nulls->returning_id();
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(*second, *first + 1);

  // A RETURNING that returns no row (the insert selected nothing) is an error.
  Result<Statement> none = conn_->prepare("INSERT INTO t (i) SELECT 1 WHERE 0 = 1 RETURNING id");
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_EQ(none->returning_id().status().code(), Code::kInternal);

  Result<Statement> sel = conn_->prepare("SELECT i, d, s, b FROM t ORDER BY id");
  ASSERT_TRUE(sel.ok());
  Result<bool> row = sel->step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(sel->column_int64(0), big);
  EXPECT_DOUBLE_EQ(sel->column_double(1), 2.5);
  EXPECT_EQ(sel->column_text(2), chinese);
  EXPECT_EQ(sel->column_text(3), blob);
  EXPECT_EQ(sel->column_text_opt(2), chinese);
  EXPECT_EQ(sel->column_int64_opt(0), big);
  EXPECT_FALSE(sel->column_is_null(3));

  row = sel->step();
  ASSERT_TRUE(row.ok() && *row);
  for (int col = 0; col < 4; ++col) EXPECT_TRUE(sel->column_is_null(col)) << col;
  EXPECT_EQ(sel->column_text(2), "");
  EXPECT_EQ(sel->column_text_opt(2), std::nullopt);
  EXPECT_EQ(sel->column_int64_opt(0), std::nullopt);

  row = sel->step();
  ASSERT_TRUE(row.ok());
  EXPECT_FALSE(*row);
}

TEST_F(store_connection, ChineseTextComparesAndCountsAsUtf8) {
  Result<Statement> st = conn_->prepare("SELECT length(?1), ?1 = '爱心驿站', hex(?1)");
  ASSERT_TRUE(st.ok());
  st->bind(1, "爱心驿站");
  Result<bool> row = st->step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(st->column_int64(0), 4);  // characters, not bytes
  EXPECT_EQ(st->column_int64(1), 1);
  EXPECT_EQ(st->column_text(2), "E788B1E5BF83E9A9BFE7AB99");
}

TEST_F(store_connection, EmptyBlobIsNotNull) {
  Result<Statement> st = conn_->prepare("SELECT typeof(?1), length(?1)");
  ASSERT_TRUE(st.ok());
  st->bind_blob(1, "");
  Result<bool> row = st->step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(st->column_text(0), "blob");
  EXPECT_EQ(st->column_int64(1), 0);
}

TEST_F(store_connection, CachedStatementComesBackResetWithBindingsCleared) {
  const std::string sql = "SELECT ?1";
  {
    Result<Statement> st = conn_->prepare(sql);
    ASSERT_TRUE(st.ok());
    st->bind(1, 42);
    Result<bool> row = st->step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ(st->column_int64(0), 42);
  }  // left mid-result: the destructor resets
  Result<Statement> again = conn_->prepare(sql);
  ASSERT_TRUE(again.ok());
  Result<bool> row = again->step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_TRUE(again->column_is_null(0));  // the old binding is gone
}

TEST_F(store_connection, SameSqlPreparedWhileInUseIsIndependent) {
  ASSERT_TRUE(conn_->exec("INSERT INTO t (i) VALUES (1), (2), (3)").ok());
  const std::string sql = "SELECT i FROM t ORDER BY i";
  Result<Statement> outer = conn_->prepare(sql);
  ASSERT_TRUE(outer.ok());
  int64_t outer_sum = 0, inner_rows = 0;
  while (true) {
    Result<bool> row = outer->step();
    ASSERT_TRUE(row.ok());
    if (!*row) break;
    outer_sum += outer->column_int64(0);
    Result<Statement> inner = conn_->prepare(sql);
    ASSERT_TRUE(inner.ok());
    while (true) {
      Result<bool> r = inner->step();
      ASSERT_TRUE(r.ok());
      if (!*r) break;
      ++inner_rows;
    }
  }
  EXPECT_EQ(outer_sum, 6);
  EXPECT_EQ(inner_rows, 9);
}

TEST_F(store_connection, ConstraintViolationIsConflict) {
  ASSERT_TRUE(conn_->exec("CREATE TABLE u (k TEXT UNIQUE)").ok());
  Result<Statement> ins = conn_->prepare("INSERT INTO u (k) VALUES (?1)");
  ASSERT_TRUE(ins.ok());
  ASSERT_TRUE(ins->bind(1, "网格").run().ok());
  Result<Statement> dup = conn_->prepare("INSERT INTO u (k) VALUES (?1)");
  ASSERT_TRUE(dup.ok());
  Status s = dup->bind(1, "网格").run();
  EXPECT_EQ(s.code(), Code::kConflict);
  EXPECT_NE(s.message().find("UNIQUE"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("INSERT INTO u"), std::string::npos) << s.message();
}

TEST_F(store_connection, ForeignKeysAreEnforced) {
  ASSERT_TRUE(conn_
                  ->exec("CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                         "CREATE TABLE child (p INTEGER REFERENCES parent(id))")
                  .ok());
  Status s = conn_->exec("INSERT INTO child (p) VALUES (7)");
  EXPECT_EQ(s.code(), Code::kConflict) << s.message();
}

TEST_F(store_connection, BadSqlIsInternalWithSqliteMessage) {
  Result<Statement> st = conn_->prepare("SELEC nonsense");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.status().code(), Code::kInternal);
  EXPECT_NE(st.status().message().find("syntax error"), std::string::npos);

  Result<Statement> two = conn_->prepare("SELECT 1; SELECT 2");
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.status().code(), Code::kInternal);

  Status exec = conn_->exec("INSERT INTO no_such_table VALUES (1)");
  EXPECT_EQ(exec.code(), Code::kInternal);
  EXPECT_NE(exec.message().find("no_such_table"), std::string::npos);
}

TEST(store_sqlite_status, MapsResultCodes) {
  EXPECT_TRUE(sqlite_status(SQLITE_OK, nullptr, "x").ok());
  EXPECT_TRUE(sqlite_status(SQLITE_DONE, nullptr, "x").ok());
  EXPECT_EQ(sqlite_status(SQLITE_CONSTRAINT_UNIQUE, nullptr, "x").code(), Code::kConflict);
  EXPECT_EQ(sqlite_status(SQLITE_CONSTRAINT_FOREIGNKEY, nullptr, "x").code(), Code::kConflict);
  EXPECT_EQ(sqlite_status(SQLITE_BUSY, nullptr, "x").code(), Code::kUnavailable);
  EXPECT_EQ(sqlite_status(SQLITE_LOCKED, nullptr, "x").code(), Code::kUnavailable);
  EXPECT_EQ(sqlite_status(SQLITE_FULL, nullptr, "x").code(), Code::kUnavailable);
  EXPECT_EQ(sqlite_status(SQLITE_IOERR_FSYNC, nullptr, "x").code(), Code::kUnavailable);
  EXPECT_EQ(sqlite_status(SQLITE_CORRUPT, nullptr, "x").code(), Code::kInternal);
  EXPECT_EQ(sqlite_status(SQLITE_MISUSE, nullptr, "x").code(), Code::kInternal);
  const Status s = sqlite_status(SQLITE_BUSY, nullptr, "saving appeal");
  EXPECT_EQ(s.message(), "saving appeal: database is locked");
}

}  // namespace
}  // namespace warmcity::store
