#include "store/postgres/pg_sql.h"

#include <gtest/gtest.h>

namespace warmcity::store {
namespace {

std::string pg(std::string_view sql) {
  Result<PgSql> out = to_postgres(sql);
  EXPECT_TRUE(out.ok()) << out.status().message();
  return out.ok() ? out->text : std::string("<error>");
}

int params(std::string_view sql) {
  Result<PgSql> out = to_postgres(sql);
  return out.ok() ? out->params : -1;
}

TEST(PgSql, BarePlaceholdersNumberFromOne) {
  EXPECT_EQ(pg("INSERT INTO t (a, b, c) VALUES (?, ?, ?)"),
            "INSERT INTO t (a, b, c) VALUES ($1, $2, $3)");
  EXPECT_EQ(params("INSERT INTO t (a, b, c) VALUES (?, ?, ?)"), 3);
  EXPECT_EQ(pg("SELECT 1"), "SELECT 1");
  EXPECT_EQ(params("SELECT 1"), 0);
}

TEST(PgSql, NumberedPlaceholdersKeepTheirNumberAndMayRepeat) {
  EXPECT_EQ(pg("SELECT * FROM t WHERE a = ?1 OR b = ?1 AND c = ?2"),
            "SELECT * FROM t WHERE a = $1 OR b = $1 AND c = $2");
  EXPECT_EQ(params("SELECT ?12"), 12);
}

TEST(PgSql, BarePlaceholderContinuesAfterTheHighestNumberSeen) {
  // SQLite: a bare ? is one more than the largest number assigned so far.
  EXPECT_EQ(pg("VALUES (?2, ?, ?1, ?)"), "VALUES ($2, $3, $1, $4)");
  EXPECT_EQ(params("VALUES (?2, ?, ?1, ?)"), 4);
  EXPECT_EQ(pg("VALUES (?, ?5, ?)"), "VALUES ($1, $5, $6)");
}

TEST(PgSql, QuestionMarksInStringsIdentifiersAndCommentsStay) {
  EXPECT_EQ(pg("SELECT '?', 'it''s ?', \"odd?name\", ? -- why?\n, ?"),
            "SELECT '?', 'it''s ?', \"odd?name\", $1 -- why?\n, $2");
  EXPECT_EQ(pg("SELECT /* ? /* nested ? */ still ? */ ?"),
            "SELECT /* ? /* nested ? */ still ? */ $1");
  EXPECT_EQ(pg("SELECT E'a\\'?', ?"), "SELECT E'a\\'?', $1");
  EXPECT_EQ(pg("SELECT $$ ? $$, $tag$ ?$ $tag$, ?"), "SELECT $$ ? $$, $tag$ ?$ $tag$, $1");
  EXPECT_EQ(pg("SELECT '你好?' || ?"), "SELECT '你好?' || $1");
}

TEST(PgSql, UnterminatedQuoteRunsToTheEnd) {
  EXPECT_EQ(pg("SELECT ?, 'oops ?"), "SELECT $1, 'oops ?");
  EXPECT_EQ(pg("SELECT ? -- tail ?"), "SELECT $1 -- tail ?");
}

TEST(PgSql, OutOfRangeNumbersAreRefused) {
  Result<PgSql> zero = to_postgres("SELECT ?0");
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.status().code(), Code::kInternal);
  EXPECT_NE(zero.status().message().find("?0"), std::string::npos) << zero.status().message();
  EXPECT_FALSE(to_postgres("SELECT ?65536").ok());
  EXPECT_FALSE(to_postgres("SELECT ?99999999999999999999").ok());
  EXPECT_TRUE(to_postgres("SELECT ?65535").ok());
}

TEST(PgSql, TransactionVerbs) {
  EXPECT_EQ(tx_verb("BEGIN"), TxVerb::kBegin);
  EXPECT_EQ(tx_verb("  begin immediate"), TxVerb::kBegin);
  EXPECT_EQ(tx_verb("START TRANSACTION"), TxVerb::kBegin);
  EXPECT_EQ(tx_verb("COMMIT"), TxVerb::kCommit);
  EXPECT_EQ(tx_verb("end"), TxVerb::kCommit);
  EXPECT_EQ(tx_verb("ROLLBACK"), TxVerb::kRollback);
  EXPECT_EQ(tx_verb("ABORT"), TxVerb::kRollback);
  EXPECT_EQ(tx_verb("ROLLBACK TO warmcity_job"), TxVerb::kRollbackTo);
  EXPECT_EQ(tx_verb("rollback transaction to savepoint s"), TxVerb::kRollbackTo);
  EXPECT_EQ(tx_verb("-- comment\n/* c */ COMMIT"), TxVerb::kCommit);
  EXPECT_EQ(tx_verb("SAVEPOINT warmcity_job"), TxVerb::kSavepoint);
  EXPECT_EQ(tx_verb("release savepoint warmcity_job"), TxVerb::kRelease);
  EXPECT_EQ(tx_verb("RELEASED"), TxVerb::kOther);
  EXPECT_EQ(tx_verb("SELECT 'BEGIN'"), TxVerb::kOther);
  EXPECT_EQ(tx_verb(""), TxVerb::kOther);
  EXPECT_EQ(tx_verb("STARTED"), TxVerb::kOther);
}

TEST(PgSql, ChangesRows) {
  EXPECT_TRUE(changes_rows("INSERT INTO t VALUES (1)"));
  EXPECT_TRUE(changes_rows(" update t SET a = 1"));
  EXPECT_TRUE(changes_rows("DELETE FROM t"));
  EXPECT_TRUE(changes_rows("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x"));
  EXPECT_FALSE(changes_rows("WITH x AS (SELECT 'INSERT') SELECT * FROM x"));
  EXPECT_FALSE(changes_rows("SELECT 1"));
  EXPECT_FALSE(changes_rows("CREATE TABLE t (a BIGINT)"));
  EXPECT_FALSE(changes_rows("SAVEPOINT s"));
}

TEST(PgSql, SplitStatements) {
  const std::vector<std::string_view> parts = split_statements(
      "CREATE TABLE t (a TEXT DEFAULT ';');\n"
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'x;'; "
      "END $$;\n -- done;\n ; ");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], "CREATE TABLE t (a TEXT DEFAULT ';')");
  EXPECT_EQ(tx_verb(parts[1]), TxVerb::kOther);
  EXPECT_NE(parts[1].find("END $$"), std::string_view::npos);
  EXPECT_TRUE(split_statements("  ").empty());
  EXPECT_EQ(split_statements("BEGIN; SELECT 1").size(), 2u);
}

}  // namespace
}  // namespace warmcity::store
