#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "store/database.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/test_util.h"

namespace warmcity::store {
namespace {

using testing_util::query_int;
using testing_util::ScratchDir;

const std::vector<Migration> kSchema = {
    {"test", 1, "CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"},
};

Database::WriteJob insert_rows(int n) {
  return [n](Connection& c) {
    for (int i = 0; i < n; ++i) {
      Result<Statement> st = c.prepare("INSERT INTO rows (body) VALUES (?1)");
      if (!st.ok()) return st.status();
      Status s = st->bind(1, "诉求 " + std::string(200, 'x')).run();
      if (!s.ok()) return s;
    }
    return Status::Ok();
  };
}

std::unique_ptr<Connection> open_copy(const std::string& path) {
  auto conn = open_sqlite(path, Connection::Mode::kReadWrite);
  EXPECT_TRUE(conn.ok()) << conn.status().message();
  if (!conn.ok()) return nullptr;
  return std::move(*conn);
}

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::open(Options{.path = dir_.file("live.db")}, kSchema);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
  }
  ScratchDir dir_;
  std::unique_ptr<Database> db_;
};
using store_backup = BackupTest;  // suite name for `ctest -R store`

TEST_F(store_backup, CopyWhileWritingIsIntactAndHoldsEarlierCommits) {
  ASSERT_TRUE(db_->write(insert_rows(2000)).ok());
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    while (!stop) {
      if (db_->write(insert_rows(20)).ok()) ++written;
    }
  });
  while (written < 5) std::this_thread::yield();  // the writer is busy now
  const int64_t before = query_int(db_->reader(), "SELECT count(*) FROM rows");
  const std::string copy = dir_.file("copy.db");
  Status s = db_->backup_to(copy);
  const int64_t after = query_int(db_->reader(), "SELECT count(*) FROM rows");
  stop = true;
  writer.join();
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_FALSE(std::filesystem::exists(copy + ".tmp"));

  auto conn = open_copy(copy);
  ASSERT_NE(conn, nullptr);
  Result<Statement> check = conn->prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.ok());
  Result<bool> row = check->step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(check->column_text(0), "ok");
  const int64_t copied = query_int(*conn, "SELECT count(*) FROM rows");
  EXPECT_GE(copied, before);
  EXPECT_LE(copied, after);
  EXPECT_EQ(copied % 20, 0) << "a copy never holds half a transaction";
  EXPECT_EQ(query_int(*conn, "SELECT count(*) FROM schema_migrations WHERE module <> 'store'"), 1);
}

TEST_F(store_backup, ReplacesAnEarlierCopy) {
  const std::string copy = dir_.file("copy.db");
  ASSERT_TRUE(db_->write(insert_rows(3)).ok());
  ASSERT_TRUE(db_->backup_to(copy).ok());
  ASSERT_TRUE(db_->write(insert_rows(4)).ok());
  Status s = db_->backup_to(copy);
  ASSERT_TRUE(s.ok()) << s.message();
  auto conn = open_copy(copy);
  ASSERT_NE(conn, nullptr);
  EXPECT_EQ(query_int(*conn, "SELECT count(*) FROM rows"), 7);
}

TEST_F(store_backup, CopyOpensAsADatabase) {
  ASSERT_TRUE(db_->write(insert_rows(5)).ok());
  const std::string copy = dir_.file("restore.db");
  ASSERT_TRUE(db_->backup_to(copy).ok());
  auto restored = Database::open(Options{.path = copy}, kSchema);
  ASSERT_TRUE(restored.ok()) << restored.status().message();
  EXPECT_EQ(query_int((*restored)->reader(), "SELECT count(*) FROM rows"), 5);
  EXPECT_TRUE((*restored)->write(insert_rows(1)).ok());
}

TEST_F(store_backup, MissingDirectoryFailsNamingIt) {
  const std::string target = dir_.file("nope/copy.db");
  Status s = db_->backup_to(target);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(dir_.file("nope")), std::string::npos) << s.message();
}

}  // namespace
}  // namespace warmcity::store
