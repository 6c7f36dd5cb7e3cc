#include "accounts/session_store.h"

#include <gtest/gtest.h>

#include "accounts/test_db.h"
#include "accounts/tokens.h"

namespace warmcity::accounts {
namespace {

class SessionStoreTest : public testing_util::AccountsDbTest {
 protected:
  int64_t open_session(int64_t user_id, const std::string& token, int64_t now, int64_t ttl) {
    int64_t id = 0;
    Status s = db_->write([&](store::Connection& conn) -> Status {
      auto r = insert_session(
          conn, NewSession{hash_token(token), user_id, "csrf", now, now + ttl, "127.0.0.1", "ua"});
      if (!r.ok()) return r.status();
      id = *r;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return id;
  }
};

TEST_F(SessionStoreTest, CreateAndFind) {
  int64_t uid = insert_user("alice", "worker");
  std::string token = new_token();
  int64_t sid = open_session(uid, token, 1000, 3600);
  auto found = find_session(db_->reader(), hash_token(token));
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->session_id, sid);
  EXPECT_EQ((*found)->user_id, uid);
  EXPECT_EQ((*found)->username, "alice");
  EXPECT_EQ((*found)->role, "worker");
  EXPECT_EQ((*found)->csrf_token, "csrf");
  EXPECT_EQ((*found)->expires_at, 4600);
  EXPECT_FALSE((*found)->revoked_at);
  EXPECT_FALSE((*found)->user_disabled);

  auto missing = find_session(db_->reader(), hash_token(new_token()));
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(SessionStoreTest, TokenIsStoredOnlyHashed) {
  int64_t uid = insert_user("alice");
  std::string token = new_token();
  open_session(uid, token, 0, 60);
  auto st = db_->reader().prepare("SELECT count(*) FROM sessions WHERE token_hash = ?");
  ASSERT_TRUE(st.ok());
  st->bind(1, token);
  ASSERT_TRUE(*st->step());
  EXPECT_EQ(st->column_int64(0), 0);
}

TEST_F(SessionStoreTest, RevokeOneAndAllButOne) {
  int64_t uid = insert_user("alice");
  std::string t1 = new_token(), t2 = new_token(), t3 = new_token();
  int64_t s1 = open_session(uid, t1, 0, 1000);
  int64_t s2 = open_session(uid, t2, 0, 1000);
  open_session(uid, t3, 0, 1000);
  ASSERT_TRUE(db_->write([&](store::Connection& c) { return revoke_session(c, s1, 10); }).ok());
  auto r1 = find_session(db_->reader(), hash_token(t1));
  ASSERT_TRUE(r1.ok() && r1->has_value());
  EXPECT_EQ((*r1)->revoked_at, 10);

  ASSERT_TRUE(
      db_->write([&](store::Connection& c) { return revoke_user_sessions(c, uid, 20, s2); }).ok());
  auto r2 = find_session(db_->reader(), hash_token(t2));
  auto r3 = find_session(db_->reader(), hash_token(t3));
  ASSERT_TRUE(r2.ok() && r2->has_value() && r3.ok() && r3->has_value());
  EXPECT_FALSE((*r2)->revoked_at);
  EXPECT_EQ((*r3)->revoked_at, 20);
  auto again = find_session(db_->reader(), hash_token(t1));
  EXPECT_EQ((*again)->revoked_at, 10);  // an earlier revocation keeps its time
}

TEST_F(SessionStoreTest, PurgeDeletesOnlyOldRows) {
  int64_t uid = insert_user("alice");
  open_session(uid, new_token(), 0, 100);     // expired at 100
  open_session(uid, new_token(), 0, 100000);  // live
  ASSERT_TRUE(
      db_->write([&](store::Connection& c) { return purge_user_sessions(c, uid, 500); }).ok());
  EXPECT_EQ(count("SELECT count(*) FROM sessions"), 1);
}

TEST_F(SessionStoreTest, MembershipsComeWithTheSession) {
  int64_t uid = insert_user("alice", "department");
  ASSERT_TRUE(db_->write([&](store::Connection& c) {
                   return c.exec(
                       "INSERT INTO organisations (id, kind, name, created_at) VALUES "
                       "(7, 'department', 'a', 0), (3, 'grid', 'b', 0);"
                       "INSERT INTO memberships VALUES (1, 7), (1, 3);");
                 })
                  .ok());
  ASSERT_EQ(uid, 1);
  std::string token = new_token();
  open_session(uid, token, 0, 100);
  auto found = find_session(db_->reader(), hash_token(token));
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->organisation_ids, (std::vector<int64_t>{3, 7}));
}

TEST_F(SessionStoreTest, NoMembershipsNoOrganisationsNoAreas) {
  int64_t uid = insert_user("alice");
  std::string token = new_token();
  open_session(uid, token, 0, 100);
  auto found = find_session(db_->reader(), hash_token(token));
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->user_id, uid);
  EXPECT_TRUE((*found)->organisation_ids.empty());
  EXPECT_TRUE((*found)->area_ids.empty());
}

TEST_F(SessionStoreTest, AreasOfTheOrganisationsComeOnceEach) {
  int64_t uid = insert_user("alice", "worker");
  ASSERT_TRUE(db_->write([&](store::Connection& c) {
                   return c.exec(
                       "INSERT INTO organisations (id, kind, name, created_at, area_id) VALUES "
                       "(1, 'grid', 'a', 0, 40), (2, 'grid', 'b', 0, 30), "
                       "(3, 'community', 'c', 0, 40), (4, 'department', 'd', 0, NULL);"
                       "INSERT INTO memberships VALUES (1, 4), (1, 3), (1, 2), (1, 1);");
                 })
                  .ok());
  ASSERT_EQ(uid, 1);
  std::string token = new_token();
  open_session(uid, token, 0, 100);
  auto found = find_session(db_->reader(), hash_token(token));
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->organisation_ids, (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ((*found)->area_ids, (std::vector<int64_t>{30, 40}));
  EXPECT_EQ((*found)->username, "alice");
}

TEST_F(SessionStoreTest, RevokeAllWhenNoneIsKept) {
  int64_t uid = insert_user("alice");
  std::string t1 = new_token(), t2 = new_token();
  open_session(uid, t1, 0, 1000);
  open_session(uid, t2, 0, 1000);
  ASSERT_TRUE(
      db_->write([&](store::Connection& c) { return revoke_user_sessions(c, uid, 20); }).ok());
  for (const std::string& t : {t1, t2}) {
    auto r = find_session(db_->reader(), hash_token(t));
    ASSERT_TRUE(r.ok() && r->has_value());
    EXPECT_EQ((*r)->revoked_at, 20);
  }
}

}  // namespace
}  // namespace warmcity::accounts
