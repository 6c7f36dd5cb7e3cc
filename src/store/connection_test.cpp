// The per-connection statement cache (connection.h): bounded, least recently
// used evicted first, a statement a handle holds never evicted. On an engine
// written here that counts its statements, and on SQLite.
#include "store/connection.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "store/sqlite/sqlite_connection.h"
#include "store/test_util.h"

namespace warmcity::store {
namespace {

// Statements that answer their SQL as one row and tell the engine when they
// are destroyed.
struct Ledger {
  std::map<std::string, int> prepared;  // prepare_new() calls per SQL
  std::map<std::string, int> alive;     // statements not yet destroyed, per SQL
};

class CountedStatement final : public StatementImpl {
 public:
  CountedStatement(Ledger& ledger, std::string sql) : ledger_(ledger), sql_(std::move(sql)) {
    ++ledger_.alive[sql_];
  }
  ~CountedStatement() override { --ledger_.alive[sql_]; }
  void bind_int64(int, int64_t) override {}
  void bind_double(int, double) override {}
  void bind_text(int, std::string_view) override {}
  void bind_blob(int, std::string_view) override {}
  void bind_null(int) override {}
  Result<bool> step() override {
    const bool row = !done_;
    done_ = true;
    return row;
  }
  int64_t column_int64(int) const override { return 0; }
  double column_double(int) const override { return 0; }
  std::string column_text(int) const override { return sql_; }
  bool column_is_null(int) const override { return false; }
  void reset() override { done_ = false; }

 private:
  Ledger& ledger_;
  std::string sql_;
  bool done_ = false;
};

class CountingConnection final : public Connection {
 public:
  CountingConnection(Ledger& ledger, size_t max_cached) : Connection(max_cached), ledger_(ledger) {}
  ~CountingConnection() override { drop_statements(); }
  Engine engine() const override { return Engine::kSqlite; }
  Status exec(std::string_view) override { return Status::Ok(); }
  int changes() const override { return 0; }
  Status begin_write() override { return Status::Ok(); }
  bool in_transaction() const override { return false; }

 protected:
  Result<std::unique_ptr<StatementImpl>> prepare_new(const std::string& sql) override {
    if (sql == "bad") return Status::Internal("syntax error");
    ++ledger_.prepared[sql];
    return std::unique_ptr<StatementImpl>(std::make_unique<CountedStatement>(ledger_, sql));
  }

 private:
  Ledger& ledger_;
};

// Prepares `sql`, reads its one row, lets the handle go.
std::string use(Connection& conn, const std::string& sql) {
  Result<Statement> st = conn.prepare(sql);
  EXPECT_TRUE(st.ok()) << st.status().message();
  if (!st.ok()) return "";
  Result<bool> row = st->step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  return st->column_text(0);
}

TEST(StatementCache, TheDefaultBoundIs256) {
  Ledger ledger;
  CountingConnection conn(ledger, Connection::kMaxCachedStatements);
  for (int i = 0; i < 1000; ++i)
    EXPECT_EQ(use(conn, "q" + std::to_string(i)), "q" + std::to_string(i));
  EXPECT_EQ(conn.cached_statements(), 256u);
  int alive = 0;
  for (const auto& [sql, n] : ledger.alive) alive += n;
  EXPECT_EQ(alive, 256);  // the evicted ones were destroyed, not leaked
  EXPECT_EQ(ledger.alive["q999"], 1);
  EXPECT_EQ(ledger.alive["q743"], 0);
  EXPECT_EQ(ledger.alive["q744"], 1);
}

TEST(StatementCache, EvictsTheLeastRecentlyUsed) {
  Ledger ledger;
  CountingConnection conn(ledger, 3);
  use(conn, "a");
  use(conn, "b");
  use(conn, "c");
  use(conn, "a");  // now b is the least recently used
  use(conn, "d");
  EXPECT_EQ(conn.cached_statements(), 3u);
  EXPECT_EQ(ledger.alive["b"], 0);
  EXPECT_EQ(ledger.alive["a"], 1);
  // Cached ones come back without preparing; the evicted one is prepared again.
  use(conn, "a");
  use(conn, "c");
  use(conn, "d");
  EXPECT_EQ(ledger.prepared["a"], 1);
  EXPECT_EQ(ledger.prepared["c"], 1);
  EXPECT_EQ(ledger.prepared["d"], 1);
  EXPECT_EQ(use(conn, "b"), "b");
  EXPECT_EQ(ledger.prepared["b"], 2);
  EXPECT_EQ(ledger.alive["a"], 0);  // a was the least recently used then
  EXPECT_EQ(conn.cached_statements(), 3u);
}

TEST(StatementCache, AStatementInUseIsNeverEvicted) {
  Ledger ledger;
  CountingConnection conn(ledger, 2);
  // The least recently used from here on.
  auto held = std::make_unique<Result<Statement>>(conn.prepare("held"));
  ASSERT_TRUE(held->ok());
  for (int i = 0; i < 10; ++i) use(conn, "other" + std::to_string(i));
  EXPECT_EQ(ledger.alive["held"], 1);
  EXPECT_EQ(conn.cached_statements(), 2u);
  Result<bool> row = (*held)->step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ((*held)->column_text(0), "held");
  // Every cached statement held: a new SQL gets a statement of its own,
  // destroyed with its handle, and the cache stays within its bound.
  {
    Result<Statement> second = conn.prepare("other9");
    ASSERT_TRUE(second.ok());
    Result<Statement> third = conn.prepare("extra");
    ASSERT_TRUE(third.ok());
    EXPECT_EQ(conn.cached_statements(), 2u);
    EXPECT_EQ(ledger.alive["extra"], 1);
    EXPECT_EQ(third->step().ok(), true);
    EXPECT_EQ(third->column_text(0), "extra");
  }
  EXPECT_EQ(ledger.alive["extra"], 0);
  EXPECT_EQ(ledger.alive["other9"], 1);
  // Released, the held statement is cached as before and can be evicted.
  held.reset();
  use(conn, "held");
  EXPECT_EQ(ledger.prepared["held"], 1);
  use(conn, "x");
  use(conn, "y");
  EXPECT_EQ(ledger.alive["held"], 0);
}

TEST(StatementCache, AFailedPrepareEvictsNothing) {
  Ledger ledger;
  CountingConnection conn(ledger, 2);
  use(conn, "a");
  use(conn, "b");
  Result<Statement> bad = conn.prepare("bad");
  EXPECT_EQ(bad.status().code(), Code::kInternal);
  EXPECT_EQ(conn.cached_statements(), 2u);
  EXPECT_EQ(ledger.alive["a"], 1);
  EXPECT_EQ(ledger.alive["b"], 1);
}

// On SQLite: more distinct statements than the bound, each answering right,
// with one held across all of them (had it been finalized, its next step
// would read freed memory: ASan builds fail on that).
TEST(StatementCache, SqliteKeepsAnsweringPastTheBound) {
  testing_util::ScratchDir dir;
  Result<std::unique_ptr<Connection>> opened =
      open_sqlite(dir.file("cache.db"), Connection::Mode::kReadWrite);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  Connection& conn = **opened;
  ASSERT_TRUE(conn.exec("CREATE TABLE t (i INTEGER); INSERT INTO t VALUES (1), (2), (3)").ok());
  Result<Statement> held = conn.prepare("SELECT i FROM t ORDER BY i");
  ASSERT_TRUE(held.ok());
  Result<bool> first = held->step();
  ASSERT_TRUE(first.ok() && *first);
  EXPECT_EQ(held->column_int64(0), 1);
  const int n = static_cast<int>(Connection::kMaxCachedStatements) * 2;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < n; ++i) {
      EXPECT_EQ(testing_util::query_int(conn, "SELECT count(*) + " + std::to_string(i) + " FROM t"),
                3 + i);
    }
  }
  EXPECT_EQ(conn.cached_statements(), Connection::kMaxCachedStatements);
  // The held statement went on where it was.
  Result<bool> second = held->step();
  ASSERT_TRUE(second.ok() && *second);
  EXPECT_EQ(held->column_int64(0), 2);
}

}  // namespace
}  // namespace warmcity::store
