// The text conversions, the error mapping and the URL checks: no server needed.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "store/postgres/pg_status.h"
#include "store/postgres/pg_url.h"
#include "store/postgres/pg_values.h"

namespace warmcity::store {
namespace {

TEST(PgValues, IntegersAndDoublesRoundTripAsText) {
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{42}, std::numeric_limits<int64_t>::max(),
                    std::numeric_limits<int64_t>::min()}) {
    std::string s;
    append_pg_int64(v, s);
    EXPECT_EQ(parse_pg_int64(s), v) << s;
  }
  for (double v : {0.0, -0.5, 0.1, 1e300, 39.123456789012345, -116.4}) {
    std::string s;
    append_pg_double(v, s);
    EXPECT_EQ(parse_pg_double(s), v) << s;
  }
  std::string s;
  append_pg_double(std::numeric_limits<double>::quiet_NaN(), s);
  EXPECT_EQ(s, "NaN");
  EXPECT_TRUE(std::isnan(parse_pg_double(s)));
  s.clear();
  append_pg_double(-std::numeric_limits<double>::infinity(), s);
  EXPECT_EQ(s, "-Infinity");
  EXPECT_EQ(parse_pg_double(s), -std::numeric_limits<double>::infinity());
}

TEST(PgValues, IntegerReadsOfNumericBooleanAndJunk) {
  EXPECT_EQ(parse_pg_int64("12345678901234"), 12345678901234);  // SUM(BIGINT) is NUMERIC
  EXPECT_EQ(parse_pg_int64("2.5000000000000000"), 2);           // AVG: cut towards zero
  EXPECT_EQ(parse_pg_int64("-2.7"), -2);
  EXPECT_EQ(parse_pg_int64("1e3"), 1000);
  EXPECT_EQ(parse_pg_int64("t"), 1);
  EXPECT_EQ(parse_pg_int64("f"), 0);
  EXPECT_EQ(parse_pg_int64(""), 0);
  EXPECT_EQ(parse_pg_int64("abc"), 0);
  EXPECT_EQ(parse_pg_int64("99999999999999999999"), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(parse_pg_double("2.5000000000000000"), 2.5);
  EXPECT_EQ(parse_pg_double("t"), 1.0);
  EXPECT_EQ(parse_pg_double("x"), 0.0);
}

TEST(PgValues, ByteaHexBothWays) {
  const std::string bytes("a\0b\xff\x10", 5);
  std::string hex;
  append_pg_bytea(bytes, hex);
  EXPECT_EQ(hex, "\\x610062ff10");
  EXPECT_EQ(decode_pg_bytea(hex), bytes);
  EXPECT_EQ(decode_pg_bytea("\\x"), "");
  EXPECT_EQ(decode_pg_bytea("\\xABcd"), "\xab\xcd");
  EXPECT_EQ(decode_pg_bytea("plain"), "plain");
  EXPECT_EQ(decode_pg_bytea("\\xzz"), "\\xzz");
}

TEST(PgStatus, SqlstateClasses) {
  EXPECT_EQ(pg_error_status("23505", "ERROR:  duplicate key", "step").code(), Code::kConflict);
  EXPECT_EQ(pg_error_status("23503", "fk", "step").code(), Code::kConflict);
  EXPECT_EQ(pg_error_status("23514", "check", "step").code(), Code::kConflict);
  EXPECT_EQ(pg_error_status("23502", "not null", "step").code(), Code::kConflict);
  EXPECT_EQ(pg_error_status("08006", "gone", "step").code(), Code::kUnavailable);
  EXPECT_EQ(pg_error_status("57P01", "admin shutdown", "step").code(), Code::kUnavailable);
  EXPECT_EQ(pg_error_status("53100", "disk full", "step").code(), Code::kUnavailable);
  EXPECT_EQ(pg_error_status("57014", "statement timeout", "step").code(), Code::kUnavailable);
  EXPECT_EQ(pg_error_status("40P01", "deadlock", "step").code(), Code::kUnavailable);
  const Status syntax = pg_error_status("42601", "ERROR:  syntax error at \"SELEC\"\nLINE 1", "x");
  EXPECT_EQ(syntax.code(), Code::kInternal);
  EXPECT_EQ(syntax.message(), "x: syntax error at \"SELEC\" LINE 1 [SQLSTATE 42601]");
  EXPECT_TRUE(pg_session_lost("08003"));
  EXPECT_FALSE(pg_session_lost("23505"));
}

TEST(PgStatus, ConnectFailures) {
  const std::string target = "postgresql://u@h:5/db";
  const Status refused = pg_connect_status(
      "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n\tIs the server "
      "running on that host and accepting TCP/IP connections?\n",
      target, "");
  EXPECT_EQ(refused.code(), Code::kUnavailable);
  EXPECT_EQ(refused.message().find('\n'), std::string::npos);
  EXPECT_NE(refused.message().find(target), std::string::npos);
  EXPECT_EQ(
      pg_connect_status("failed: FATAL:  password authentication failed for user \"u\"", target, "")
          .code(),
      Code::kInvalidArgument);
  EXPECT_EQ(pg_connect_status("failed: FATAL:  database \"db\" does not exist", target, "").code(),
            Code::kInvalidArgument);
  EXPECT_EQ(
      pg_connect_status("failed: FATAL:  the database system is starting up", target, "").code(),
      Code::kUnavailable);
  const Status blotted = pg_connect_status("odd echo of s3cret", target, "s3cret");
  EXPECT_EQ(blotted.message().find("s3cret"), std::string::npos) << blotted.message();
}

TEST(PgUrl, DescribedWithoutPasswordAndParametersAdded) {
  Result<PgTarget> t = parse_pg_url("postgresql://alice:s3cret@db.example:6543/city", 5);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->described, "postgresql://alice@db.example:6543/city");
  EXPECT_EQ(t->password, "s3cret");
  EXPECT_NE(t->conninfo.find("connect_timeout=5"), std::string::npos);
  EXPECT_NE(t->conninfo.find("client_encoding=UTF8"), std::string::npos);

  Result<PgTarget> own = parse_pg_url("postgres://h/db?connect_timeout=9&password=pw", 5);
  ASSERT_TRUE(own.ok()) << own.status().message();
  EXPECT_EQ(own->conninfo.find("connect_timeout=5"), std::string::npos) << own->conninfo;
  EXPECT_EQ(own->described, "postgresql://h/db");
  EXPECT_EQ(own->password, "pw");
}

TEST(PgUrl, BadUrlsAreRefusedWithoutTheirPassword) {
  for (const char* url : {"postgresql://u:s3cret@h/db?bogus=1", "postgresql://u:s3cret@h:99999/db",
                          "postgresql://u:s3cret@h:5432/", "mysql://u:s3cret@h/db"}) {
    Result<PgTarget> t = parse_pg_url(url, 5);
    ASSERT_FALSE(t.ok()) << url;
    EXPECT_EQ(t.status().code(), Code::kInvalidArgument) << url;
    EXPECT_EQ(t.status().message().find("s3cret"), std::string::npos) << t.status().message();
  }
  EXPECT_EQ(redact_pg_url("postgresql://u:pw@h/db?password=x&sslmode=require"),
            "postgresql://u:***@h/db?password=***&sslmode=require");
}

}  // namespace
}  // namespace warmcity::store
