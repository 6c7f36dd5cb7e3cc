#include "http/router.h"

#include <algorithm>
#include <exception>

#include <spdlog/spdlog.h>

#include "core/log_text.h"
#include "core/net_address.h"
#include "http/problem.h"
#include "http/rate_limit.h"

namespace warmcity::http {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  out.reserve(8);  // the API's paths have at most six segments: one allocation
  size_t start = path.empty() || path[0] != '/' ? 0 : 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Number of literal segments: with equal length, more literals is a better match.
int literal_count(const Route& r) {
  return static_cast<int>(std::count_if(r.segments.begin(), r.segments.end(),
                                        [](const std::string& s) { return !is_param(s); }));
}

bool path_matches(const Route& route, const std::vector<std::string_view>& parts) {
  if (route.segments.size() != parts.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (is_param(seg)) {
      if (parts[i].empty()) return false;
    } else if (seg != parts[i]) {
      return false;
    }
  }
  return true;
}

bool has_body_method(Method m) {
  return m == Method::kPost || m == Method::kPut || m == Method::kPatch;
}

bool is_json_content_type(std::string_view ct) {
  size_t semi = ct.find(';');
  std::string_view mime = ct.substr(0, semi);
  while (!mime.empty() && mime.back() == ' ') mime.remove_suffix(1);
  std::string lower(mime);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == "application/json";
}

bool query_is_decodable(std::string_view query) { return percent_decode(query, true).has_value(); }

}  // namespace

bool Access::allows(Role r) const {
  if (is_public || roles.empty()) return true;
  return std::find(roles.begin(), roles.end(), r) != roles.end();
}

void Router::add(Method method, std::string pattern, Access access, Handler handler,
                 RouteOptions options) {
  auto route = std::make_unique<Route>();
  route->method = method;
  route->pattern = std::move(pattern);
  route->access = std::move(access);
  route->options = std::move(options);
  route->handler = std::move(handler);
  for (std::string_view s : split_path(route->pattern)) route->segments.emplace_back(s);
  routes_.push_back(std::move(route));
  // Most specific first, so a literal segment wins over a parameter.
  std::stable_sort(routes_.begin(), routes_.end(), [](const auto& a, const auto& b) {
    return literal_count(*a) > literal_count(*b);
  });
}

Match Router::match(Request& request) const {
  Match m;
  auto parts = split_path(request.path);
  const Route* head_fallback = nullptr;
  for (const auto& r : routes_) {
    if (!path_matches(*r, parts)) continue;
    if (r->method == request.method) {
      m.route = r.get();
      break;
    }
    if (request.method == Method::kHead && r->method == Method::kGet && !head_fallback) {
      head_fallback = r.get();
    }
    std::string_view name = method_name(r->method);
    if (m.allow.find(name) == std::string::npos) {
      if (!m.allow.empty()) m.allow += ", ";
      m.allow += name;
    }
  }
  if (!m.route) m.route = head_fallback;
  if (!m.route) return m;
  request.path_params.clear();
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = m.route->segments[i];
    if (!is_param(seg)) continue;
    auto value = percent_decode(parts[i], false);
    request.path_params.emplace_back(seg.substr(1, seg.size() - 2), value ? *value : "");
  }
  return m;
}

std::optional<size_t> Router::body_limit(Method method, std::string_view path) const {
  auto parts = split_path(path);
  for (const auto& r : routes_) {
    bool same = r->method == method || (method == Method::kHead && r->method == Method::kGet);
    if (same && path_matches(*r, parts)) {
      return has_body_method(method) ? r->options.body_limit : 0;
    }
  }
  return std::nullopt;
}

const ErrorFormat* Router::format_for(std::string_view path) const {
  for (const auto& [prefix, format] : error_formats_) {
    if (path.starts_with(prefix)) return &format;
  }
  return nullptr;
}

Response Router::refuse(const Request& request, const Status& s) const {
  if (const ErrorFormat* format = format_for(request.path)) {
    return (*format)(request, http_status(s.code()), s.message());
  }
  return problem(s);
}

Response Router::refuse(const Request& request, int http_status, std::string detail) const {
  if (const ErrorFormat* format = format_for(request.path)) {
    return (*format)(request, http_status, detail);
  }
  return problem(http_status, detail);
}

Response busy_problem(HandlerPool::Refusal why, std::chrono::milliseconds wait,
                      std::string_view worker) {
  std::string detail;
  switch (why) {
    case HandlerPool::Refusal::kWaitedTooLong:
      detail = "no " + std::string(worker) + " was free within " + std::to_string(wait.count()) +
               " ms; try again shortly";
      break;
    case HandlerPool::Refusal::kQueueFull:
      detail = "too many requests are waiting for a " + std::string(worker) + "; try again shortly";
      break;
    case HandlerPool::Refusal::kStopping:
      detail = "the server is shutting down";
      break;
  }
  Response r = problem(503, detail);
  r.set_header("Retry-After", "1");
  return r;
}

Router::Router() = default;
Router::~Router() = default;

void Router::limit_anonymous_writes(const AnonymousWriteLimits& l) {
  per_address_.reset();
  per_network_.reset();
  if (l.per_address_per_minute > 0) {
    per_address_ = std::make_unique<RateLimiter>(l.per_address_per_minute,
                                                 std::max(1.0, l.per_address_per_minute));
  }
  if (l.per_network_per_minute > 0) {
    per_network_ = std::make_unique<RateLimiter>(l.per_network_per_minute,
                                                 std::max(1.0, l.per_network_per_minute));
  }
}

int Router::anonymous_write_wait(const Request& request) const {
  const std::string& address = request.client_address;
  if (per_address_) {
    if (int wait = per_address_->take(address); wait > 0) return wait;
  }
  if (!per_network_) return 0;
  // An address that is not an IP is its own network.
  std::optional<std::string> net = core::network_of(address);
  return per_network_->take(net ? *net : address);
}

void Router::dispatch(Request& request, Reply reply, std::string* route_label) const {
  Match m = match(request);
  if (!m.route && m.allow.empty() && fallback_ && !format_for(request.path) &&
      (request.method == Method::kGet || request.method == Method::kHead)) {
    if (route_label) *route_label = "static";
    fallback_(request, std::move(reply));
    return;
  }
  if (!m.route) {
    if (route_label) *route_label = "unmatched";
    if (m.allow.empty()) {
      reply(refuse(request, 404, "no route for " + request.path));
    } else {
      Response r = refuse(
          request, 405,
          std::string(method_name(request.method)) + " is not allowed here; allowed: " + m.allow);
      r.set_header("Allow", m.allow);
      reply(std::move(r));
    }
    return;
  }
  const Route& route = *m.route;
  if (route_label) *route_label = route.pattern;

  if (!query_is_decodable(request.query)) {
    reply(refuse(request, Status::InvalidArgument("malformed percent-escape in the query string")));
    return;
  }
  if (has_body_method(request.method) && route.options.json_body && !request.body.empty() &&
      !is_json_content_type(request.header("content-type"))) {
    reply(refuse(request, Status::UnsupportedMedia("the body must be application/json")));
    return;
  }
  if (!route.options.slow || !slow_pool_) return run_route(route, request, std::move(reply));

  // The caller's request may be reused once dispatch() has returned and the
  // answer is written; the pool works on its own copy.
  auto own = std::make_shared<Request>(request);
  auto answer = std::make_shared<Reply>(std::move(reply));
  slow_pool_->post([this, &route, own, answer] { run_route(route, *own, *answer); },
                   [answer, wait = slow_pool_->wait()](HandlerPool::Refusal why) {
                     (*answer)(busy_problem(why, wait, "slow-work thread"));
                   });
}

bool Router::runs_on_slow_pool(Request& request) const {
  if (!slow_pool_) return false;
  const Match m = match(request);
  return m.route && m.route->options.slow;
}

void Router::run_route(const Route& route, Request& request, Reply reply) const {
  if (authenticate_) {
    auto who = authenticate_(request);
    if (who.ok()) {
      request.principal = std::move(*who);
    } else if (!route.access.is_public) {
      Response r = refuse(request, who.status());
      if (who.status().code() == Code::kUnauthenticated) r.set_header("WWW-Authenticate", "Bearer");
      reply(std::move(r));
      return;
    }
  }
  if (!route.access.is_public) {
    if (!request.principal) {
      Response r =
          refuse(request, Status::Unauthenticated("sign in first: this route needs a session"));
      r.set_header("WWW-Authenticate", "Bearer");
      reply(std::move(r));
      return;
    }
    if (!route.access.allows(request.principal->role)) {
      reply(refuse(request, Status::PermissionDenied(
                                "the role '" + std::string(role_name(request.principal->role)) +
                                "' may not call " + std::string(method_name(route.method)) + " " +
                                route.pattern)));
      return;
    }
  }

  if (!request.principal && route.options.anonymous_write_limit && request.method != Method::kGet &&
      request.method != Method::kHead) {
    if (int wait = anonymous_write_wait(request); wait > 0) {
      Response r = refuse(request, 429,
                          "too many writes without signing in from your address; try again in " +
                              std::to_string(wait) + " s");
      r.set_header("Retry-After", std::to_string(wait));
      reply(std::move(r));
      return;
    }
  }

  try {
    route.handler(request, reply);
  } catch (const std::exception& e) {
    spdlog::error("handler {} {} threw: {}", method_name(route.method), route.pattern,
                  core::log_text(e.what()));
    reply(refuse(request, Status::Internal("internal error")));
  }
}

}  // namespace warmcity::http
