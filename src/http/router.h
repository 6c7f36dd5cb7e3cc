// Router: maps method + path to a handler, and enforces what every route
// declares before the handler runs.
//
// Order of checks for one request: path match (404) → method (405 with Allow)
// → content type for bodies (415) → authentication (401) → role (403) →
// cross-site check for cookie sessions on unsafe methods (403) → the limit
// on writes without a session (429 with Retry-After) → handler.
// The router's own refusals are problem+json, except under a path prefix
// given an ErrorFormat (Open311 answers its own error arrays there).
// Path patterns use `{name}` segments: "/api/v1/users/{id}". A literal
// segment wins over a parameter at the same position.
//
// A handler answers exactly once through its Reply, from any thread (writes
// reply from the writer thread after commit); the server moves the response
// back to the connection's own executor.
//
// Slow routes (RouteOptions::slow) run authentication and the handler on the
// slow-work pool given by set_slow_pool() instead of the calling thread (an
// I/O thread on SQLite, a handler-pool thread on PostgreSQL), on a copy of
// the request: dispatch() returns at once and the answer comes from the pool.
// A slow request no pool thread takes in time, or that finds the pool's queue
// full, is answered 503 with Retry-After (busy_problem()). Without a pool they
// run where every other route runs.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "http/handler_pool.h"
#include "http/message.h"

namespace warmcity::http {

class RateLimiter;

using Reply = std::function<void(Response)>;
using Handler = std::function<void(Request&, Reply)>;
// Checks the credentials of a request. Ok(nullopt) when it carries none;
// kUnauthenticated when it carries an invalid or expired one.
using Authenticator = std::function<Result<std::optional<Principal>>(const Request&)>;
// Renders one of the router's refusals (404, 405, 400, 415, 401, 403) for a
// path family whose protocol has its own error format. Headers the router
// adds (Allow, WWW-Authenticate) are added to the result.
using ErrorFormat =
    std::function<Response(const Request&, int http_status, std::string_view detail)>;

// Who may call a route.
struct Access {
  bool is_public = false;   // anyone, without a session
  std::vector<Role> roles;  // when not public: these roles (empty: any signed-in user)

  static Access Public() { return Access{true, {}}; }
  static Access AnyUser() { return Access{false, {}}; }
  static Access Roles(std::initializer_list<Role> r) { return Access{false, r}; }
  bool allows(Role r) const;
};

struct RouteOptions {
  size_t body_limit = 1 << 20;  // bytes; 413 beyond
  bool json_body = true;        // POST/PUT/PATCH bodies must be application/json
  std::string summary;          // one line, for logs and docs
  // POST/PUT/PATCH/DELETE without a session count against the limits for
  // anonymous writes (Router::limit_anonymous_writes). false for routes
  // with their own throttle or credential (login, gate devices).
  bool anonymous_write_limit = true;
  // The handler may take more than about a millisecond at a city's scale
  // (a report over a month of appeals, a search over their history): it runs
  // on the slow-work pool, never on an I/O or handler thread.
  bool slow = false;
};

// The 503 for a request a pool refused: problem+json with Retry-After: 1.
// `worker` names the pool's threads in the detail ("handler thread");
// `wait` is the pool's wait deadline.
Response busy_problem(HandlerPool::Refusal why, std::chrono::milliseconds wait,
                      std::string_view worker);

// How many writes without a session one client address, and one client
// network (core::network_of: /24, /64), may make per minute on average; a
// minute's worth may come at once. 0: no limit.
struct AnonymousWriteLimits {
  double per_address_per_minute = 20;
  double per_network_per_minute = 200;
};

struct Route {
  Method method;
  std::string pattern;
  Access access;
  RouteOptions options;
  Handler handler;
  std::vector<std::string> segments;  // pattern split on '/'
};

// The outcome of looking a request up, before the handler runs.
struct Match {
  const Route* route = nullptr;  // null: 404 or 405
  std::string allow;             // for 405: "GET, POST"
};

class Router {
 public:
  Router();
  ~Router();
  // REQUIRES: called before serving starts (the route table is then read-only).
  void add(Method method, std::string pattern, Access access, Handler handler,
           RouteOptions options = {});
  void set_authenticator(Authenticator a) { authenticate_ = std::move(a); }
  void limit_anonymous_writes(const AnonymousWriteLimits& limits);
  // Public GET/HEAD handler for paths no route matches (the web app's static
  // files); its label in metrics and logs is "static".
  void set_fallback(Handler h) { fallback_ = std::move(h); }
  // Refusals for paths starting with `path_prefix` are rendered by `format`;
  // such paths are never handed to the fallback (an API, not static files).
  void set_error_format(std::string path_prefix, ErrorFormat format) {
    error_formats_.emplace_back(std::move(path_prefix), std::move(format));
  }
  // The pool slow routes run on (shared: the caller reports its counts and
  // shuts it down after serving). Null: slow routes run like the others.
  void set_slow_pool(std::shared_ptr<HandlerPool> pool) { slow_pool_ = std::move(pool); }

  // Finds the route for method + path and fills request.path_params.
  Match match(Request& request) const;
  // The body limit for a request to this method + path, known before the
  // body is read: the route's limit for POST/PUT/PATCH, 0 for other methods
  // (they take no body); nullopt when no route matches (the server then
  // answers 404/405 without reading the body at all).
  std::optional<size_t> body_limit(Method method, std::string_view path) const;

  // True when dispatch() would hand this request to the slow-work pool at
  // once (a slow route, a pool set): its caller need not be a handler
  // thread, since dispatch() then only matches, copies and posts.
  bool runs_on_slow_pool(Request& request) const;

  // Runs every check and then the handler. `route_label` receives the route's
  // pattern (or "unmatched") for metrics and logs.
  void dispatch(Request& request, Reply reply, std::string* route_label) const;

  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  // The error format of the path family `path` belongs to; nullptr: problem+json.
  const ErrorFormat* format_for(std::string_view path) const;
  // problem(s), or the path family's own format.
  Response refuse(const Request& request, const Status& s) const;
  Response refuse(const Request& request, int http_status, std::string detail) const;
  // Seconds the anonymous write must wait (0: go ahead).
  int anonymous_write_wait(const Request& request) const;
  // Authentication, access, the anonymous write limit, then the handler.
  void run_route(const Route& route, Request& request, Reply reply) const;

  std::vector<std::unique_ptr<Route>> routes_;
  std::vector<std::pair<std::string, ErrorFormat>> error_formats_;
  Authenticator authenticate_;
  Handler fallback_;
  std::unique_ptr<RateLimiter> per_address_;  // null: no limit
  std::unique_ptr<RateLimiter> per_network_;
  std::shared_ptr<HandlerPool> slow_pool_;
};

}  // namespace warmcity::http
