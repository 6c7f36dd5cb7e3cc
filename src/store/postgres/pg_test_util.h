// For the PostgreSQL engine's tests: a database of its own for each test, on
// the server that WARMCITY_TEST_PG_URL names (an admin URL such as
// postgresql://postgres@127.0.0.1:55432/postgres; `make test` starts a private
// server and sets it). Without the variable the test fails saying how to get
// one: a PostgreSQL engine that was never run is not a passing one.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <random>
#include <string>
#include <string_view>

#include "store/postgres/pg_url.h"
#include "store/test_util.h"

namespace warmcity::store::pg_testing {

inline constexpr char kPgHowTo[] =
    "WARMCITY_TEST_PG_URL is not set. These tests need a PostgreSQL 15 server and an admin "
    "URL for it. `make test` starts a private one; by hand: "
    "D=$(mktemp -d) && chown postgres \"$D\" && runuser -u postgres -- "
    "/usr/lib/postgresql/15/bin/initdb -D \"$D\" -A trust -U postgres >/dev/null && "
    "runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D \"$D\" -o "
    "\"-c listen_addresses=127.0.0.1 -p 55433 -k $D\" -l \"$D/log\" -w start && "
    "export WARMCITY_TEST_PG_URL=postgresql://postgres@127.0.0.1:55433/postgres";

// The admin URL, or "" (and a test failure saying how to start a server).
inline std::string admin_url() {
  const char* url = std::getenv("WARMCITY_TEST_PG_URL");
  if (url == nullptr || *url == '\0') {
    ADD_FAILURE() << kPgHowTo;
    return std::string();
  }
  return url;
}

// `url` with its database name replaced by `db`.
inline std::string with_database(const std::string& url, const std::string& db) {
  const size_t scheme = url.find("://");
  const size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  const size_t query = url.find('?');
  std::string out = url.substr(0, slash == std::string::npos ? query : slash) + "/" + db;
  if (query != std::string::npos) out += url.substr(query);
  return out;
}

// Runs one statement on the admin database (CREATE/DROP DATABASE,
// pg_terminate_backend). Independent of the engine under test.
inline void admin_exec(const std::string& admin, const std::string& sql) {
  pqxx::connection conn(admin);
  pqxx::nontransaction work(conn);
  work.exec(sql);
}

// A fresh database with a random name, dropped (with any connection still on
// it) at the end of the test.
class ScratchDatabase {
 public:
  ScratchDatabase() {
    admin_ = admin_url();
    if (admin_.empty()) return;
    std::random_device rd;
    name_ = "warmcity_t" + std::to_string(::getpid()) + "_" + std::to_string(rd() % 1000000000);
    try {
      admin_exec(admin_, "CREATE DATABASE " + name_ + " ENCODING 'UTF8' TEMPLATE template0");
      url_ = with_database(admin_, name_);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cannot create a test database on " << redact_pg_url(admin_) << ": "
                    << e.what();
    }
  }
  ~ScratchDatabase() {
    if (url_.empty()) return;
    try {
      admin_exec(admin_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cannot drop test database " << name_ << ": " << e.what();
    }
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  bool ok() const { return !url_.empty(); }
  const std::string& url() const { return url_; }
  const std::string& admin() const { return admin_; }
  const std::string& name() const { return name_; }

 private:
  std::string admin_;
  std::string name_;
  std::string url_;
};

// The unit tests that prove their SQL on both engines are one executable that
// ctest runs twice (warmcity_unit_tests … ALSO_ON_POSTGRES): on SQLite, and
// with WARMCITY_TEST_ENGINE=postgres on PostgreSQL.
inline bool engine_is_postgres() {
  const char* chosen = std::getenv("WARMCITY_TEST_ENGINE");
  return chosen != nullptr && std::string_view(chosen) == "postgres";
}

// Where one test's database lives: a file in a scratch directory on SQLite,
// a fresh PostgreSQL database on PostgreSQL; either goes away with this.
class ScratchWhere {
 public:
  ScratchWhere() {
    if (engine_is_postgres()) pg_.emplace();
  }
  bool ok() const { return !pg_ || pg_->ok(); }
  bool postgres() const { return pg_.has_value(); }
  // The database's location: `file` in the scratch directory, or the URL.
  std::string where(const std::string& file) const { return pg_ ? pg_->url() : dir_.file(file); }
  const testing_util::ScratchDir& dir() const { return dir_; }

 private:
  testing_util::ScratchDir dir_;
  std::optional<ScratchDatabase> pg_;
};

}  // namespace warmcity::store::pg_testing
