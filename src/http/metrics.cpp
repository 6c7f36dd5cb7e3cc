#include "http/metrics.h"

#include <fmt/format.h>

namespace warmcity::http {

Metrics::Metrics() {
  auto u = std::make_unique<Series>();
  u->route = "unmatched";
  unmatched_ = u.get();
  series_.push_back(std::move(u));
}

void Metrics::set_routes(const std::vector<std::string>& routes) {
  for (const auto& r : routes) {
    if (index_.count(r)) continue;
    auto s = std::make_unique<Series>();
    s->route = r;
    index_[s->route] = s.get();
    series_.push_back(std::move(s));
  }
}

void Metrics::observe(std::string_view, std::string_view route, int status, int64_t micros) {
  auto it = index_.find(route);
  Series* s = it == index_.end() ? unmatched_ : it->second;
  size_t si = kStatuses.size() - 1;  // "other"
  for (size_t i = 0; i + 1 < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) {
      si = i;
      break;
    }
  }
  s->by_status[si].fetch_add(1, std::memory_order_relaxed);
  double seconds = static_cast<double>(micros) / 1e6;
  size_t bi = kBucketsSeconds.size();
  for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
    if (seconds <= kBucketsSeconds[i]) {
      bi = i;
      break;
    }
  }
  s->buckets[bi].fetch_add(1, std::memory_order_relaxed);
  s->count.fetch_add(1, std::memory_order_relaxed);
  s->sum_micros.fetch_add(static_cast<uint64_t>(micros < 0 ? 0 : micros),
                          std::memory_order_relaxed);
}

void Metrics::add_source(std::function<std::string()> source) {
  sources_.push_back(std::move(source));
}

std::string Metrics::render() const {
  std::string out;
  out += "# HELP warmcity_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE warmcity_http_requests_total counter\n";
  for (const auto& s : series_) {
    for (size_t i = 0; i < kStatuses.size(); ++i) {
      uint64_t n = s->by_status[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      std::string status = kStatuses[i] ? std::to_string(kStatuses[i]) : "other";
      out += fmt::format("warmcity_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n",
                         s->route, status, n);
    }
  }
  out += "# HELP warmcity_http_request_duration_seconds Time from request read to response.\n";
  out += "# TYPE warmcity_http_request_duration_seconds histogram\n";
  for (const auto& s : series_) {
    uint64_t count = s->count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= kBucketsSeconds.size(); ++i) {
      cumulative += s->buckets[i].load(std::memory_order_relaxed);
      std::string le = i < kBucketsSeconds.size() ? fmt::format("{}", kBucketsSeconds[i]) : "+Inf";
      out += fmt::format(
          "warmcity_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", s->route,
          le, cumulative);
    }
    out += fmt::format("warmcity_http_request_duration_seconds_sum{{route=\"{}\"}} {:.6f}\n",
                       s->route, static_cast<double>(s->sum_micros.load()) / 1e6);
    out += fmt::format("warmcity_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                       s->route, count);
  }
  for (const auto& source : sources_) out += source();
  return out;
}

std::string slow_pool_metrics(const HandlerPool& pool) {
  HandlerPool::Stats s = pool.stats();
  return fmt::format(
      "# HELP warmcity_http_slow_refused_total Slow requests (RouteOptions::slow: the rates "
      "report) "
      "answered 503 because no slow-work thread took them in time (waited), the slow-work queue "
      "was full (full) or the server was stopping (stopping).\n"
      "# TYPE warmcity_http_slow_refused_total counter\n"
      "warmcity_http_slow_refused_total{{reason=\"waited\"}} {}\n"
      "warmcity_http_slow_refused_total{{reason=\"full\"}} {}\n"
      "warmcity_http_slow_refused_total{{reason=\"stopping\"}} {}\n"
      "# HELP warmcity_http_slow_queue Slow requests waiting for a slow-work thread.\n"
      "# TYPE warmcity_http_slow_queue gauge\n"
      "warmcity_http_slow_queue {}\n"
      "# HELP warmcity_http_slow_threads Threads that run slow requests.\n"
      "# TYPE warmcity_http_slow_threads gauge\n"
      "warmcity_http_slow_threads {}\n",
      s.rejected_waited, s.rejected_full, s.rejected_stopping, s.queued, pool.threads());
}

}  // namespace warmcity::http
