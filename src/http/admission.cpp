#include "http/admission.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace warmcity::http {

namespace {

// Connections that may be open beyond max_connections while the ones asked
// to make room are closing (listen() keeps 64 descriptors spare).
constexpr size_t kEvictionSlack = 16;

// Bodies up to this size need no reservation from max_large_body_bytes.
constexpr size_t kSmallBody = 1 << 20;

// Requests waiting for a handler thread, per thread, before new ones are
// refused at once (each connection has at most one request waiting).
constexpr size_t kHandlerQueuePerThread = 1024;

}  // namespace

bool Admission::admit(const std::string& peer, const std::string& network) {
  std::lock_guard lock(mu_);
  if (!trusted_proxy(peer)) {
    auto mine = per_client_.find(peer);
    if (mine != per_client_.end() && mine->second >= cfg_.max_connections_per_client) return false;
    auto ours = per_network_.find(network);
    if (ours != per_network_.end() && ours->second >= cfg_.max_connections_per_network) {
      return false;
    }
  }
  // Full: make room by closing the connection that has waited longest for
  // a header (slow or idle); the closing ones may overrun the cap briefly.
  if (connections_.load() >= cfg_.max_connections &&
      (connections_.load() >= cfg_.max_connections + kEvictionSlack || !evict_one_waiting())) {
    return false;
  }
  ++per_client_[peer];
  ++per_network_[network];
  connections_.fetch_add(1);
  return true;
}

bool Admission::evict_one_waiting() {
  AdmittedConnection* oldest = nullptr;
  AdmittedConnection::Clock::time_point oldest_at = AdmittedConnection::Clock::time_point::max();
  for (auto& [ptr, weak] : registry_) {
    std::optional<AdmittedConnection::Clock::time_point> since = ptr->waiting_since();
    if (since && *since < oldest_at && !ptr->evicted.load()) {
      oldest = ptr;
      oldest_at = *since;
    }
  }
  if (!oldest) return false;
  std::shared_ptr<AdmittedConnection> victim = registry_[oldest].lock();
  if (!victim) return false;
  victim->evicted.store(true);
  // The only reference goes to the victim's thread: kept here, it could be
  // the last one when this returns (the victim closed meanwhile), and its
  // destructor would take mu_, which the caller holds — a deadlock (seen
  // under ASan in http_pg.slow_clients).
  AdmittedConnection& v = *victim;
  v.close_if_idle_on_its_thread(std::move(victim));
  return true;
}

void Admission::release(const std::string& peer, const std::string& network) {
  connections_.fetch_sub(1);
  std::lock_guard lock(mu_);
  auto it = per_client_.find(peer);
  if (it != per_client_.end() && --it->second == 0) per_client_.erase(it);
  auto nt = per_network_.find(network);
  if (nt != per_network_.end() && --nt->second == 0) per_network_.erase(nt);
}

bool Admission::trusted_proxy(const std::string& peer) const {
  return std::find(cfg_.trusted_proxies.begin(), cfg_.trusted_proxies.end(), peer) !=
         cfg_.trusted_proxies.end();
}

void Admission::add(const std::shared_ptr<AdmittedConnection>& c) {
  std::lock_guard lock(mu_);
  registry_[c.get()] = c;
}

void Admission::remove(AdmittedConnection* c) {
  std::lock_guard lock(mu_);
  registry_.erase(c);
}

void Admission::close_idle_connections() {
  std::vector<std::shared_ptr<AdmittedConnection>> live;
  {
    std::lock_guard lock(mu_);
    for (auto& [ptr, weak] : registry_) {
      if (auto c = weak.lock()) live.push_back(std::move(c));
    }
  }
  for (auto& c : live) c->close_if_idle_on_its_thread(c);
}

std::optional<size_t> Admission::reserve_body(std::optional<uint64_t> length, size_t limit) {
  if (limit <= kSmallBody) return 0;
  const size_t want = length ? static_cast<size_t>(*length) : limit;
  if (want <= kSmallBody) return 0;
  size_t held = large_body_bytes_.load();
  do {
    if (held + want > cfg_.max_large_body_bytes) return std::nullopt;
  } while (!large_body_bytes_.compare_exchange_weak(held, held + want));
  return want;
}

void Admission::release_body(size_t bytes) {
  if (bytes == 0) return;
  large_body_bytes_.fetch_sub(bytes);
}

const std::string& too_many_connections_answer() {
  static const std::string kBusy = [] {
    std::string body =
        "{\"type\":\"https://warmcity.example/problems/unavailable\",\"title\":\"Service "
        "Unavailable\",\"status\":503,\"detail\":\"too many open connections\"}";
    return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
           "Connection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  return kBusy;
}

std::shared_ptr<HandlerPool> make_handler_pool(const ServerConfig& cfg, Metrics& metrics) {
  if (cfg.handler_threads <= 0) return nullptr;
  const int n = cfg.handler_threads;
  auto pool = std::make_shared<HandlerPool>(n, cfg.handler_wait,
                                            kHandlerQueuePerThread * static_cast<size_t>(n));
  metrics.add_source([pool] {
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
  return pool;
}

}  // namespace warmcity::http
