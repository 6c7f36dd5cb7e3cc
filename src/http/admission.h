// Admission: what the server lets in, and the answer when it does not. Plain
// code (no Boost), kept apart from the listener (server.cpp) and the
// connection (session.cpp):
//  - connections: at most `max_connections_per_client` from one address and
//    `max_connections_per_network` from one /24 or /64 (trusted proxies
//    exempt); at `max_connections` the connection that has waited longest for
//    a request header is asked to close to make room, and only when every
//    connection is busy with a request is the newcomer refused
//    (too_many_connections_answer());
//  - large bodies: a body over 1 MiB holds its announced length (or the
//    route's limit when chunked) from `max_large_body_bytes` until answered;
//  - dispatch: the HandlerPool that runs dispatches off the I/O threads when
//    `handler_threads` > 0, its queue bound, and its refusals on GET /metrics.
//    (A request the pool refuses is answered with busy_problem(), router.h.)
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/handler_pool.h"
#include "http/metrics.h"
#include "http/server.h"

namespace warmcity::http {

// A connection as admission sees it (the session is one).
class AdmittedConnection {
 public:
  using Clock = std::chrono::steady_clock;

  virtual ~AdmittedConnection() = default;
  // When it began waiting for a request header; nullopt while it handles one.
  // Read by the acceptor under the registry's lock — so not virtual: the
  // connection may then be in its destructor, waiting for that lock.
  std::optional<Clock::time_point> waiting_since() const {
    if (busy_.load(std::memory_order_relaxed)) return std::nullopt;
    return Clock::time_point(Clock::duration(waiting_since_.load(std::memory_order_relaxed)));
  }
  // Queues, to the connection's own thread, closing it if it is then waiting
  // for a request. REQUIRES: `self` is this connection; the reference is
  // handed to that thread, so that the last one is never dropped by the
  // caller (which may hold the registry's lock: the destructor takes it).
  virtual void close_if_idle_on_its_thread(std::shared_ptr<AdmittedConnection> self) = 0;

  // Asked to close to make room (set by the acceptor; cleared by the
  // connection when a request came first).
  std::atomic<bool> evicted{false};

 protected:
  // Set by the connection, on its thread, while it handles a request.
  std::atomic<bool> busy_{false};
  // From its acceptance: a connection whose thread has not yet started its
  // first read must not look like the one waiting longest (issue 13).
  std::atomic<Clock::rep> waiting_since_{Clock::now().time_since_epoch().count()};
};

class Admission {
 public:
  // REQUIRES: `cfg` outlives this (listen() may still lower max_connections).
  explicit Admission(const ServerConfig& cfg) : cfg_(cfg) {}
  Admission(const Admission&) = delete;
  Admission& operator=(const Admission&) = delete;

  // Reserves a connection slot for `peer` (of client network `network`);
  // false when a cap is reached. At max_connections, the connection that has
  // waited longest for a header is closed to make room.
  bool admit(const std::string& peer, const std::string& network);
  void release(const std::string& peer, const std::string& network);
  // Connections admitted and not yet released.
  size_t connections() const { return connections_.load(); }
  bool trusted_proxy(const std::string& peer) const;

  // Registers an admitted connection as a candidate to close (to make room,
  // or at shutdown); remove() takes it off, from its destructor.
  void add(const std::shared_ptr<AdmittedConnection>& c);
  void remove(AdmittedConnection* c);
  // Asks every registered connection to close once it waits for a request.
  void close_idle_connections();

  // For a request that has a body of announced `length` (nullopt: chunked)
  // on a route taking up to `limit` bytes: the bytes reserved from
  // max_large_body_bytes (0 for a body that needs none), or nullopt when that
  // budget is spent. The caller gives them back with release_body().
  std::optional<size_t> reserve_body(std::optional<uint64_t> length, size_t limit);
  void release_body(size_t bytes);

 private:
  // REQUIRES: mu_ held. Asks the connection longest waiting for a header to
  // close; false when every connection is busy with a request.
  bool evict_one_waiting();

  const ServerConfig& cfg_;
  std::atomic<size_t> connections_{0};
  std::atomic<size_t> large_body_bytes_{0};  // reserved by bodies over 1 MiB
  std::mutex mu_;
  std::unordered_map<AdmittedConnection*, std::weak_ptr<AdmittedConnection>> registry_;
  std::unordered_map<std::string, size_t> per_client_;   // guarded by mu_
  std::unordered_map<std::string, size_t> per_network_;  // guarded by mu_
};

// The raw answer to a connection refused by Admission::admit(): 503
// problem+json, Connection: close.
const std::string& too_many_connections_answer();

// The pool that runs dispatches when cfg.handler_threads > 0 (else null):
// up to 1024 requests may wait per thread before new ones are refused at
// once; its refusals, queue and threads are reported on `metrics`.
std::shared_ptr<HandlerPool> make_handler_pool(const ServerConfig& cfg, Metrics& metrics);

}  // namespace warmcity::http
