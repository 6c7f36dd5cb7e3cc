#include "accounts/audit.h"

#include <gtest/gtest.h>

#include <future>

#include "accounts/test_db.h"

namespace warmcity::accounts {
namespace {

using AuditTest = testing_util::AccountsDbTest;

TEST(AuditDetail, BuildsJson) {
  EXPECT_EQ(AuditDetail().str(), "{}");
  EXPECT_EQ(AuditDetail()
                .add("from", "worker")
                .add("to", "admin")
                .add("n", int64_t{3})
                .add("ok", true)
                .add_null("x")
                .str(),
            R"({"from":"worker","to":"admin","n":3,"ok":true,"x":null})");
  EXPECT_EQ(AuditDetail().add("s", "a\"b\\c\n\x01李").str(), R"({"s":"a\"b\\c\n\u0001李"})");
  EXPECT_EQ(AuditDetail().add_strings("f", {"a", "b"}).add_ints("i", {1, 2}).str(),
            R"({"f":["a","b"],"i":[1,2]})");
}

TEST_F(AuditTest, RecordIsDurableBeforeDone) {
  AuditLog log(*db_);
  std::promise<Status> done;
  log.record(
      AuditEntry{7, "personal_data.read", "user", "12", R"({"fields":["phone"]})", "10.0.0.9"},
      [&](const Status& s) {
        // Visible to a fresh reader: committed.
        done.set_value(s);
      });
  Status s = done.get_future().get();
  ASSERT_TRUE(s.ok()) << s.message();
  auto rows = query_audit(db_->reader(), AuditQuery{});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  const AuditRecord& r = (*rows)[0];
  EXPECT_EQ(r.actor_user_id, 7);
  EXPECT_EQ(r.action, "personal_data.read");
  EXPECT_EQ(r.subject_type, "user");
  EXPECT_EQ(r.subject_id, "12");
  EXPECT_EQ(r.detail_json, R"({"fields":["phone"]})");
  EXPECT_EQ(r.client_address, "10.0.0.9");
  EXPECT_GT(r.at, 1'700'000'000);
}

TEST_F(AuditTest, AppendJobJoinsAModulesWrite) {
  AuditLog log(*db_);
  // The module's write fails after the audit append: both roll back together.
  Status s = db_->write([&](store::Connection& c) -> Status {
    if (Status a = log.append_job(AuditEntry{1, "x.read", "x", "1", "{}", ""})(c); !a.ok())
      return a;
    return Status::Conflict("the module's own write failed");
  });
  EXPECT_EQ(s.code(), Code::kConflict);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
}

// Entries are never changed: the engine itself refuses (accounts migration 6).
TEST_F(AuditTest, EntriesCannotBeChangedOrDeleted) {
  AuditLog log(*db_);
  ASSERT_TRUE(
      db_->write(log.append_job(AuditEntry{1, "auth.login", "user", "1", "{}", "10.0.0.1"})).ok());
  Status update = db_->write([](store::Connection& c) {
    return c.exec("UPDATE audit_log SET action = 'auth.logout', client_address = ''");
  });
  EXPECT_FALSE(update.ok());
  EXPECT_NE(update.message().find("audit_log is append-only"), std::string::npos)
      << update.message();
  Status erase = db_->write([](store::Connection& c) { return c.exec("DELETE FROM audit_log"); });
  EXPECT_FALSE(erase.ok());
  EXPECT_NE(erase.message().find("audit_log is append-only"), std::string::npos) << erase.message();
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'auth.login' AND "
                  "client_address = '10.0.0.1'"),
            1);
  // Appending still works after the refusals.
  EXPECT_TRUE(db_->write(log.append_job(AuditEntry{1, "auth.logout", "user", "1", "{}", ""})).ok());
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 2);
}

TEST_F(AuditTest, RejectsDetailThatIsNotJson) {
  AuditLog log(*db_);
  Status s = db_->write(log.append_job(AuditEntry{1, "x", "y", "z", "{not json", ""}));
  EXPECT_FALSE(s.ok());
}

TEST_F(AuditTest, QueryFiltersAndPages) {
  Status s = db_->write([&](store::Connection& c) -> Status {
    for (int i = 1; i <= 10; ++i) {
      AuditEntry e{i % 2 ? std::optional<int64_t>(1) : std::nullopt,
                   i % 3 ? "auth.login" : "user.update",
                   "user",
                   std::to_string(i),
                   "{}",
                   ""};
      if (Status a = append_audit(c, e, 1000 + i); !a.ok()) return a;
    }
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
  auto ids = [&](const AuditQuery& q) {
    std::vector<int64_t> out;
    auto rows = query_audit(db_->reader(), q);
    EXPECT_TRUE(rows.ok());
    for (auto& r : *rows) out.push_back(r.id);
    return out;
  };
  AuditQuery all;
  EXPECT_EQ(ids(all), (std::vector<int64_t>{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));
  AuditQuery actor;
  actor.actor_user_id = 1;
  EXPECT_EQ(ids(actor), (std::vector<int64_t>{9, 7, 5, 3, 1}));
  AuditQuery action;
  action.action = "user.update";
  EXPECT_EQ(ids(action), (std::vector<int64_t>{9, 6, 3}));
  AuditQuery window;
  window.since = 1003;
  window.until = 1006;
  EXPECT_EQ(ids(window), (std::vector<int64_t>{5, 4, 3}));
  AuditQuery page;
  page.limit = 3;
  page.before_id = 8;
  EXPECT_EQ(ids(page), (std::vector<int64_t>{7, 6, 5}));
}

}  // namespace
}  // namespace warmcity::accounts
