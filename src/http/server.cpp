// The Boost.Beast listener and connections. Modelled on Beast 1.74's
// advanced_server example — a stream timer reset before every read and
// write, header read apart from body read so that each route's body limit
// applies — with one io_context per thread instead of one shared by all:
// a connection lives on one thread's io_context (so it needs no strand),
// and the threads share no reactor, timer queue or scheduler lock. With one
// shared io_context every stream timer reset locked the one reactor and the
// threads woke each other through futexes (measured: about one futex call per
// request under wrk); see bench/README.md. The price: a handler that computes
// for long holds up the other connections of its thread (not only itself), so
// long work belongs on the writer or a worker pool, not on an I/O thread.
// Dispatch itself moves to a HandlerPool when handler_threads > 0 (blocking
// PostgreSQL reads); the connection then waits for the pool's answer as it
// waits for the writer's.
#include "http/server.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/log_text.h"
#include "core/net_address.h"
#include "http/answer_policy.h"
#include "http/beast_request.h"
#include "http/handler_pool.h"
#include "http/problem.h"

namespace warmcity::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// Connections that may be open beyond max_connections while the ones asked
// to make room are closing (listen() keeps 64 descriptors spare).
constexpr size_t kEvictionSlack = 16;

// Bodies up to this size need no reservation from max_large_body_bytes.
constexpr size_t kSmallBody = 1 << 20;

// Requests waiting for a handler thread, per thread, before new ones are
// refused at once (each connection has at most one request waiting).
constexpr size_t kHandlerQueuePerThread = 1024;

class Session;

struct Server::Impl {
  Impl(ServerConfig c, const Router& r, Metrics& m)
      : cfg(std::move(c)),
        router(r),
        metrics(m),
        iocs(make_contexts(cfg.threads)),
        ioc(*iocs.front()),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM) {}

  // One io_context per thread (`threads` 0: one per core), each told that
  // one thread runs it.
  static std::vector<std::unique_ptr<net::io_context>> make_contexts(int threads) {
    const int n =
        threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::unique_ptr<net::io_context>> out;
    for (int i = 0; i < n; ++i) out.push_back(std::make_unique<net::io_context>(1));
    return out;
  }
  // The io_context for the next connection, in turn.
  net::io_context& next_context() { return *iocs[next_ioc++ % iocs.size()]; }

  void accept();
  void begin_shutdown();
  void poll_shutdown(std::shared_ptr<net::steady_timer> timer, Clock::time_point deadline);

  // Reserves a connection slot for `peer` (of client network `network`);
  // false when a cap is reached. At max_connections, the connection that has
  // waited longest for a request header is closed to make room.
  bool admit(const std::string& peer, const std::string& network);
  void release(const std::string& peer, const std::string& network);
  // REQUIRES: sessions_mu held. Asks the session longest waiting for a
  // header to close; false when every connection is busy with a request.
  bool evict_one_waiting();
  bool trusted_proxy(const std::string& peer) const;

  ServerConfig cfg;
  const Router& router;
  Metrics& metrics;
  // Declared before `ioc`: handlers still queued when the io_context is
  // destroyed hold sessions, whose destructors use these.
  std::atomic<size_t> connections{0};
  std::atomic<size_t> large_body_bytes{0};  // reserved by bodies over kSmallBody
  std::atomic<bool> stopping{false};
  std::mutex sessions_mu;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::unordered_map<std::string, size_t> per_client;   // guarded by sessions_mu
  std::unordered_map<std::string, size_t> per_network;  // guarded by sessions_mu
  std::shared_ptr<spdlog::logger> access_log;
  std::vector<std::unique_ptr<net::io_context>> iocs;
  net::io_context& ioc;  // the first: accepts, handles signals, runs the shutdown
  size_t next_ioc = 0;   // used on ioc's thread only
  tcp::acceptor acceptor;
  net::signal_set signals;
  net::steady_timer accept_backoff{ioc};
  // Null when dispatch runs on the I/O threads (handler_threads 0). Shared
  // with the metrics source that reports its refusals; shut down (its
  // threads joined) at the end of run() and in ~Server.
  std::shared_ptr<HandlerPool> pool;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  // REQUIRES: server.admit(peer) succeeded; the session releases the slot.
  Session(tcp::socket&& socket, Server::Impl& server, std::string peer, std::string network)
      : stream_(std::move(socket)),
        server_(server),
        peer_(std::move(peer)),
        network_(std::move(network)) {
    beast::error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }

  ~Session() {
    release_body();
    server_.release(peer_, network_);
    std::lock_guard lock(server_.sessions_mu);
    server_.sessions.erase(this);
  }

  void start() {
    {
      std::lock_guard lock(server_.sessions_mu);
      server_.sessions[this] = weak_from_this();
    }
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->read_header(self->server_.cfg.header_timeout);
    });
  }

  // When it began waiting for a request header; nullopt while it handles one.
  // Read by the acceptor under sessions_mu.
  std::optional<Clock::time_point> waiting_since() const {
    if (busy_.load(std::memory_order_relaxed)) return std::nullopt;
    return Clock::time_point(Clock::duration(waiting_since_.load(std::memory_order_relaxed)));
  }

  // Closes the connection if it is waiting for a request. Runs on the connection's thread.
  void close_if_idle() {
    if (!busy_) return close();
    evicted.store(false);  // a request came first: it may be chosen again later
  }

  // Asked to close to make room (set by the acceptor).
  std::atomic<bool> evicted{false};

  net::any_io_executor executor() { return stream_.get_executor(); }

 private:
  void read_header(std::chrono::milliseconds timeout) {
    // The first request waits from the acceptance (set at construction): its
    // thread may start reading after a later connection's has, and eviction
    // must still see it as the older one. Each later request waits from now.
    if (!first_read_) {
      waiting_since_.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
    }
    first_read_ = false;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.cfg.header_limit));
    // Unlimited while the header is read: Beast would otherwise judge
    // Content-Length against this limit before the route is known. (Not
    // boost::none: Beast 1.74 compares `len > none`, which is always true.)
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_.expires_after(timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::eof) {
      return close();
    }
    busy_ = true;
    started_ = Clock::now();
    if (ec == bhttp::error::header_limit) {
      return fail(431, "the request header is larger than " +
                           std::to_string(server_.cfg.header_limit) + " bytes");
    }
    if (ec == bhttp::error::bad_transfer_encoding || ec == bhttp::error::bad_content_length) {
      // Beast refuses some smuggling shapes itself (Transfer-Encoding after
      // Content-Length, or not ending in chunked); name the rule either way.
      return fail(400,
                  "refused: a request may not carry both Transfer-Encoding and "
                  "Content-Length, and Transfer-Encoding must end in chunked (" +
                      ec.message() + ")");
    }
    if (ec) return fail(400, "malformed HTTP request: " + ec.message());
    auto& req = parser_->get();
    bool has_te = req.find(bhttp::field::transfer_encoding) != req.end();
    if (has_te && req.find(bhttp::field::content_length) != req.end()) {
      return fail(400,
                  "refused: a request may not carry both Transfer-Encoding and "
                  "Content-Length");
    }
    if (has_te && !parser_->chunked()) {
      // Beast 1.74 would read such a body as empty and the body bytes as the
      // next request: the shape request smuggling needs.
      return fail(400, "refused: Transfer-Encoding must end in chunked");
    }
    if (req.version() >= 11 && req.find(bhttp::field::host) == req.end()) {
      return fail(400, "an HTTP/1.1 request must carry a Host header");
    }
    if (server_.stopping.load()) return fail(503, "the server is shutting down");
    std::string_view target(req.target().data(), req.target().size());
    std::string_view path = target.substr(0, target.find('?'));
    auto limit = server_.router.body_limit(
        parse_method(std::string_view(req.method_string().data(), req.method_string().size())),
        path);
    auto length = parser_->content_length();
    bool has_body = parser_->chunked() || (length && *length > 0);
    if (!limit && has_body) {
      // No route: answer 404/405 from the header alone, never buffering a
      // body nobody asked for; the unread body ends the connection.
      keep_alive_ = false;
      return handle(/*body_read=*/false);
    }
    body_limit_ = limit.value_or(0);
    if (length && *length > body_limit_) {
      return fail(413, body_limit_ == 0 ? std::string("this route takes no request body")
                                        : "the request body is larger than this route accepts (" +
                                              std::to_string(body_limit_) + " bytes)");
    }
    // A large body (an appeal with photos, an import file) holds memory from
    // the shared budget until it is answered; when the budget is spent the
    // sender is asked to come back instead of the server running out.
    if (has_body && body_limit_ > kSmallBody) {
      const size_t want = length ? static_cast<size_t>(*length) : body_limit_;
      if (want > kSmallBody && !reserve_body(want)) {
        return fail(503,
                    "the server is receiving too many large uploads at once; try again shortly",
                    {{"Retry-After", "5"}});
      }
    }
    parser_->body_limit(body_limit_);
    stream_.expires_after(server_.cfg.read_timeout);
    if (beast::iequals(req[bhttp::field::expect], "100-continue") && !parser_->is_done()) {
      auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_,
                                                                       req.version());
      return bhttp::async_write(stream_, *cont,
                                [self = shared_from_this(), cont](beast::error_code e, size_t) {
                                  if (e) return self->close();
                                  self->read_body();
                                });
    }
    // A request without a body is complete with its header: handle it now
    // rather than through one more read that would finish at once.
    if (parser_->is_done()) return handle(/*body_read=*/true);
    read_body();
  }

  void read_body() {
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
  }

  void on_body(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      return fail(413, "the request body is larger than this route accepts (" +
                           std::to_string(body_limit_) + " bytes)");
    }
    if (ec == beast::error::timeout || ec == bhttp::error::end_of_stream ||
        ec == net::error::connection_reset || ec == net::error::eof) {
      return close();
    }
    if (ec) return fail(400, "malformed HTTP request: " + ec.message());
    handle(/*body_read=*/true);
  }

  void handle(bool body_read) {
    auto msg = parser_->release();
    keep_alive_ = body_read && msg.keep_alive();
    request_ = Request{};
    fill_request(msg, request_);
    request_.client_address = client_address();
    if (server_.pool) return dispatch_on_pool();

    auto once = std::make_shared<std::atomic<bool>>(false);
    Reply reply = [self = shared_from_this(), once](Response response) {
      if (once->exchange(true)) return;  // a handler answers once; later calls are ignored
      // Inline when the handler answers on the connection's own thread (reads
      // do); a reply from another thread (the writer's) is queued to it.
      net::dispatch(self->executor(),
                    [self, r = std::move(response)]() mutable { self->write(std::move(r)); });
    };
    server_.router.dispatch(request_, std::move(reply), &route_label_);
  }

  // Hands the dispatch to a pool thread. Until the answer is written the I/O
  // thread leaves request_ and route_label_ alone (it reads no more of this
  // connection), and the answer is written only once dispatch() has returned
  // on the pool thread — even when the handler answers sooner — so that
  // on_write() never resets request_ under a dispatch still using it.
  void dispatch_on_pool() {
    auto self = shared_from_this();
    server_.pool->post(
        [self] {
          struct Gate {
            std::mutex mu;
            bool returned = false;  // dispatch() has returned
            bool answered = false;  // the handler has replied
            std::optional<Response> held;
          };
          auto gate = std::make_shared<Gate>();
          Reply reply = [self, gate](Response response) {
            {
              std::lock_guard lock(gate->mu);
              if (gate->answered) return;  // a handler answers once; later calls are ignored
              gate->answered = true;
              if (!gate->returned) {
                gate->held = std::move(response);
                return;
              }
            }
            net::post(self->executor(),
                      [self, r = std::move(response)]() mutable { self->write(std::move(r)); });
          };
          self->server_.router.dispatch(self->request_, std::move(reply), &self->route_label_);
          std::optional<Response> answer;
          {
            std::lock_guard lock(gate->mu);
            gate->returned = true;
            answer.swap(gate->held);
          }
          if (answer) {
            net::post(self->executor(),
                      [self, r = std::move(*answer)]() mutable { self->write(std::move(r)); });
          }
        },
        // Called at once on this thread (queue full) or later on a pool
        // thread (waited too long, shutting down): answer on ours.
        [self](HandlerPool::Refusal why) {
          net::dispatch(self->executor(), [self, why] { self->refuse_busy(why); });
        });
  }

  // The answer for a request no handler thread took in time. A refusal like
  // any other answer: the connection stays open if the request asked so.
  void refuse_busy(HandlerPool::Refusal why) {
    Match m = server_.router.match(request_);
    route_label_ = m.route ? m.route->pattern : "unmatched";
    Response r = busy_problem(why, server_.pool->wait(), "handler thread");
    write(std::move(r));
  }

  // Takes `bytes` from the server's budget for large bodies.
  bool reserve_body(size_t bytes) {
    size_t held = server_.large_body_bytes.load();
    do {
      if (held + bytes > server_.cfg.max_large_body_bytes) return false;
    } while (!server_.large_body_bytes.compare_exchange_weak(held, held + bytes));
    body_reserved_ = bytes;
    return true;
  }
  void release_body() {
    if (body_reserved_ == 0) return;
    server_.large_body_bytes.fetch_sub(body_reserved_);
    body_reserved_ = 0;
  }

  // Answers an error found before routing, then closes the connection.
  void fail(int status, std::string detail,
            std::vector<std::pair<std::string, std::string>> headers = {}) {
    keep_alive_ = false;
    if (request_.target.empty() && parser_) {
      const auto& req = parser_->get();
      request_.method =
          parse_method(std::string_view(req.method_string().data(), req.method_string().size()));
      request_.target.assign(req.target().data(), req.target().size());
      request_.path = request_.target.substr(0, request_.target.find('?'));
    }
    route_label_ = "unmatched";
    Response r = problem(status, detail);
    for (auto& [name, value] : headers) r.set_header(std::move(name), std::move(value));
    write(std::move(r));
  }

  void write(Response r) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(r.status), 11);
    res->set(bhttp::field::server, "warmcity");
    res->set(bhttp::field::content_type, r.content_type);
    for (auto& [name, value] : r.headers) res->insert(name, value);
    each_security_header(r, [&res](std::string_view n, std::string_view v) { res->insert(n, v); });
    bool keep = keep_alive_ && !server_.stopping.load();
    res->keep_alive(keep);
    if (request_.method == Method::kHead) {
      res->content_length(r.body.size());
    } else {
      res->body() = std::move(r.body);
      res->prepare_payload();
    }
    int64_t micros =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_).count();
    server_.metrics.observe(method_name(request_.method), route_label_, r.status, micros);
    if (server_.access_log) {
      server_.access_log->info(
          "{} {} {} {} {}us", request_.client_address.empty() ? peer_ : request_.client_address,
          method_name(request_.method), core::log_text(request_.path), r.status, micros);
    }
    stream_.expires_after(server_.cfg.read_timeout);
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res, keep](beast::error_code ec, size_t) {
                         self->on_write(ec, keep);
                       });
  }

  void on_write(beast::error_code ec, bool keep) {
    release_body();
    busy_ = false;
    request_ = Request{};
    if (ec || !keep || server_.stopping.load()) return close();
    read_header(server_.cfg.idle_timeout);
  }

  std::string client_address() const {
    return http::client_address(peer_, request_.header("x-forwarded-for"),
                                [this](const std::string& a) { return server_.trusted_proxy(a); });
  }

  void close() {
    busy_ = false;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Server::Impl& server_;
  std::string peer_;     // the TCP peer's address
  std::string network_;  // its /24 or /64 (core::network_of), or the peer
  Request request_;
  std::string route_label_;
  size_t body_limit_ = 0;
  size_t body_reserved_ = 0;  // taken from large_body_bytes
  bool keep_alive_ = true;
  std::atomic<bool> busy_{false};
  // From its acceptance: a connection whose thread has not yet started its
  // first read must not look like the one waiting longest (issue 13).
  std::atomic<Clock::rep> waiting_since_{Clock::now().time_since_epoch().count()};
  bool first_read_ = true;  // on the connection's thread only
  Clock::time_point started_;
};

void Server::Impl::accept() {
  acceptor.async_accept(next_context(), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      // Out of file descriptors and the like: back off instead of spinning.
      spdlog::warn("accept failed: {}; retrying in 100 ms", ec.message());
      accept_backoff.expires_after(std::chrono::milliseconds(100));
      accept_backoff.async_wait([this](beast::error_code e) {
        if (!e) accept();
      });
      return;
    }
    beast::error_code peer_ec;
    auto endpoint = socket.remote_endpoint(peer_ec);
    std::string peer = peer_ec ? std::string() : endpoint.address().to_string();
    std::string network = core::network_of(peer).value_or(peer);
    if (!admit(peer, network)) {
      static const std::string kBusy = [] {
        std::string body =
            "{\"type\":\"https://warmcity.example/problems/unavailable\",\"title\":\"Service "
            "Unavailable\",\"status\":503,\"detail\":\"too many open connections\"}";
        return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
               "Connection: close\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
      }();
      auto sock = std::make_shared<tcp::socket>(std::move(socket));
      net::async_write(*sock, net::buffer(kBusy), [sock](beast::error_code, size_t) {
        beast::error_code ignored;
        sock->shutdown(tcp::socket::shutdown_both, ignored);
      });
    } else {
      std::make_shared<Session>(std::move(socket), *this, std::move(peer), std::move(network))
          ->start();
    }
    accept();
  });
}

bool Server::Impl::admit(const std::string& peer, const std::string& network) {
  std::lock_guard lock(sessions_mu);
  if (!trusted_proxy(peer)) {
    auto mine = per_client.find(peer);
    if (mine != per_client.end() && mine->second >= cfg.max_connections_per_client) return false;
    auto ours = per_network.find(network);
    if (ours != per_network.end() && ours->second >= cfg.max_connections_per_network) return false;
  }
  // Full: make room by closing the connection that has waited longest for
  // a header (slow or idle); the closing ones may overrun the cap briefly.
  if (connections.load() >= cfg.max_connections &&
      (connections.load() >= cfg.max_connections + kEvictionSlack || !evict_one_waiting())) {
    return false;
  }
  ++per_client[peer];
  ++per_network[network];
  connections.fetch_add(1);
  return true;
}

bool Server::Impl::evict_one_waiting() {
  Session* oldest = nullptr;
  Clock::time_point oldest_at = Clock::time_point::max();
  for (auto& [ptr, weak] : sessions) {
    std::optional<Clock::time_point> since = ptr->waiting_since();
    if (since && *since < oldest_at && !ptr->evicted.load()) {
      oldest = ptr;
      oldest_at = *since;
    }
  }
  if (!oldest) return false;
  std::shared_ptr<Session> victim = sessions[oldest].lock();
  if (!victim) return false;
  victim->evicted.store(true);
  // The only reference goes to the victim's thread: kept here, it could be
  // the last one when this returns (the victim closed meanwhile), and its
  // destructor would take sessions_mu, which the caller holds — a deadlock
  // (seen under ASan in http_pg.slow_clients).
  auto executor = victim->executor();
  net::post(executor, [victim = std::move(victim)] { victim->close_if_idle(); });
  return true;
}

void Server::Impl::release(const std::string& peer, const std::string& network) {
  connections.fetch_sub(1);
  std::lock_guard lock(sessions_mu);
  auto it = per_client.find(peer);
  if (it != per_client.end() && --it->second == 0) per_client.erase(it);
  auto nt = per_network.find(network);
  if (nt != per_network.end() && --nt->second == 0) per_network.erase(nt);
}

bool Server::Impl::trusted_proxy(const std::string& peer) const {
  return std::find(cfg.trusted_proxies.begin(), cfg.trusted_proxies.end(), peer) !=
         cfg.trusted_proxies.end();
}

void Server::Impl::begin_shutdown() {
  if (stopping.exchange(true)) return;
  spdlog::info("shutting down: no new connections; finishing requests in flight");
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mu);
    for (auto& [ptr, weak] : sessions) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) net::post(s->executor(), [s] { s->close_if_idle(); });
  auto timer = std::make_shared<net::steady_timer>(ioc);
  poll_shutdown(timer, Clock::now() + cfg.shutdown_grace);
}

void Server::Impl::poll_shutdown(std::shared_ptr<net::steady_timer> timer,
                                 Clock::time_point deadline) {
  if (connections.load() == 0 || Clock::now() >= deadline) {
    if (connections.load() != 0) {
      spdlog::warn("grace period over with {} connection(s) still open", connections.load());
    }
    for (auto& c : iocs) c->stop();
    return;
  }
  timer->expires_after(std::chrono::milliseconds(20));
  timer->async_wait([this, timer, deadline](beast::error_code) { poll_shutdown(timer, deadline); });
}

Server::Server(ServerConfig config, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(config), router, metrics)) {
  if (impl_->cfg.access_log) impl_->access_log = spdlog::get("access");
  if (impl_->cfg.handler_threads > 0) {
    const int n = impl_->cfg.handler_threads;
    impl_->pool = std::make_shared<HandlerPool>(n, impl_->cfg.handler_wait,
                                                kHandlerQueuePerThread * static_cast<size_t>(n));
    metrics.add_source([pool = impl_->pool] {
      HandlerPool::Stats s = pool->stats();
      return fmt::format(
          "# HELP warmcity_http_handler_refused_total Requests answered 503 because no handler "
          "thread took them in time (waited), the handler queue was full (full) or the server "
          "was stopping (stopping).\n"
          "# TYPE warmcity_http_handler_refused_total counter\n"
          "warmcity_http_handler_refused_total{{reason=\"waited\"}} {}\n"
          "warmcity_http_handler_refused_total{{reason=\"full\"}} {}\n"
          "warmcity_http_handler_refused_total{{reason=\"stopping\"}} {}\n"
          "# HELP warmcity_http_handler_queue Requests waiting for a handler thread.\n"
          "# TYPE warmcity_http_handler_queue gauge\n"
          "warmcity_http_handler_queue {}\n"
          "# HELP warmcity_http_handler_threads Threads that run request dispatches.\n"
          "# TYPE warmcity_http_handler_threads gauge\n"
          "warmcity_http_handler_threads {}\n",
          s.rejected_waited, s.rejected_full, s.rejected_stopping, s.queued, pool->threads());
    });
  }
}

Server::~Server() {
  if (impl_->pool) impl_->pool->shutdown();
}

Status Server::listen() {
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY &&
      files.rlim_cur > 128 && impl_->cfg.max_connections > files.rlim_cur - 64) {
    impl_->cfg.max_connections = files.rlim_cur - 64;
    spdlog::warn("max connections lowered to {} to stay under the open-files limit ({})",
                 impl_->cfg.max_connections, files.rlim_cur);
  }
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->cfg.address, ec);
  if (ec) return Status::InvalidArgument("not an IP address: " + impl_->cfg.address);
  tcp::endpoint endpoint(address, impl_->cfg.port);
  auto& acc = impl_->acceptor;
  acc.open(endpoint.protocol(), ec);
  if (!ec) acc.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acc.bind(endpoint, ec);
  if (!ec) acc.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable("cannot listen on " + impl_->cfg.address + ":" +
                               std::to_string(impl_->cfg.port) + ": " + ec.message());
  }
  return Status::Ok();
}

uint16_t Server::port() const {
  beast::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void Server::run() {
  Impl& s = *impl_;
  s.signals.async_wait([&s](beast::error_code ec, int sig) {
    if (ec) return;
    spdlog::info("signal {} received", sig);
    s.begin_shutdown();
  });
  s.accept();
  // The other threads' io_contexts may be idle between connections: keep
  // them running until the shutdown stops them.
  std::vector<net::executor_work_guard<net::io_context::executor_type>> busy;
  std::vector<std::thread> pool;
  for (size_t i = 1; i < s.iocs.size(); ++i) {
    busy.push_back(net::make_work_guard(*s.iocs[i]));
    pool.emplace_back([c = s.iocs[i].get()] { c->run(); });
  }
  s.ioc.run();
  for (auto& t : pool) t.join();
  // Requests still queued for a handler thread are refused (their answers go
  // nowhere: the I/O threads have stopped); running dispatches finish first.
  if (s.pool) s.pool->shutdown();
}

void Server::stop() {
  net::post(impl_->ioc, [this] { impl_->begin_shutdown(); });
}

}  // namespace warmcity::http
