// make_postgres_backend: what a wrong URL, an unreachable server, a wrong
// password or a missing database look like to the operator.
#include "store/postgres/pg_backend.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <thread>

#include "store/postgres/pg_test_util.h"

namespace warmcity::store {
namespace {

// A listening socket on 127.0.0.1 and a free port.
struct Listener {
  int fd = -1;
  int port = 0;
  Listener() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), len), 0);
    EXPECT_EQ(::listen(fd, 4), 0);
    EXPECT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    port = ntohs(addr.sin_port);
  }
  ~Listener() {
    if (fd >= 0) ::close(fd);
  }
};

bool read_exact(int fd, void* buf, size_t n) {
  auto* p = static_cast<char*>(buf);
  while (n > 0) {
    const ssize_t got = ::recv(fd, p, n, 0);
    if (got <= 0) return false;
    p += got;
    n -= static_cast<size_t>(got);
  }
  return true;
}

uint32_t be32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return ntohl(v);
}

void put32(std::string& out, uint32_t v) {
  v = htonl(v);
  out.append(reinterpret_cast<const char*>(&v), 4);
}

// Plays a PostgreSQL server that asks for a password and refuses it, as a
// real one does (FATAL 28P01). Returns the password it was sent.
std::string refuse_password(int listen_fd) {
  timeval timeout{10, 0};
  const int fd = ::accept(listen_fd, nullptr, nullptr);
  if (fd < 0) return "<no connection>";
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string password = "<none>";
  while (true) {  // SSL and GSS encryption requests first: answer "no"
    char head[8];
    if (!read_exact(fd, head, 8)) break;
    const uint32_t len = be32(head);
    const uint32_t code = be32(head + 4);
    std::string rest(len - 8, '\0');
    if (len > 8 && !read_exact(fd, rest.data(), rest.size())) break;
    if (code == 80877103 || code == 80877104) {
      ::send(fd, "N", 1, MSG_NOSIGNAL);
      continue;
    }
    std::string ask = "R";  // AuthenticationCleartextPassword
    put32(ask, 8);
    put32(ask, 3);
    ::send(fd, ask.data(), ask.size(), MSG_NOSIGNAL);
    char type;
    char lenbuf[4];
    if (!read_exact(fd, &type, 1) || !read_exact(fd, lenbuf, 4)) break;
    std::string body(be32(lenbuf) - 4, '\0');
    if (!read_exact(fd, body.data(), body.size())) break;
    if (type == 'p') password = body.c_str();
    std::string fields;
    for (auto [key, value] : {std::pair<char, const char*>{'S', "FATAL"},
                              {'V', "FATAL"},
                              {'C', "28P01"},
                              {'M', "password authentication failed for user \"alice\""}}) {
      fields += key;
      fields += value;
      fields += '\0';
    }
    fields += '\0';
    std::string error = "E";
    put32(error, static_cast<uint32_t>(fields.size() + 4));
    error += fields;
    ::send(fd, error.data(), error.size(), MSG_NOSIGNAL);
    break;
  }
  ::close(fd);
  return password;
}

void expect_one_line_without(const Status& s, const std::string& secret) {
  EXPECT_EQ(s.message().find('\n'), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find(secret), std::string::npos) << s.message();
}

TEST(PgBackend, UnreachableServer) {
  int port = 0;
  {
    Listener free_port;  // closed again: nothing listens there now
    port = free_port.port;
  }
  const std::string url = "postgresql://alice:s3cret@127.0.0.1:" + std::to_string(port) + "/city";
  Result<std::unique_ptr<Backend>> b = make_postgres_backend(Options{url});
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), Code::kUnavailable) << b.status().message();
  EXPECT_NE(
      b.status().message().find("postgresql://alice@127.0.0.1:" + std::to_string(port) + "/city"),
      std::string::npos)
      << b.status().message();
  EXPECT_NE(b.status().message().find("Connection refused"), std::string::npos);
  expect_one_line_without(b.status(), "s3cret");
}

TEST(PgBackend, WrongPassword) {
  Listener server;
  std::string sent;
  std::thread fake([&] { sent = refuse_password(server.fd); });
  const std::string url =
      "postgresql://alice:s3cret@127.0.0.1:" + std::to_string(server.port) + "/city";
  Result<std::unique_ptr<Backend>> b = make_postgres_backend(Options{url});
  fake.join();
  EXPECT_EQ(sent, "s3cret") << "the URL's password reached the server";
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), Code::kInvalidArgument) << b.status().message();
  EXPECT_NE(b.status().message().find("password authentication failed"), std::string::npos)
      << b.status().message();
  EXPECT_NE(b.status().message().find("postgresql://alice@127.0.0.1"), std::string::npos);
  expect_one_line_without(b.status(), "s3cret");
}

// On the tests' own server (scripts/test-postgres.sh), members of the role
// password_auth must give their password: a real server refusing a real one.
TEST(PgBackend, WrongPasswordOnTheTestServer) {
  pg_testing::ScratchDatabase db;
  ASSERT_TRUE(db.ok());
  bool has_role = false;
  {
    pqxx::connection admin(db.admin());
    pqxx::nontransaction work(admin);
    has_role = !work.exec("SELECT 1 FROM pg_roles WHERE rolname = 'password_auth'").empty();
  }
  ASSERT_TRUE(has_role) << "the server at WARMCITY_TEST_PG_URL has no role password_auth, whose "
                           "members must give a password (scripts/test-postgres.sh makes it)";
  const std::string role = "warmcity_pw_" + db.name().substr(db.name().size() - 6);
  pg_testing::admin_exec(
      db.admin(), "CREATE ROLE " + role + " LOGIN PASSWORD 'right-one' IN ROLE password_auth");
  Result<PgTarget> t = parse_pg_url(db.url(), 5);
  ASSERT_TRUE(t.ok());
  const std::string host_db = t->described.substr(t->described.find('@') + 1);
  Result<std::unique_ptr<Backend>> wrong =
      make_postgres_backend(Options{"postgresql://" + role + ":s3cret@" + host_db});
  Result<std::unique_ptr<Backend>> right =
      make_postgres_backend(Options{"postgresql://" + role + ":right-one@" + host_db});
  pg_testing::admin_exec(db.admin(), "DROP DATABASE " + db.name() + " WITH (FORCE)");
  pg_testing::admin_exec(db.admin(), "DROP ROLE " + role);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), Code::kInvalidArgument) << wrong.status().message();
  EXPECT_NE(wrong.status().message().find("password authentication failed"), std::string::npos)
      << wrong.status().message();
  expect_one_line_without(wrong.status(), "s3cret");
  EXPECT_TRUE(right.ok()) << right.status().message();
}

TEST(PgBackend, MissingDatabaseAndUnknownRole) {
  const std::string admin = pg_testing::admin_url();
  ASSERT_FALSE(admin.empty());
  Result<std::unique_ptr<Backend>> b =
      make_postgres_backend(Options{pg_testing::with_database(admin, "warmcity_no_such_db")});
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), Code::kInvalidArgument) << b.status().message();
  EXPECT_NE(b.status().message().find("\"warmcity_no_such_db\" does not exist"), std::string::npos)
      << b.status().message();
  expect_one_line_without(b.status(), "\t");

  // The admin URL's host and port with a role that does not exist.
  Result<PgTarget> t = parse_pg_url(admin, 5);
  ASSERT_TRUE(t.ok());
  const size_t at = t->described.find('@');
  const std::string host_port_db =
      t->described.substr(at == std::string::npos ? 13 : at + 1);  // after postgresql://
  b = make_postgres_backend(Options{"postgresql://warmcity_nobody:s3cret@" + host_port_db});
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), Code::kInvalidArgument) << b.status().message();
  expect_one_line_without(b.status(), "s3cret");
}

TEST(PgBackend, BadUrlsAreInvalidArguments) {
  for (const char* url : {"postgresql://u:s3cret@127.0.0.1:5432/db?nonsense=1",
                          "postgresql://u:s3cret@127.0.0.1:0/db", "postgresql://u:s3cret@h/"}) {
    Result<std::unique_ptr<Backend>> b = make_postgres_backend(Options{url});
    ASSERT_FALSE(b.ok()) << url;
    EXPECT_EQ(b.status().code(), Code::kInvalidArgument) << b.status().message();
    expect_one_line_without(b.status(), "s3cret");
  }
}

TEST(PgBackend, ConnectsDescribesAndRefusesBackup) {
  pg_testing::ScratchDatabase db;
  ASSERT_TRUE(db.ok());
  Result<std::unique_ptr<Backend>> b = make_postgres_backend(Options{db.url()});
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ((*b)->engine(), Engine::kPostgres);
  EXPECT_NE((*b)->describe().find("/" + db.name()), std::string::npos) << (*b)->describe();
  for (auto mode : {Connection::Mode::kReadWrite, Connection::Mode::kReadOnly}) {
    Result<std::unique_ptr<Connection>> conn = (*b)->connect(mode);
    ASSERT_TRUE(conn.ok()) << conn.status().message();
    EXPECT_TRUE((*conn)->exec("SELECT 1").ok());
  }
  const Status backup = (*b)->backup_to("/tmp/x.db");
  EXPECT_FALSE(backup.ok());
  EXPECT_NE(backup.message().find("pg_dump"), std::string::npos) << backup.message();
}

}  // namespace
}  // namespace warmcity::store
