#include "system/system.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "accounts/tokens.h"
#include "core/net_address.h"
#include "core/time.h"
#include "http/problem.h"

namespace warmcity::system {

extern const std::string_view kOpenApiJson;  // embedded docs/openapi.json

namespace {

using Clock = std::chrono::steady_clock;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void health(store::Database& db, Clock::time_point started, const CalendarSource& calendar,
            http::Reply reply) {
  bool db_ok = false;
  auto stmt = db.reader().prepare("SELECT 1");
  if (stmt.ok()) {
    auto row = stmt->step();
    db_ok = row.ok() && *row && stmt->column_int64(0) == 1;
  }
  auto uptime = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started).count();
  const std::optional<std::string> covered = calendar_covered_until(*calendar(), core::now_unix());
  http::Response r = http::json_response(
      fmt::format(R"({{"status":"{}","version":"{}","uptime_seconds":{},"database":"{}",)"
                  R"("calendar_covered_until":{}}})",
                  db_ok ? "ok" : "degraded", kVersion, uptime, db_ok ? "ok" : "unreachable",
                  covered ? "\"" + *covered + "\"" : std::string("null")),
      db_ok ? 200 : 503);
  r.set_header("Cache-Control", "no-store");
  reply(std::move(r));
}

}  // namespace

std::string_view openapi_document() { return kOpenApiJson; }

std::optional<std::string> calendar_covered_until(const core::Calendar& calendar, int64_t now) {
  const std::optional<core::LocalDate> last = calendar.covered_until(core::local_date_of(now));
  if (!last) return std::nullopt;
  return core::format_date(*last);
}

std::string calendar_metrics(const core::Calendar& calendar, int64_t now) {
  const std::optional<core::LocalDate> last = calendar.covered_until(core::local_date_of(now));
  const int64_t ends =
      last ? core::local_midnight_unix(core::civil_from_days(core::days_from_civil(*last) + 1)) : 0;
  std::string out;
  out +=
      "# HELP warmcity_calendar_covered_until_timestamp_seconds When the official calendar "
      "(holidays, make-up working days) runs out: midnight after its last covered day.\n";
  out += "# TYPE warmcity_calendar_covered_until_timestamp_seconds gauge\n";
  out += fmt::format("warmcity_calendar_covered_until_timestamp_seconds {}\n", ends);
  out +=
      "# HELP warmcity_calendar_deadlines_beyond_total Working-day deadlines computed through a "
      "year the calendar does not know (ordinary weeks assumed).\n";
  out += "# TYPE warmcity_calendar_deadlines_beyond_total counter\n";
  out += fmt::format("warmcity_calendar_deadlines_beyond_total {}\n",
                     core::Calendar::deadlines_beyond_calendar());
  return out;
}

bool may_read_metrics(const http::Request& req, std::string_view metrics_token) {
  if (!metrics_token.empty()) {
    std::string_view auth = req.header("authorization");
    constexpr std::string_view kBearer = "Bearer ";
    return auth.size() > kBearer.size() && auth.substr(0, kBearer.size()) == kBearer &&
           accounts::constant_time_equal(auth.substr(kBearer.size()), metrics_token);
  }
  const std::string& from = req.client_address;
  const bool loopback =
      from.rfind("127.", 0) == 0 || from == "::1" || from.rfind("::ffff:127.", 0) == 0;
  return loopback && req.header("x-forwarded-for").empty();
}

void register_routes(http::Router& router, store::Database& db, http::Metrics& metrics,
                     std::string metrics_token, CalendarSource calendar) {
  auto started = Clock::now();
  router.add(http::Method::kGet, "/api/v1/health", http::Access::Public(),
             [&db, started, calendar](http::Request&, http::Reply reply) {
               health(db, started, calendar, std::move(reply));
             });
  metrics.add_source([calendar] { return calendar_metrics(*calendar(), core::now_unix()); });
  router.add(http::Method::kGet, "/metrics", http::Access::Public(),
             [&metrics, token = std::move(metrics_token)](http::Request& req, http::Reply reply) {
               if (!may_read_metrics(req, token)) {
                 return reply(http::problem(404, "no route for " + req.path));
               }
               http::Response r;
               r.content_type = "text/plain; version=0.0.4; charset=utf-8";
               r.body = metrics.render();
               reply(std::move(r));
             });
  router.add(http::Method::kGet, "/api/v1/openapi.json", http::Access::Public(),
             [](http::Request&, http::Reply reply) {
               http::Response r = http::json_response(std::string(kOpenApiJson));
               r.set_header("Cache-Control", "public, max-age=300");
               reply(std::move(r));
             });
}

std::vector<std::string> openapi_mismatches(const http::Router& router) {
  std::vector<std::string> out;
  auto doc = nlohmann::json::parse(kOpenApiJson, nullptr, false);
  if (doc.is_discarded() || !doc.contains("paths")) {
    out.push_back("docs/openapi.json is not valid JSON with a paths object");
    return out;
  }
  // "get /api/v1/x" → the roles the document names for it.
  std::map<std::string, std::set<std::string>> documented;
  static const std::set<std::string> kVerbs = {"get",   "put",  "post",   "delete",
                                               "patch", "head", "options"};
  for (auto& [path, item] : doc["paths"].items()) {
    for (auto& [verb, op] : item.items()) {
      if (!kVerbs.count(verb)) continue;
      std::set<std::string> roles;
      if (op.contains("x-warmcity-roles") && op["x-warmcity-roles"].is_array()) {
        for (const auto& r : op["x-warmcity-roles"]) {
          if (r.is_string()) roles.insert(r.get<std::string>());
        }
      }
      documented[verb + " " + path] = std::move(roles);
    }
  }
  std::set<std::string> registered;
  for (const auto& r : router.routes()) {
    std::string key = lower(http::method_name(r->method)) + " " + r->pattern;
    registered.insert(key);
    auto it = documented.find(key);
    if (it == documented.end()) {
      out.push_back(key + ": registered but not in the OpenAPI document");
      continue;
    }
    std::set<std::string> roles;
    if (r->access.is_public) {
      roles.insert("public");
    } else if (r->access.roles.empty()) {
      roles.insert("any");
    } else {
      for (auto role : r->access.roles) roles.insert(std::string(http::role_name(role)));
    }
    if (roles != it->second) {
      out.push_back(key + ": x-warmcity-roles in the document differ from the route's access");
    }
  }
  for (const auto& [key, roles] : documented) {
    if (!registered.count(key)) out.push_back(key + ": in the OpenAPI document but not registered");
  }
  return out;
}

void add_writer_metrics(http::Metrics& metrics, const store::Database& db) {
  metrics.add_source([&db] {
    store::WriterStats s = db.stats();
    std::string out;
    out += "# HELP warmcity_writer_queue_depth Write jobs waiting for the writer thread.\n";
    out += "# TYPE warmcity_writer_queue_depth gauge\n";
    out += fmt::format("warmcity_writer_queue_depth {}\n", s.queue_depth);
    out += "# HELP warmcity_writer_jobs_total Write jobs finished, by outcome.\n";
    out += "# TYPE warmcity_writer_jobs_total counter\n";
    out += fmt::format("warmcity_writer_jobs_total{{outcome=\"ok\"}} {}\n", s.jobs_ok);
    out += fmt::format("warmcity_writer_jobs_total{{outcome=\"failed\"}} {}\n", s.jobs_failed);
    out += "# HELP warmcity_writer_commits_total Transactions committed by the writer.\n";
    out += "# TYPE warmcity_writer_commits_total counter\n";
    out += fmt::format("warmcity_writer_commits_total {}\n", s.commits);
    out += fmt::format("warmcity_writer_commit_failures_total {}\n", s.commit_failures);
    out += "# HELP warmcity_writer_batch_size Jobs per committed transaction.\n";
    out += "# TYPE warmcity_writer_batch_size histogram\n";
    uint64_t cumulative = 0;
    for (int i = 0; i < store::WriterStats::kBuckets; ++i) {
      cumulative += s.batch_buckets[i];
      std::string le = i + 1 < store::WriterStats::kBuckets
                           ? std::to_string(store::WriterStats::kBounds[i])
                           : "+Inf";
      out += fmt::format("warmcity_writer_batch_size_bucket{{le=\"{}\"}} {}\n", le, cumulative);
    }
    out += fmt::format("warmcity_writer_batch_size_sum {}\n", s.batch_sum);
    out += fmt::format("warmcity_writer_batch_size_count {}\n", s.commits);
    return out;
  });
}

}  // namespace warmcity::system
