// Accounts end to end inside one process: the blocking API, and the routes
// driven through a real Router (no sockets) against a real database.
#include "accounts/accounts.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <future>

#include "accounts/password.h"
#include "accounts/test_db.h"

namespace warmcity::accounts {
namespace {

using nlohmann::json;

class AccountsTest : public testing_util::AccountsDbTest {
 protected:
  void SetUp() override {
    AccountsDbTest::SetUp();
    Config config;
    config.password_cost = PasswordCost::kMinimum;
    config.login.free_failures_per_address = 3;
    accounts_ = std::make_unique<Accounts>(*db_, config);
    router_.set_authenticator(accounts_->authenticator());
    accounts_->register_routes(router_);
    auto admin = accounts_->add_user({"root", "管理员", "admin", "admin-password", {}, {}});
    ASSERT_TRUE(admin.ok()) << admin.status().message();
    admin_id_ = *admin;
  }
  void TearDown() override {
    accounts_.reset();
    AccountsDbTest::TearDown();
  }

  http::Response call(http::Method m, const std::string& target, const std::string& body = "",
                      std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::Request req;
    req.method = m;
    req.target = target;
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = target.substr(q + 1);
    req.body = body;
    req.client_address = address_;
    req.headers = std::move(headers);
    if (!body.empty()) req.headers.emplace_back("content-type", "application/json");
    auto promise = std::make_shared<std::promise<http::Response>>();
    auto future = promise->get_future();
    router_.dispatch(
        req, [promise](http::Response r) { promise->set_value(std::move(r)); }, nullptr);
    EXPECT_EQ(future.wait_for(std::chrono::seconds(20)), std::future_status::ready);
    return future.get();
  }

  std::string login(const std::string& user, const std::string& password) {
    auto r = call(http::Method::kPost, "/api/v1/auth/login",
                  json{{"username", user}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).value("token", "");
  }

  static std::pair<std::string, std::string> bearer(const std::string& token) {
    return {"authorization", "Bearer " + token};
  }

  static std::string header(const http::Response& r, const std::string& name) {
    for (auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }

  std::string address_ = "192.0.2.1";  // the client address of call()
  http::Router router_;
  std::unique_ptr<Accounts> accounts_;
  int64_t admin_id_ = 0;
};

TEST_F(AccountsTest, AddUserValidatesAndRefusesDuplicates) {
  auto dup = accounts_->add_user({"root", "x", "worker", "liming-pass-1", {}, {}});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), Code::kConflict);
  auto bad = accounts_->add_user({"x", "", "boss", "short", std::string("1"), {}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kUnprocessable);
  EXPECT_EQ(bad.status().field_errors().size(), 5u);
  auto common = accounts_->add_user({"liming", "李明", "worker", "Password1", {}, {}});
  ASSERT_EQ(common.status().code(), Code::kUnprocessable);
  EXPECT_EQ(common.status().field_errors().at(0).field, "password");
  auto no_org = accounts_->add_user({"liming", "李明", "worker", "liming-pass-1", {}, {42}});
  EXPECT_EQ(no_org.status().code(), Code::kUnprocessable);
  auto org = accounts_->add_organisation("grid", "第一网格");
  ASSERT_TRUE(org.ok());
  EXPECT_EQ(accounts_->add_organisation("planet", "x").status().code(), Code::kUnprocessable);
  auto ok =
      accounts_->add_user({"liming", "李明", "worker", "liming-pass-1", "13812345678", {*org}});
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  auto users = accounts_->list_users();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].username, "root");
  EXPECT_EQ((*users)[1].username, "liming");
  EXPECT_EQ((*users)[1].created_at.substr(19), "+08:00");
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'user.create'"), 2);
}

TEST_F(AccountsTest, LoginMeLogout) {
  std::string token = login("ROOT", "admin-password");  // usernames ignore case
  ASSERT_FALSE(token.empty());
  auto me = call(http::Method::kGet, "/api/v1/me", "", {bearer(token)});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json::parse(me.body)["username"], "root");
  auto out = call(http::Method::kPost, "/api/v1/auth/logout", "", {bearer(token)});
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(header(out, "Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(call(http::Method::kGet, "/api/v1/me", "", {bearer(token)}).status, 401);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action IN ('auth.login','auth.logout')"),
            2);
}

TEST_F(AccountsTest, WrongPasswordUnknownUserAndThrottle) {
  auto wrong = call(http::Method::kPost, "/api/v1/auth/login",
                    R"({"username":"root","password":"nope-nope"})");
  auto unknown = call(http::Method::kPost, "/api/v1/auth/login",
                      R"({"username":"ghost","password":"nope-nope"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(json::parse(wrong.body)["detail"], json::parse(unknown.body)["detail"]);
  call(http::Method::kPost, "/api/v1/auth/login", R"({"username":"root","password":"x"})");
  call(http::Method::kPost, "/api/v1/auth/login", R"({"username":"Root","password":"y"})");
  // Three failures for root from this address: the fourth attempt from here is
  // refused even with the right password, and checks nothing…
  auto blocked = call(http::Method::kPost, "/api/v1/auth/login",
                      R"({"username":"root","password":"admin-password"})");
  EXPECT_EQ(blocked.status, 429);
  EXPECT_EQ(header(blocked, "Retry-After"), "1");
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'auth.login_failed'"), 4);
  // …but the owner from another address signs in (no lock on the account).
  address_ = "198.51.100.4";
  EXPECT_FALSE(login("root", "admin-password").empty());
  EXPECT_EQ(count("SELECT count(*) FROM login_failures WHERE key = 'a 192.0.2.1 root'"), 1);
}

TEST_F(AccountsTest, PhoneRevealIsAuditedAndRoleChangeRevokes) {
  std::string admin = login("root", "admin-password");
  auto created = call(http::Method::kPost, "/api/v1/users",
                      json{{"username", "wang"},
                           {"display_name", "王芳"},
                           {"role", "worker"},
                           {"password", "wang-password"},
                           {"phone", "13812345678"}}
                          .dump(),
                      {bearer(admin)});
  ASSERT_EQ(created.status, 201) << created.body;
  int64_t id = json::parse(created.body)["id"];
  EXPECT_EQ(json::parse(created.body)["phone"], "138****5678");
  EXPECT_EQ(header(created, "Location"), "/api/v1/users/" + std::to_string(id));

  std::string path = "/api/v1/users/" + std::to_string(id);
  auto masked = call(http::Method::kGet, path, "", {bearer(admin)});
  EXPECT_EQ(json::parse(masked.body)["phone"], "138****5678");
  auto revealed = call(http::Method::kGet, path + "?reveal=phone", "", {bearer(admin)});
  EXPECT_EQ(json::parse(revealed.body)["phone"], "13812345678");
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'personal_data.read'"), 1);

  std::string worker = login("wang", "wang-password");
  auto patched = call(http::Method::kPatch, path, R"({"role":"volunteer"})", {bearer(admin)});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(json::parse(patched.body)["role"], "volunteer");
  EXPECT_EQ(call(http::Method::kGet, "/api/v1/me", "", {bearer(worker)}).status, 401);

  auto self_demote = call(http::Method::kPatch, "/api/v1/users/" + std::to_string(admin_id_),
                          R"({"role":"worker"})", {bearer(admin)});
  EXPECT_EQ(self_demote.status, 409);
  auto audit =
      call(http::Method::kGet, "/api/v1/audit?action=user.role_change", "", {bearer(admin)});
  ASSERT_EQ(audit.status, 200) << audit.body;
  json items = json::parse(audit.body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["detail"], (json{{"from", "worker"}, {"to", "volunteer"}}));
}

TEST_F(AccountsTest, ChangeOwnPasswordKeepsThisSessionOnly) {
  std::string first = login("root", "admin-password");
  std::string second = login("root", "admin-password");
  auto wrong =
      call(http::Method::kPut, "/api/v1/me/password",
           R"({"current_password":"bad-bad-bad","new_password":"new-password"})", {bearer(first)});
  EXPECT_EQ(wrong.status, 422);
  auto ok = call(http::Method::kPut, "/api/v1/me/password",
                 R"({"current_password":"admin-password","new_password":"new-password"})",
                 {bearer(first)});
  EXPECT_EQ(ok.status, 204) << ok.body;
  EXPECT_EQ(call(http::Method::kGet, "/api/v1/me", "", {bearer(first)}).status, 200);
  EXPECT_EQ(call(http::Method::kGet, "/api/v1/me", "", {bearer(second)}).status, 401);
  EXPECT_FALSE(login("root", "new-password").empty());
}

TEST_F(AccountsTest, SetPasswordFromCliRevokesSessions) {
  std::string token = login("root", "admin-password");
  EXPECT_TRUE(accounts_->set_password("root", "another-password").ok());
  EXPECT_EQ(call(http::Method::kGet, "/api/v1/me", "", {bearer(token)}).status, 401);
  EXPECT_EQ(accounts_->set_password("nobody", "another-password").code(), Code::kNotFound);
  EXPECT_EQ(accounts_->set_password("root", "short").code(), Code::kUnprocessable);
  EXPECT_EQ(accounts_->set_password("root", "qwer1234").code(), Code::kUnprocessable);
  auto same = accounts_->set_password("root", "another-password");
  ASSERT_EQ(same.code(), Code::kUnprocessable);
  EXPECT_EQ(same.field_errors().at(0).message, "must differ from the current password");
}

TEST_F(AccountsTest, NewPasswordMustNotBeCommonOrTheCurrentOne) {
  std::string admin = login("root", "admin-password");
  auto fields = [](const http::Response& r) {
    std::vector<std::string> out;
    json body = json::parse(r.body);
    for (const json& e : body["errors"]) out.push_back(e["field"]);
    return out;
  };
  auto common =
      call(http::Method::kPut, "/api/v1/me/password",
           R"({"current_password":"admin-password","new_password":"WoAiNi1314"})", {bearer(admin)});
  EXPECT_EQ(common.status, 422) << common.body;
  EXPECT_EQ(fields(common), std::vector<std::string>{"new_password"});
  auto same = call(http::Method::kPut, "/api/v1/me/password",
                   R"({"current_password":"admin-password","new_password":"admin-password"})",
                   {bearer(admin)});
  EXPECT_EQ(same.status, 422) << same.body;
  EXPECT_NE(same.body.find("must differ from the current password"), std::string::npos);

  // An admin resetting a password: not a common one, not the user's current one.
  auto wang = accounts_->add_user({"wang", "王芳", "worker", "wang-password", {}, {}});
  ASSERT_TRUE(wang.ok());
  std::string path = "/api/v1/users/" + std::to_string(*wang) + "/password";
  auto reset_common = call(http::Method::kPut, path, R"({"password":"admin123"})", {bearer(admin)});
  EXPECT_EQ(reset_common.status, 422) << reset_common.body;
  auto reset_same =
      call(http::Method::kPut, path, R"({"password":"wang-password"})", {bearer(admin)});
  EXPECT_EQ(reset_same.status, 422) << reset_same.body;
  EXPECT_EQ(fields(reset_same), std::vector<std::string>{"password"});
  auto reset = call(http::Method::kPut, path, R"({"password":"wang-password-2"})", {bearer(admin)});
  EXPECT_EQ(reset.status, 204) << reset.body;
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'user.password_change'"), 1);
}

TEST_F(AccountsTest, LoginRehashesOldParameters) {
  // A hash made at another cost than the configured one is replaced after a
  // successful login.
  auto old_hash = hash_password("admin-password", PasswordCost::kInteractive);
  ASSERT_TRUE(old_hash.ok());
  auto stored = [&] {
    auto st = db_->reader().prepare("SELECT password_hash FROM users WHERE id = ?");
    EXPECT_TRUE(st.ok());
    st->bind(1, admin_id_);
    EXPECT_TRUE(*st->step());
    return st->column_text(0);
  };
  ASSERT_TRUE(db_->write([&](store::Connection& c) -> Status {
                   auto st = c.prepare("UPDATE users SET password_hash = ?");
                   if (!st.ok()) return st.status();
                   st->bind(1, *old_hash);
                   return st->run();
                 })
                  .ok());
  ASSERT_EQ(stored(), *old_hash);
  EXPECT_FALSE(login("root", "admin-password").empty());
  std::string now_stored = stored();
  EXPECT_NE(now_stored, *old_hash);
  EXPECT_FALSE(needs_rehash(now_stored, PasswordCost::kMinimum));
  EXPECT_TRUE(verify_password(now_stored, "admin-password"));
}

}  // namespace
}  // namespace warmcity::accounts
