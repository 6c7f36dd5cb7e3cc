#include "http/metrics.h"

#include <gtest/gtest.h>

namespace warmcity::http {
namespace {

TEST(Metrics, CountsByRouteAndStatusAndRendersHistogram) {
  Metrics m;
  m.set_routes({"/api/v1/health"});
  m.observe("GET", "/api/v1/health", 200, 50);
  m.observe("GET", "/api/v1/health", 200, 3000);
  m.observe("GET", "/nowhere", 404, 10);
  m.add_source([] { return std::string("warmcity_writer_queue_depth 3\n"); });
  std::string text = m.render();
  EXPECT_NE(text.find(R"(warmcity_http_requests_total{route="/api/v1/health",status="200"} 2)"),
            std::string::npos);
  EXPECT_NE(text.find(R"(warmcity_http_requests_total{route="unmatched",status="404"} 1)"),
            std::string::npos);
  EXPECT_NE(
      text.find(
          R"(warmcity_http_request_duration_seconds_bucket{route="/api/v1/health",le="0.0001"} 1)"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          R"(warmcity_http_request_duration_seconds_bucket{route="/api/v1/health",le="+Inf"} 2)"),
      std::string::npos);
  EXPECT_NE(text.find("warmcity_writer_queue_depth 3"), std::string::npos);
}

TEST(Metrics, SlowPoolRefusalsByReason) {
  HandlerPool pool(2, std::chrono::milliseconds(1000), 1);
  pool.shutdown();
  pool.post([] {}, [](HandlerPool::Refusal) {});  // refused: stopping
  std::string text = slow_pool_metrics(pool);
  EXPECT_NE(text.find(R"(warmcity_http_slow_refused_total{reason="stopping"} 1)"),
            std::string::npos);
  EXPECT_NE(text.find(R"(warmcity_http_slow_refused_total{reason="full"} 0)"), std::string::npos);
  EXPECT_NE(text.find("warmcity_http_slow_threads 2\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE warmcity_http_slow_queue gauge"), std::string::npos);
}

}  // namespace
}  // namespace warmcity::http
