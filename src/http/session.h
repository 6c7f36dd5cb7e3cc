// A connection's life, from its first request header to its close: the
// state machine of http/session.cpp, the one translation unit that includes
// Boost.Beast (slow to compile). The listener (server.cpp) accepts and admits
// a connection, then hands it over with start_session().
//
// Each request: its header is read first (header_limit), refused when it
// frames its body ambiguously (Transfer-Encoding with Content-Length, or not
// ending in chunked) or lacks Host on HTTP/1.1; then its body is read with
// the limit its route declares (413 beyond), and a request for which no route
// exists is answered from its header alone. Dispatch runs on the connection's
// thread, or on the HandlerPool when there is one; the answer is written with
// the security headers (answer_policy.h), counted on Metrics and logged on the
// access log. The stream timer is reset before every read and write.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"

namespace spdlog {
class logger;
}

namespace warmcity::http {

class Admission;
class HandlerPool;

// What the connections of one server share. The server keeps it until its
// last connection is gone.
struct SessionContext {
  const ServerConfig& cfg;
  const Router& router;
  Metrics& metrics;
  Admission& admission;
  std::shared_ptr<spdlog::logger> access_log;  // null: no access log
  // Null when dispatch runs on the I/O threads (handler_threads 0).
  std::shared_ptr<HandlerPool> pool;
  std::atomic<bool> stopping{false};  // set once the server shuts down
};

// Serves the connection `socket` until it closes. REQUIRES:
// context.admission.admit(peer, network) succeeded; the session releases
// the slot. `network` is the peer's /24 or /64 (core::network_of), or the peer.
void start_session(boost::asio::ip::tcp::socket&& socket, SessionContext& context, std::string peer,
                   std::string network);

}  // namespace warmcity::http
