// The listener and the server's lifecycle: one io_context per thread instead
// of one shared by all: a connection (session.cpp) lives on one thread's
// io_context (so it needs no strand), and the threads share no reactor, timer
// queue or scheduler lock. With one shared io_context every stream timer
// reset locked the one reactor and the threads woke each other through
// futexes (measured: about one futex call per request under wrk); see
// bench/README.md. The price: a handler that computes for long holds up the
// other connections of its thread (not only itself), so long work belongs on
// the writer or a worker pool (the HandlerPool, admission.h), not on an I/O
// thread. Each accepted connection is admitted (admission.h) or answered 503.
#include "http/server.h"

#include <sys/resource.h>

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/net_address.h"
#include "http/admission.h"
#include "http/handler_pool.h"
#include "http/session.h"

namespace warmcity::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using Clock = std::chrono::steady_clock;

struct Server::Impl {
  Impl(ServerConfig c, const Router& r, Metrics& m)
      : cfg(std::move(c)),
        admission(cfg),
        context{cfg, r, m, admission, nullptr, nullptr},
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

  ServerConfig cfg;
  // Declared before `iocs`: handlers still queued when the io_contexts are
  // destroyed hold sessions, whose destructors use these.
  Admission admission;
  // Its pool (null when dispatch runs on the I/O threads) is shared with the
  // metrics source that reports its refusals; shut down (its threads joined)
  // at the end of run() and in ~Server.
  SessionContext context;
  std::vector<std::unique_ptr<net::io_context>> iocs;
  net::io_context& ioc;  // the first: accepts, handles signals, runs the shutdown
  size_t next_ioc = 0;   // used on ioc's thread only
  tcp::acceptor acceptor;
  net::signal_set signals;
  net::steady_timer accept_backoff{ioc};
};

void Server::Impl::accept() {
  acceptor.async_accept(next_context(), [this](error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      // Out of file descriptors and the like: back off instead of spinning.
      spdlog::warn("accept failed: {}; retrying in 100 ms", ec.message());
      accept_backoff.expires_after(std::chrono::milliseconds(100));
      accept_backoff.async_wait([this](error_code e) {
        if (!e) accept();
      });
      return;
    }
    error_code peer_ec;
    auto endpoint = socket.remote_endpoint(peer_ec);
    std::string peer = peer_ec ? std::string() : endpoint.address().to_string();
    std::string network = core::network_of(peer).value_or(peer);
    if (!admission.admit(peer, network)) {
      auto sock = std::make_shared<tcp::socket>(std::move(socket));
      net::async_write(*sock, net::buffer(too_many_connections_answer()),
                       [sock](error_code, size_t) {
                         error_code ignored;
                         sock->shutdown(tcp::socket::shutdown_both, ignored);
                       });
    } else {
      start_session(std::move(socket), context, std::move(peer), std::move(network));
    }
    accept();
  });
}

void Server::Impl::begin_shutdown() {
  if (context.stopping.exchange(true)) return;
  spdlog::info("shutting down: no new connections; finishing requests in flight");
  error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  admission.close_idle_connections();
  auto timer = std::make_shared<net::steady_timer>(ioc);
  poll_shutdown(timer, Clock::now() + cfg.shutdown_grace);
}

void Server::Impl::poll_shutdown(std::shared_ptr<net::steady_timer> timer,
                                 Clock::time_point deadline) {
  if (admission.connections() == 0 || Clock::now() >= deadline) {
    if (admission.connections() != 0) {
      spdlog::warn("grace period over with {} connection(s) still open", admission.connections());
    }
    for (auto& c : iocs) c->stop();
    return;
  }
  timer->expires_after(std::chrono::milliseconds(20));
  timer->async_wait([this, timer, deadline](error_code) { poll_shutdown(timer, deadline); });
}

Server::Server(ServerConfig config, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(config), router, metrics)) {
  if (impl_->cfg.access_log) impl_->context.access_log = spdlog::get("access");
  impl_->context.pool = make_handler_pool(impl_->cfg, metrics);
}

Server::~Server() {
  if (impl_->context.pool) impl_->context.pool->shutdown();
}

Status Server::listen() {
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY &&
      files.rlim_cur > 128 && impl_->cfg.max_connections > files.rlim_cur - 64) {
    impl_->cfg.max_connections = files.rlim_cur - 64;
    spdlog::warn("max connections lowered to {} to stay under the open-files limit ({})",
                 impl_->cfg.max_connections, files.rlim_cur);
  }
  error_code ec;
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
  error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void Server::run() {
  Impl& s = *impl_;
  s.signals.async_wait([&s](error_code ec, int sig) {
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
  if (s.context.pool) s.context.pool->shutdown();
}

void Server::stop() {
  net::post(impl_->ioc, [this] { impl_->begin_shutdown(); });
}

}  // namespace warmcity::http
