#include "accounts/authenticator.h"

#include <gtest/gtest.h>

#include "accounts/session_store.h"
#include "accounts/test_db.h"
#include "accounts/tokens.h"

namespace warmcity::accounts {
namespace {

constexpr int64_t kNow = 1'800'000'000;

class AuthenticatorTest : public testing_util::AccountsDbTest {
 protected:
  void SetUp() override {
    AccountsDbTest::SetUp();
    user_id_ = insert_user("alice", "keeper");
    token_ = new_token();
    csrf_ = new_token();
    session_id_ = add_session(token_, kNow - 10, kNow + 3600);
  }

  int64_t add_session(const std::string& token, int64_t created, int64_t expires) {
    int64_t id = 0;
    Status s = db_->write([&](store::Connection& conn) -> Status {
      auto r = insert_session(conn, NewSession{hash_token(token), user_id_, csrf_, created, expires,
                                               "127.0.0.1", "test"});
      if (!r.ok()) return r.status();
      id = *r;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return id;
  }

  static http::Request request(http::Method m,
                               std::vector<std::pair<std::string, std::string>> headers) {
    http::Request r;
    r.method = m;
    r.headers = std::move(headers);
    return r;
  }

  Result<std::optional<http::Principal>> run(const http::Request& r, int64_t now = kNow) {
    return authenticate(db_->reader(), r, now);
  }

  int64_t user_id_ = 0;
  int64_t session_id_ = 0;
  std::string token_;
  std::string csrf_;
};

TEST_F(AuthenticatorTest, NoCredentialsIsNoPrincipal) {
  auto r = run(request(http::Method::kGet, {}));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_value());
  auto other_cookie = run(request(http::Method::kGet, {{"cookie", "theme=dark"}}));
  ASSERT_TRUE(other_cookie.ok());
  EXPECT_FALSE(other_cookie->has_value());
}

TEST_F(AuthenticatorTest, BearerToken) {
  auto r = run(request(http::Method::kPost, {{"authorization", "Bearer " + token_}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_TRUE(r->has_value());
  const http::Principal& p = **r;
  EXPECT_EQ(p.user_id, user_id_);
  EXPECT_EQ(p.username, "alice");
  EXPECT_EQ(p.role, http::Role::kKeeper);
  EXPECT_EQ(p.session_id, session_id_);
  EXPECT_FALSE(p.via_cookie);  // and no CSRF header was needed for the POST
}

TEST_F(AuthenticatorTest, CookieNeedsCsrfOnUnsafeMethods) {
  std::string cookie = "wc_session=" + token_;
  auto get = run(request(http::Method::kGet, {{"cookie", cookie}}));
  ASSERT_TRUE(get.ok());
  ASSERT_TRUE(get->has_value());
  EXPECT_TRUE((*get)->via_cookie);

  for (http::Method m :
       {http::Method::kPost, http::Method::kPut, http::Method::kPatch, http::Method::kDelete}) {
    auto missing = run(request(m, {{"cookie", cookie}}));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.status().code(), Code::kPermissionDenied);
    auto wrong = run(request(m, {{"cookie", cookie}, {"x-csrf-token", new_token()}}));
    EXPECT_EQ(wrong.status().code(), Code::kPermissionDenied);
    auto right = run(request(m, {{"cookie", cookie}, {"x-csrf-token", csrf_}}));
    ASSERT_TRUE(right.ok()) << right.status().message();
    EXPECT_TRUE(right->has_value());
  }
}

TEST_F(AuthenticatorTest, BearerWinsOverCookie) {
  auto r = run(request(http::Method::kPost,
                       {{"authorization", "bearer " + token_}, {"cookie", "wc_session=junk"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE((*r)->via_cookie);
}

TEST_F(AuthenticatorTest, BadTokens) {
  for (const std::string& auth : {std::string("Bearer short"), std::string("Bearer ") + new_token(),
                                  std::string("Basic YWxpY2U6cGFzcw=="), std::string("Bearer")}) {
    auto r = run(request(http::Method::kGet, {{"authorization", auth}}));
    ASSERT_FALSE(r.ok()) << auth;
    EXPECT_EQ(r.status().code(), Code::kUnauthenticated);
    EXPECT_NE(r.status().message().find("invalid session"), std::string::npos);
  }
  auto cookie = run(request(http::Method::kGet, {{"cookie", "wc_session=" + new_token()}}));
  EXPECT_EQ(cookie.status().code(), Code::kUnauthenticated);
}

TEST_F(AuthenticatorTest, Expired) {
  auto r = run(request(http::Method::kGet, {{"authorization", "Bearer " + token_}}), kNow + 3600);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnauthenticated);
  EXPECT_NE(r.status().message().find("session expired"), std::string::npos);
  EXPECT_TRUE(
      run(request(http::Method::kGet, {{"authorization", "Bearer " + token_}}), kNow + 3599).ok());
}

TEST_F(AuthenticatorTest, RevokedAndDisabled) {
  ASSERT_TRUE(
      db_->write([&](store::Connection& c) { return revoke_session(c, session_id_, kNow); }).ok());
  auto revoked = run(request(http::Method::kGet, {{"authorization", "Bearer " + token_}}));
  EXPECT_EQ(revoked.status().code(), Code::kUnauthenticated);
  EXPECT_NE(revoked.status().message().find("revoked"), std::string::npos);

  std::string other = new_token();
  add_session(other, kNow, kNow + 100);
  ASSERT_TRUE(
      db_->write([&](store::Connection& c) { return c.exec("UPDATE users SET disabled = 1"); })
          .ok());
  auto disabled = run(request(http::Method::kGet, {{"authorization", "Bearer " + other}}));
  EXPECT_EQ(disabled.status().code(), Code::kUnauthenticated);
  EXPECT_NE(disabled.status().message().find("disabled"), std::string::npos);
}

}  // namespace
}  // namespace warmcity::accounts
