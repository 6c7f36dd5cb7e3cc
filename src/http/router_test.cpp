#include "http/router.h"

#include <chrono>
#include <future>
#include <thread>

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

// Slow routes: dispatch() hands them to the slow-work pool and returns.
class SlowRouteTest : public ::testing::Test {
 protected:
  using ms = std::chrono::milliseconds;
  void SetUp() override {
    router.add(
        Method::kGet, "/slow", Access::Public(),
        [this](Request& req, Reply reply) {
          Response r;
          r.body = req.query;
          handler_thread = std::this_thread::get_id();
          if (req.query == "block") release.get_future().wait();
          reply(std::move(r));
        },
        RouteOptions{.summary = "slow", .slow = true});
    router.add(Method::kGet, "/private", Access::AnyUser(), answer("private"),
               RouteOptions{.summary = "slow and private", .slow = true});
    router.add(Method::kGet, "/fast", Access::Public(), answer("fast"));
  }
  void TearDown() override {
    release_blocked();
    if (pool) pool->shutdown();
  }
  void use_pool(ms wait) {
    pool = std::make_shared<HandlerPool>(1, wait, 1);
    router.set_slow_pool(pool);
  }
  void release_blocked() {
    if (!released) release.set_value();
    released = true;
  }
  // Dispatches `query` to /slow; the answer comes through the future.
  std::future<Response> start(std::string query) {
    auto promise = std::make_shared<std::promise<Response>>();
    std::future<Response> future = promise->get_future();
    Request req = make(Method::kGet, "/slow", std::move(query));
    router.dispatch(
        req, [promise](Response r) { promise->set_value(std::move(r)); }, nullptr);
    return future;
  }
  // Starts a request that holds the pool's one thread until release_blocked().
  std::future<Response> block_the_thread() {
    std::future<Response> f = start("block");
    for (int i = 0; i < 2500 && pool->stats().ran == 0; ++i) std::this_thread::sleep_for(ms(2));
    EXPECT_EQ(pool->stats().ran, 1u);  // taken, so the queue is empty again
    return f;
  }

  // Dispatches and waits up to 5 s for the answer, from whichever thread.
  Response answer_of(Request req, std::string* label = nullptr) {
    auto promise = std::make_shared<std::promise<Response>>();
    std::future<Response> future = promise->get_future();
    router.dispatch(
        req, [promise](Response r) { promise->set_value(std::move(r)); }, label);
    req.query = "reused";  // the caller may reuse its request once dispatch() returns
    if (future.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
      ADD_FAILURE() << "no answer within 5 s";
      return Response{};
    }
    return future.get();
  }

  Router router;
  std::shared_ptr<HandlerPool> pool;
  std::thread::id handler_thread;
  std::promise<void> release;
  bool released = false;
};

std::string_view header_of(const Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

bool ready(std::future<Response>& f) {
  return f.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
}

// What the server asks before choosing a thread (session.cpp): only a slow
// route with a pool skips the handler threads.
TEST_F(SlowRouteTest, RunsOnSlowPoolOnlyForASlowRouteWithAPool) {
  Request slow = make(Method::kGet, "/slow");
  EXPECT_FALSE(router.runs_on_slow_pool(slow));  // no pool: it runs where the others do
  use_pool(ms(50));
  EXPECT_TRUE(router.runs_on_slow_pool(slow));
  Request priv = make(Method::kGet, "/private");
  EXPECT_TRUE(router.runs_on_slow_pool(priv));
  Request fast = make(Method::kGet, "/fast");
  EXPECT_FALSE(router.runs_on_slow_pool(fast));
  Request unknown = make(Method::kGet, "/nothing");
  EXPECT_FALSE(router.runs_on_slow_pool(unknown));
  Request wrong_method = make(Method::kPost, "/slow");  // 405: answered wherever it is
  EXPECT_FALSE(router.runs_on_slow_pool(wrong_method));
}

TEST_F(SlowRouteTest, WithoutAPoolASlowRouteRunsOnTheCallingThread) {
  Response r = run(router, make(Method::kGet, "/slow", "x"));
  EXPECT_EQ(r.body, "x");
  EXPECT_EQ(handler_thread, std::this_thread::get_id());
}

TEST_F(SlowRouteTest, ASlowRouteRunsOnThePoolWithItsOwnCopyOfTheRequest) {
  use_pool(ms(5000));
  std::string label;
  Response r = answer_of(make(Method::kGet, "/slow", "x"), &label);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "x");  // not "reused": the pool read its own copy
  EXPECT_EQ(label, "/slow");
  EXPECT_NE(handler_thread, std::this_thread::get_id());
  EXPECT_EQ(pool->stats().ran, 1u);
  EXPECT_EQ(run(router, make(Method::kGet, "/fast")).body, "fast");  // others stay inline
  EXPECT_EQ(pool->stats().ran, 1u);
}

TEST_F(SlowRouteTest, AuthenticationRunsOnThePoolToo) {
  std::thread::id auth_thread;
  router.set_authenticator([&auth_thread](const Request&) -> Result<std::optional<Principal>> {
    auth_thread = std::this_thread::get_id();
    return std::optional<Principal>();
  });
  use_pool(ms(5000));
  Response r = answer_of(make(Method::kGet, "/private"));
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(auth_thread, std::this_thread::get_id());
  EXPECT_EQ(pool->stats().ran, 1u);
}

TEST_F(SlowRouteTest, ARequestNoThreadTakesInTimeIs503WithRetryAfter) {
  use_pool(ms(50));
  std::future<Response> first = block_the_thread();
  std::future<Response> second = start("second");
  ASSERT_TRUE(ready(second));  // refused at its deadline, the thread still held
  Response waited = second.get();
  EXPECT_EQ(waited.status, 503);
  EXPECT_EQ(waited.content_type, "application/problem+json");
  EXPECT_EQ(header_of(waited, "Retry-After"), "1");
  EXPECT_NE(waited.body.find("no slow-work thread was free within 50 ms"), std::string::npos);
  EXPECT_EQ(run(router, make(Method::kGet, "/fast")).body, "fast");  // never held up
  release_blocked();
  ASSERT_TRUE(ready(first));
  EXPECT_EQ(first.get().body, "block");
  EXPECT_EQ(pool->stats().rejected_waited, 1u);
}

TEST_F(SlowRouteTest, AFullQueueIs503AtOnce) {
  use_pool(ms(60'000));
  std::future<Response> first = block_the_thread();
  std::future<Response> second = start("second");                     // waits: the queue holds one
  Response full = run(router, make(Method::kGet, "/slow", "third"));  // answered on this thread
  EXPECT_EQ(full.status, 503);
  EXPECT_EQ(header_of(full, "Retry-After"), "1");
  EXPECT_NE(full.body.find("too many requests are waiting for a slow-work thread"),
            std::string::npos);
  release_blocked();
  ASSERT_TRUE(ready(first));
  EXPECT_EQ(first.get().body, "block");
  ASSERT_TRUE(ready(second));
  EXPECT_EQ(second.get().body, "second");
  EXPECT_EQ(pool->stats().rejected_full, 1u);
}

TEST(BusyProblem, NamesThePoolAndTheWait) {
  Response r = busy_problem(HandlerPool::Refusal::kWaitedTooLong, std::chrono::milliseconds(2000),
                            "handler thread");
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("no handler thread was free within 2000 ms"), std::string::npos);
  EXPECT_EQ(header_of(r, "Retry-After"), "1");
  Response stopping =
      busy_problem(HandlerPool::Refusal::kStopping, std::chrono::milliseconds(1), "x");
  EXPECT_NE(stopping.body.find("shutting down"), std::string::npos);
}

}  // namespace
}  // namespace warmcity::http
