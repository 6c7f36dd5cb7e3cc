// The connection: Boost.Beast's reading and writing of HTTP/1.1, modelled on
// Beast 1.74's advanced_server example — a stream timer reset before every
// read and write, header read apart from body read so that each route's body
// limit applies. A connection lives on one thread's io_context (server.cpp),
// so it needs no strand. Dispatch moves to a HandlerPool when
// handler_threads > 0 (blocking PostgreSQL reads); the connection then waits
// for the pool's answer as it waits for the writer's. A slow route skips it
// and goes straight to the router's slow-work pool.
#include "http/session.h"

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <limits>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/log_text.h"
#include "http/admission.h"
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

class Session : public std::enable_shared_from_this<Session>, public AdmittedConnection {
 public:
  // REQUIRES: context.admission.admit(peer, network) succeeded; the session
  // releases the slot.
  Session(tcp::socket&& socket, SessionContext& context, std::string peer, std::string network)
      : stream_(std::move(socket)),
        context_(context),
        peer_(std::move(peer)),
        network_(std::move(network)) {
    beast::error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }

  ~Session() override {
    release_body();
    context_.admission.release(peer_, network_);
    context_.admission.remove(this);
  }

  void start() {
    context_.admission.add(shared_from_this());
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->read_header(self->context_.cfg.header_timeout);
    });
  }

  void close_if_idle_on_its_thread(std::shared_ptr<AdmittedConnection> self) override {
    net::post(executor(), [self = std::move(self), this] { close_if_idle(); });
  }

 private:
  net::any_io_executor executor() { return stream_.get_executor(); }

  // Closes the connection if it is waiting for a request. Runs on the connection's thread.
  void close_if_idle() {
    if (!busy_) return close();
    evicted.store(false);  // a request came first: it may be chosen again later
  }

  void read_header(std::chrono::milliseconds timeout) {
    // The first request waits from the acceptance (set at construction): its
    // thread may start reading after a later connection's has, and eviction
    // must still see it as the older one. Each later request waits from now.
    if (!first_read_) {
      waiting_since_.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
    }
    first_read_ = false;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(context_.cfg.header_limit));
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
                           std::to_string(context_.cfg.header_limit) + " bytes");
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
    if (context_.stopping.load()) return fail(503, "the server is shutting down");
    std::string_view target(req.target().data(), req.target().size());
    std::string_view path = target.substr(0, target.find('?'));
    auto limit = context_.router.body_limit(
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
    if (has_body) {
      std::optional<size_t> reserved = context_.admission.reserve_body(
          length ? std::optional<uint64_t>(*length) : std::nullopt, body_limit_);
      if (!reserved) {
        return fail(503,
                    "the server is receiving too many large uploads at once; try again shortly",
                    {{"Retry-After", "5"}});
      }
      body_reserved_ = *reserved;
    }
    parser_->body_limit(body_limit_);
    stream_.expires_after(context_.cfg.read_timeout);
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
    // A slow route goes from here to the slow-work pool (or is refused at
    // once when it is full) without a handler thread's hop: when dashboards
    // hammer the rates, their refusals no longer take the handler threads
    // the other requests wait for.
    if (context_.pool && !context_.router.runs_on_slow_pool(request_)) return dispatch_on_pool();

    auto once = std::make_shared<std::atomic<bool>>(false);
    Reply reply = [self = shared_from_this(), once](Response response) {
      if (once->exchange(true)) return;  // a handler answers once; later calls are ignored
      // Inline when the handler answers on the connection's own thread (reads
      // do); a reply from another thread (the writer's) is queued to it.
      net::dispatch(self->executor(),
                    [self, r = std::move(response)]() mutable { self->write(std::move(r)); });
    };
    context_.router.dispatch(request_, std::move(reply), &route_label_);
  }

  // Hands the dispatch to a pool thread. Until the answer is written the I/O
  // thread leaves request_ and route_label_ alone (it reads no more of this
  // connection), and the answer is written only once dispatch() has returned
  // on the pool thread — even when the handler answers sooner — so that
  // on_write() never resets request_ under a dispatch still using it.
  void dispatch_on_pool() {
    auto self = shared_from_this();
    context_.pool->post(
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
          self->context_.router.dispatch(self->request_, std::move(reply), &self->route_label_);
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
    Match m = context_.router.match(request_);
    route_label_ = m.route ? m.route->pattern : "unmatched";
    Response r = busy_problem(why, context_.pool->wait(), "handler thread");
    write(std::move(r));
  }

  void release_body() {
    if (body_reserved_ == 0) return;
    context_.admission.release_body(body_reserved_);
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
    bool keep = keep_alive_ && !context_.stopping.load();
    res->keep_alive(keep);
    if (request_.method == Method::kHead) {
      res->content_length(r.body.size());
    } else {
      res->body() = std::move(r.body);
      res->prepare_payload();
    }
    int64_t micros =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_).count();
    context_.metrics.observe(method_name(request_.method), route_label_, r.status, micros);
    if (context_.access_log) {
      context_.access_log->info(
          "{} {} {} {} {}us", request_.client_address.empty() ? peer_ : request_.client_address,
          method_name(request_.method), core::log_text(request_.path), r.status, micros);
    }
    stream_.expires_after(context_.cfg.read_timeout);
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res, keep](beast::error_code ec, size_t) {
                         self->on_write(ec, keep);
                       });
  }

  void on_write(beast::error_code ec, bool keep) {
    release_body();
    busy_ = false;
    request_ = Request{};
    if (ec || !keep || context_.stopping.load()) return close();
    read_header(context_.cfg.idle_timeout);
  }

  std::string client_address() const {
    return http::client_address(
        peer_, request_.header("x-forwarded-for"),
        [this](const std::string& a) { return context_.admission.trusted_proxy(a); });
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
  SessionContext& context_;
  std::string peer_;     // the TCP peer's address
  std::string network_;  // its /24 or /64 (core::network_of), or the peer
  Request request_;
  std::string route_label_;
  size_t body_limit_ = 0;
  size_t body_reserved_ = 0;  // taken from max_large_body_bytes (Admission)
  bool keep_alive_ = true;
  bool first_read_ = true;  // on the connection's thread only
  Clock::time_point started_;
};

void start_session(tcp::socket&& socket, SessionContext& context, std::string peer,
                   std::string network) {
  std::make_shared<Session>(std::move(socket), context, std::move(peer), std::move(network))
      ->start();
}

}  // namespace warmcity::http
