#include "http/router.h"

#include <gtest/gtest.h>

namespace warmcity::http {
namespace {

Handler answer(std::string text) {
  return [text](Request& req, Reply reply) {
    Response r;
    r.body = text;
    for (const auto& [k, v] : req.path_params) r.body += "|" + k + "=" + v;
    reply(std::move(r));
  };
}

Request make(Method m, std::string path, std::string query = "") {
  Request r;
  r.method = m;
  r.path = std::move(path);
  r.query = std::move(query);
  return r;
}

Response run(const Router& router, Request req, std::string* label = nullptr) {
  Response out;
  out.status = -1;
  std::string ignored;
  router.dispatch(
      req, [&](Response r) { out = std::move(r); }, label ? label : &ignored);
  return out;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add(Method::kGet, "/api/v1/users/{id}", Access::Public(), answer("user"));
    router.add(Method::kGet, "/api/v1/users/me", Access::Public(), answer("me"));
    router.add(Method::kPost, "/api/v1/users", Access::Roles({Role::kAdmin}), answer("create"));
    router.add(Method::kGet, "/api/v1/users", Access::AnyUser(), answer("list"));
    router.add(Method::kPost, "/api/v1/upload", Access::Public(), answer("upload"),
               RouteOptions{.body_limit = 10, .json_body = false, .summary = "upload"});
    router.set_authenticator([](const Request& r) -> Result<std::optional<Principal>> {
      auto auth = r.header("authorization");
      if (auth.empty()) return std::optional<Principal>();
      if (auth == "Bearer admin")
        return std::optional<Principal>(Principal{1, "a", Role::kAdmin, 1, false, {}, "", {}});
      if (auth == "Bearer resident") {
        return std::optional<Principal>(Principal{2, "r", Role::kResident, 2, false, {}, "", {}});
      }
      return Status::Unauthenticated("invalid session");
    });
  }
  Router router;
};

TEST_F(RouterTest, LiteralBeatsParameterAndParamsAreDecoded) {
  EXPECT_EQ(run(router, make(Method::kGet, "/api/v1/users/me")).body, "me");
  EXPECT_EQ(run(router, make(Method::kGet, "/api/v1/users/4%202")).body, "user|id=4 2");
}

TEST_F(RouterTest, UnknownPathIs404ProblemAndLabelUnmatched) {
  std::string label;
  Response r = run(router, make(Method::kGet, "/api/v1/nothing"), &label);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_EQ(label, "unmatched");
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
  Response r = run(router, make(Method::kDelete, "/api/v1/users"));
  EXPECT_EQ(r.status, 405);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Allow");
  EXPECT_NE(r.headers[0].second.find("GET"), std::string::npos);
  EXPECT_NE(r.headers[0].second.find("POST"), std::string::npos);
}

TEST_F(RouterTest, HeadFallsBackToGet) {
  EXPECT_EQ(run(router, make(Method::kHead, "/api/v1/users/me")).body, "me");
}

TEST_F(RouterTest, AuthenticationAndRoles) {
  Request anon = make(Method::kGet, "/api/v1/users");
  EXPECT_EQ(run(router, anon).status, 401);

  Request bad = make(Method::kGet, "/api/v1/users");
  bad.headers = {{"authorization", "Bearer nonsense"}};
  EXPECT_EQ(run(router, bad).status, 401);

  Request resident = make(Method::kPost, "/api/v1/users");
  resident.headers = {{"authorization", "Bearer resident"}};
  EXPECT_EQ(run(router, resident).status, 403);

  Request admin = make(Method::kPost, "/api/v1/users");
  admin.headers = {{"authorization", "Bearer admin"}};
  EXPECT_EQ(run(router, admin).body, "create");
}

TEST_F(RouterTest, PublicRouteIgnoresBadCredentials) {
  Request r = make(Method::kGet, "/api/v1/users/me");
  r.headers = {{"authorization", "Bearer nonsense"}};
  EXPECT_EQ(run(router, r).body, "me");
}

TEST_F(RouterTest, JsonContentTypeRequiredForBodies) {
  Request r = make(Method::kPost, "/api/v1/users");
  r.headers = {{"authorization", "Bearer admin"}, {"content-type", "text/plain"}};
  r.body = "{}";
  EXPECT_EQ(run(router, r).status, 415);
  r.headers[1].second = "Application/JSON; charset=utf-8";
  EXPECT_EQ(run(router, r).body, "create");
}

TEST_F(RouterTest, MalformedQueryIs400) {
  EXPECT_EQ(run(router, make(Method::kGet, "/api/v1/users/me", "a=%zz")).status, 400);
}

TEST_F(RouterTest, BodyLimitPerRoute) {
  EXPECT_EQ(router.body_limit(Method::kPost, "/api/v1/upload"), 10u);
  EXPECT_EQ(router.body_limit(Method::kPost, "/api/v1/users"), 1u << 20);
  EXPECT_EQ(router.body_limit(Method::kGet, "/api/v1/users"), 0u);  // GET takes no body
  EXPECT_EQ(router.body_limit(Method::kHead, "/api/v1/users/me"), 0u);
  EXPECT_EQ(router.body_limit(Method::kGet, "/nowhere"), std::nullopt);
  EXPECT_EQ(router.body_limit(Method::kDelete, "/api/v1/users"), std::nullopt);
}

TEST_F(RouterTest, HandlerExceptionBecomes500) {
  router.add(Method::kGet, "/boom", Access::Public(),
             [](Request&, Reply) { throw std::runtime_error("bug"); });
  EXPECT_EQ(run(router, make(Method::kGet, "/boom")).status, 500);
}

// An error format that marks its answers "own:".
Response own_error(const Request&, int status, std::string_view detail) {
  Response r;
  r.status = status;
  r.content_type = "text/plain";
  r.body = "own:" + std::string(detail);
  return r;
}

TEST(RouterErrorFormat, PathFamilyRendersItsOwnRefusals) {
  Router router;
  router.add(Method::kGet, "/open311/v2/services.json", Access::Public(), answer("services"));
  router.set_error_format("/open311/", own_error);
  Response missing = run(router, make(Method::kGet, "/open311/v2/nothing.json"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.content_type, "text/plain");
  Response method = run(router, make(Method::kDelete, "/open311/v2/services.json"));
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.body.rfind("own:", 0), 0u);
  bool has_allow = false;
  for (const auto& [k, v] : method.headers) has_allow = has_allow || (k == "Allow" && v == "GET");
  EXPECT_TRUE(has_allow);
  router.set_fallback(answer("static"));
  EXPECT_EQ(run(router, make(Method::kGet, "/open311/v2/other.json")).status, 404);
  Response elsewhere = run(router, make(Method::kGet, "/api/v1/nothing"));
  EXPECT_EQ(elsewhere.body, "static");  // the fallback still serves other paths
}

}  // namespace
}  // namespace warmcity::http
