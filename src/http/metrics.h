// Metrics: request counts by route and status, a latency histogram per route,
// and extra gauges supplied by other parts (the writer queue), rendered in the
// Prometheus text exposition format for GET /metrics.
//
// observe() is called once per request on I/O threads: it only touches
// relaxed atomics in a table fixed at construction, so it never blocks.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/handler_pool.h"

namespace warmcity::http {

class Metrics {
 public:
  Metrics();
  // The route labels (patterns) to count; anything else is counted under
  // "unmatched". REQUIRES: called once, before serving starts.
  void set_routes(const std::vector<std::string>& routes);

  void observe(std::string_view method, std::string_view route, int status, int64_t micros);
  // Adds text appended to every render (already in exposition format).
  void add_source(std::function<std::string()> source);
  std::string render() const;

  static constexpr std::array<int, 17> kStatuses = {200, 201, 204, 304, 400, 401, 403, 404, 405,
                                                    409, 413, 415, 422, 429, 500, 503, 0};
  static constexpr std::array<double, 14> kBucketsSeconds = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

 private:
  struct Series {
    std::string route;
    std::array<std::atomic<uint64_t>, kStatuses.size()> by_status{};
    std::array<std::atomic<uint64_t>, kBucketsSeconds.size() + 1> buckets{};
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_micros{0};
  };
  std::vector<std::unique_ptr<Series>> series_;
  std::unordered_map<std::string_view, Series*> index_;
  Series* unmatched_;
  std::vector<std::function<std::string()>> sources_;
};

// The slow-work pool's lines for /metrics (Router::set_slow_pool), next to
// the handler pool's: refusals by reason, the queue, the threads.
std::string slow_pool_metrics(const HandlerPool& pool);

}  // namespace warmcity::http
