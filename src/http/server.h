// Server: the HTTP/1.1 server — the listener and its lifecycle (server.cpp),
// the connections (session.h; session.cpp is the one file that includes
// Boost.Beast, which is slow to compile) and what they let in (admission.h).
//
// Each connection reads the header first (16 KiB limit by default), refuses a
// request that has both Transfer-Encoding and Content-Length, then reads the
// body with the limit its route declares (413 beyond). The stream timer is
// reset before every read and write: `header_timeout` for the whole first
// header of a new connection (a slow sender is cut off however it trickles),
// `read_timeout` for a body and an answer, `idle_timeout` while a keep-alive
// connection waits for its next request. Connections over
// `max_connections_per_client` from one address or
// `max_connections_per_network` from one /24 or /64 are answered 503 and
// closed. At `max_connections` a new client still gets in: the connection
// that has waited longest for a header is closed to make room (only when all
// are busy with requests is the newcomer answered 503). A request for which
// no route exists is answered from its header; its body is never read.
//
// Dispatch (authentication and the handler, which read the database) runs on
// the I/O thread when `handler_threads` is 0 — SQLite reads are local and
// take microseconds. With `handler_threads` > 0 it runs on a HandlerPool of
// that many threads (PostgreSQL: each read is a network round trip), and a
// request that no pool thread takes within `handler_wait` (or that finds the
// pool's queue full) is answered 503 with Retry-After: 1, never left hanging;
// GET /metrics counts those refusals (warmcity_http_handler_refused_total).
//
// run() blocks until SIGINT or SIGTERM (or stop()); then it stops accepting,
// closes idle connections, lets in-flight requests finish for up to
// `shutdown_grace`, and returns. Flushing the database is the caller's job
// after run() returns.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/metrics.h"
#include "http/router.h"

namespace warmcity::http {

struct ServerConfig {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (see Server::port())
  int threads = 0;       // 0: one per core
  size_t header_limit = 16 * 1024;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};
  size_t max_connections = 10'000;            // lowered to fit the open-files limit
  size_t max_connections_per_client = 256;    // per TCP peer; trusted proxies exempt
  size_t max_connections_per_network = 1024;  // per /24 or /64; trusted proxies exempt
  // Request bodies over 1 MiB held at once, by announced length (or the
  // route's limit when chunked): 503 with Retry-After beyond.
  size_t max_large_body_bytes = 256u << 20;
  // Peers whose X-Forwarded-For is believed (a load balancer, nginx): the
  // client address then comes from that header (throttling, audit, logs).
  std::vector<std::string> trusted_proxies;
  std::chrono::milliseconds shutdown_grace{10'000};
  bool access_log = true;  // one line per request on the "access" logger
  // Threads that run dispatches (0: each on its connection's I/O thread),
  // and how long a request may wait for one of them.
  int handler_threads = 0;
  std::chrono::milliseconds handler_wait{2000};
};

class Server {
 public:
  Server(ServerConfig config, const Router& router, Metrics& metrics);
  ~Server();

  // Binds and listens. Fails (kUnavailable) when the address cannot be bound.
  Status listen();
  // The bound port (after listen()).
  uint16_t port() const;
  // Serves on config.threads threads until a signal or stop(); then shuts down
  // gracefully. REQUIRES: listen() succeeded.
  void run();
  // Asks run() to shut down; safe from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace warmcity::http
