// How a refused connection is classified (pg_status.h): by the SQLSTATE of
// the server's refusal when libpq prints it (verbose error verbosity), on
// messages written here and on the messages a real server sends
// (pg_test_util.h); by libpq's text when no code is there.
#include "store/postgres/pg_status.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <poll.h>

#include <random>
#include <string>

#include "store/postgres/pg_test_util.h"
#include "store/postgres/pg_url.h"

namespace warmcity::store {
namespace {

const std::string kTarget = "postgresql://u@h:5/db";

TEST(PgConnectStatus, SplitsTheCodeAndTheLocationOutOfAVerboseMessage) {
  const PgConnectMessage m = pg_split_connect_message(
      "connection to server at \"h\" (10.0.0.5), port 5 failed: FATAL:  28P01: password "
      "authentication failed for user \"u\"\nLOCATION:  auth_failed, auth.c:326\n");
  EXPECT_EQ(m.sqlstate, "28P01");
  EXPECT_EQ(m.text,
            "connection to server at \"h\" (10.0.0.5), port 5 failed: FATAL:  password "
            "authentication failed for user \"u\"\n");
  // No code: the message as it was.
  const PgConnectMessage plain = pg_split_connect_message("failed: FATAL:  database \"x\" gone");
  EXPECT_EQ(plain.sqlstate, "");
  EXPECT_EQ(plain.text, "failed: FATAL:  database \"x\" gone");
  // Not a code: lower case, too short, no ": " after it.
  for (const char* odd : {"FATAL:  28p01: x", "FATAL:  2801: x", "FATAL:  28P01 x", "x:  "}) {
    EXPECT_EQ(pg_split_connect_message(odd).sqlstate, "") << odd;
    EXPECT_EQ(pg_split_connect_message(odd).text, odd);
  }
}

TEST(PgConnectStatus, ClassifiesByTheCodeWhateverTheLanguage) {
  // A server whose lc_messages is not English: the code decides.
  const Status password = pg_connect_status(
      "connection to server at \"h\", port 5 failed: 致命错误:  28P01: 用户 \"u\" Password "
      "认证失败\nLOCATION:  auth_failed, auth.c:326\n",
      kTarget, "");
  EXPECT_EQ(password.code(), Code::kInvalidArgument);
  EXPECT_EQ(
      password.message(),
      "cannot connect to PostgreSQL at " + kTarget +
          ": connection to server at \"h\", port 5 failed: 致命错误: 用户 \"u\" Password 认证失败");
  EXPECT_EQ(pg_connect_status("failed: FATAL:  57P03: das Datenbanksystem fährt hoch", kTarget, "")
                .code(),
            Code::kUnavailable);
  for (const char* transient :
       {"08P01", "08006", "53300", "53100", "57P01", "57P03", "58030", "XX000"}) {
    EXPECT_EQ(pg_connect_code(transient), Code::kUnavailable) << transient;
    EXPECT_EQ(
        pg_connect_status(std::string("failed: FATAL:  ") + transient + ": texte", kTarget, "")
            .code(),
        Code::kUnavailable)
        << transient;
  }
  for (const char* config : {"28P01", "28000", "3D000", "42501", "22023", "42704"}) {
    EXPECT_EQ(pg_connect_code(config), Code::kInvalidArgument) << config;
  }
  // English words that the text reading takes for "busy" do not outweigh a
  // code that says the configuration is wrong, and the reverse.
  EXPECT_EQ(pg_connect_status("failed: FATAL:  3D000: database \"starting up\" does not exist",
                              kTarget, "")
                .code(),
            Code::kInvalidArgument);
  EXPECT_EQ(
      pg_connect_status("failed: FATAL:  53300: too many connections for role \"u\"", kTarget, "")
          .code(),
      Code::kUnavailable);
}

TEST(PgConnectStatus, TheLastAttemptsCodeDecides) {
  // libpq tried two addresses: the first refused the connection (no code),
  // the second was a server that refused the password.
  const Status s = pg_connect_status(
      "connection to server at \"h\" (::1), port 5 failed: Connection refused\n\tIs the server "
      "running on that host and accepting TCP/IP connections?\nconnection to server at \"h\" "
      "(127.0.0.1), port 5 failed: FATAL:  28P01: password authentication failed for user "
      "\"u:  08006: \"\n",
      kTarget, "");
  EXPECT_EQ(s.code(), Code::kInvalidArgument) << s.message();
  EXPECT_NE(s.message().find("Connection refused"), std::string::npos);
  EXPECT_EQ(s.message().find("28P01"), std::string::npos);
  EXPECT_EQ(s.message().find('\n'), std::string::npos);
}

TEST(PgConnectStatus, WithoutACodeReadsLibpqsText) {
  EXPECT_EQ(pg_connect_status("failed: Connection refused", kTarget, "").code(),
            Code::kUnavailable);
  EXPECT_EQ(
      pg_connect_status("failed: FATAL:  too many connections for role \"u\"", kTarget, "").code(),
      Code::kUnavailable);
  EXPECT_EQ(pg_connect_status("failed: FATAL:  role \"u\" is not permitted to log in", kTarget, "")
                .code(),
            Code::kInvalidArgument);
  EXPECT_EQ(pg_connect_status("failed: could not translate host name \"h\"", kTarget, "").code(),
            Code::kUnavailable);
  const Status blotted =
      pg_connect_status("failed: FATAL:  28P01: s3cret echoed", kTarget, "s3cret");
  EXPECT_EQ(blotted.message().find("s3cret"), std::string::npos) << blotted.message();
}

// libpq's message for a connection attempt at `verbosity`, or "" if the
// attempt succeeded.
std::string refusal(const std::string& conninfo, PGVerbosity verbosity) {
  PGconn* conn = PQconnectStart(conninfo.c_str());
  if (conn == nullptr) return "out of memory";
  PQsetErrorVerbosity(conn, verbosity);
  PostgresPollingStatusType state =
      PQstatus(conn) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING;
  while (state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED) {
    pollfd p{PQsocket(conn), static_cast<short>(state == PGRES_POLLING_READING ? POLLIN : POLLOUT),
             0};
    if (::poll(&p, 1, 10'000) <= 0) break;
    state = PQconnectPoll(conn);
  }
  std::string message = state == PGRES_POLLING_OK ? "" : PQerrorMessage(conn);
  PQfinish(conn);
  return message;
}

// A real server's refusals: in verbose mode they carry the code, which gives
// the same classification and the same one-line message as the default
// mode's text, except where the text reading has no rule for the words.
class PgConnectRefusals : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = pg_testing::admin_url();
    ASSERT_FALSE(admin_.empty());
    std::random_device rd;
    role_ = "warmcity_r" + std::to_string(rd() % 1000000000);
  }
  void TearDown() override {
    if (!made_) return;
    pg_testing::admin_exec(admin_, "DROP ROLE IF EXISTS " + role_);
  }
  void make_role(const std::string& options) {
    pg_testing::admin_exec(admin_, "CREATE ROLE " + role_ + " " + options);
    made_ = true;
  }
  // The URL of the admin database as `user` (with `password`).
  std::string as(const std::string& user, const std::string& password,
                 const std::string& database = "postgres") {
    const std::string host = admin_.substr(admin_.find('@') + 1);
    return pg_testing::with_database(
        "postgresql://" + user + (password.empty() ? "" : ":" + password) + "@" + host, database);
  }
  // Both verbosities' classification; returns the verbose one.
  Status check(const std::string& url, const std::string& sqlstate, Code code) {
    Result<PgTarget> target = parse_pg_url(url, 5);
    EXPECT_TRUE(target.ok()) << target.status().message();
    if (!target.ok()) return target.status();
    const std::string verbose = refusal(target->conninfo, PQERRORS_VERBOSE);
    const std::string plain = refusal(target->conninfo, PQERRORS_DEFAULT);
    EXPECT_EQ(pg_split_connect_message(verbose).sqlstate, sqlstate) << verbose;
    EXPECT_EQ(pg_split_connect_message(plain).sqlstate, "") << plain;
    const Status by_code = pg_connect_status(verbose, target->described, target->password);
    const Status by_text = pg_connect_status(plain, target->described, target->password);
    EXPECT_EQ(by_code.code(), code) << by_code.message();
    EXPECT_EQ(by_code.message(), by_text.message());
    EXPECT_EQ(by_code.message().find(sqlstate), std::string::npos) << by_code.message();
    EXPECT_EQ(by_code.message().find("LOCATION"), std::string::npos) << by_code.message();
    return by_text;
  }

  std::string admin_;
  std::string role_;
  bool made_ = false;
};

TEST_F(PgConnectRefusals, WrongPassword) {
  make_role("LOGIN PASSWORD 'right-pass-1' IN ROLE password_auth");
  const Status text = check(as(role_, "wrong-pass-9"), "28P01", Code::kInvalidArgument);
  EXPECT_EQ(text.code(), Code::kInvalidArgument);
  EXPECT_NE(text.message().find("password authentication failed"), std::string::npos);
  EXPECT_EQ(text.message().find("wrong-pass-9"), std::string::npos);
}

TEST_F(PgConnectRefusals, UnknownRoleAndRoleThatMayNotLogIn) {
  EXPECT_EQ(check(as(role_, ""), "28000", Code::kInvalidArgument).code(), Code::kInvalidArgument);
  make_role("NOLOGIN");
  EXPECT_EQ(check(as(role_, ""), "28000", Code::kInvalidArgument).code(), Code::kInvalidArgument);
}

TEST_F(PgConnectRefusals, NoSuchDatabase) {
  const Status text = check(as("postgres", "", role_ + "_db"), "3D000", Code::kInvalidArgument);
  EXPECT_NE(text.message().find("does not exist"), std::string::npos);
}

TEST_F(PgConnectRefusals, TooManyConnectionsIsTransient) {
  make_role("LOGIN CONNECTION LIMIT 0");
  EXPECT_EQ(check(as(role_, ""), "53300", Code::kUnavailable).code(), Code::kUnavailable);
}

TEST_F(PgConnectRefusals, AnUnreachableServerHasNoCode) {
  // Port 1 on 127.0.0.1: nothing listens there.
  const std::string verbose =
      refusal("host=127.0.0.1 port=1 dbname=x connect_timeout=5", PQERRORS_VERBOSE);
  EXPECT_EQ(pg_split_connect_message(verbose).sqlstate, "") << verbose;
  EXPECT_EQ(pg_connect_status(verbose, "postgresql://127.0.0.1:1/x", "").code(),
            Code::kUnavailable);
}

}  // namespace
}  // namespace warmcity::store
