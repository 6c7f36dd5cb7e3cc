// `warmcity serve`: open the database, build the modules, serve HTTP until
// SIGINT/SIGTERM, then finish in-flight requests, flush the writer, exit 0.
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <iostream>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "app/application.h"
#include "app/commands.h"
#include "app/data_paths.h"
#include "app/test_clock.h"
#include "eldercare/errand.h"
#include "eldercare/visit.h"
#include "http/handler_pool.h"
#include "http/metrics.h"
#include "http/server.h"
#include "http/static_files.h"
#include "store/database.h"
#include "store/file_lock.h"
#include "system/system.h"

namespace warmcity::app {

namespace {

struct ServeOptions {
  AppConfig app;
  http::ServerConfig server;
  std::string log_level = "info";
  std::string access_log = "-";
  std::string web_root = "web";
  std::string password_cost = "interactive";
  size_t max_upload_memory_mb = 256;
  int64_t header_timeout_ms = 10'000;
  int64_t read_timeout_ms = 30'000;
  int64_t idle_timeout_ms = 60'000;
  int64_t shutdown_grace_ms = 10'000;
  int handler_threads = -1;  // -1: by engine (handler_threads_for)
  int64_t handler_wait_ms = 2'000;
  // The slow-work pool (RouteOptions::slow; 0: none): half the cores, at
  // least one — on 2 cores two slow threads beside the I/O threads made the
  // health check wait (bench/README.md, "City year").
  int slow_threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency() / 2));
  int64_t slow_wait_ms = 5'000;
  std::string rates_weights = "0.1,0.5,0.4";
  std::string now;  // --now: a test clock
  // Elder care: the errands' due time and the escalation clock in the units
  // people say them in (the tiers' intervals go straight into app.visit_rules).
  int64_t errand_due_hours = eldercare::kDefaultDueSeconds / 3600;
  int64_t escalation_minutes = eldercare::VisitRules{}.escalation_seconds / 60;
};

// A flag's whole number from `lo` to `hi` (CLI11's Range says "not in range"
// of 2.5 too): "--errand-due-hours: hours are a whole number from 1 to 720,
// not 2.5".
CLI::Validator whole_number(int64_t lo, int64_t hi, const std::string& unit) {
  return CLI::Validator(
      [=](std::string& v) -> std::string {
        int64_t n = 0;
        const char* end = v.data() + v.size();
        auto [at, ec] = std::from_chars(v.data(), end, n);
        if (ec == std::errc() && at == end && n >= lo && n <= hi) return "";
        return fmt::format("{} are a whole number from {} to {}, not {}", unit, lo, hi, v);
      },
      fmt::format("{}-{}", lo, hi), "whole number");
}

// The elder-care flags into the app's configuration. A higher risk tier is
// visited at least as often as a lower one: anything else stops the server
// here, before the database opens.
void apply_eldercare_options(ServeOptions& o) {
  const eldercare::VisitRules& r = o.app.visit_rules;
  if (r.high_days > r.priority_days || r.priority_days > r.general_days) {
    throw CommandFailed(fmt::format(
        "--visit-days-high ({}) <= --visit-days-priority ({}) <= --visit-days-general ({}) "
        "does not hold: a higher risk tier is visited at least as often as a lower one",
        r.high_days, r.priority_days, r.general_days));
  }
  o.app.visit_rules.escalation_seconds = o.escalation_minutes * 60;
  o.app.errand_due_seconds = o.errand_due_hours * 3600;
}

// The "access" logger: one line per request, to stderr ("-"), a file, or nowhere ("off").
void setup_access_log(const std::string& dest, http::ServerConfig& server) {
  if (dest == "off") {
    server.access_log = false;
    return;
  }
  std::shared_ptr<spdlog::logger> logger;
  if (dest == "-") {
    logger = std::make_shared<spdlog::logger>("access",
                                              std::make_shared<spdlog::sinks::stderr_sink_mt>());
  } else {
    try {
      logger = std::make_shared<spdlog::logger>(
          "access", std::make_shared<spdlog::sinks::basic_file_sink_mt>(dest));
    } catch (const spdlog::spdlog_ex& e) {
      throw CommandFailed("cannot open the access log " + dest + ": " + e.what());
    }
  }
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z access %v");
  logger->flush_on(spdlog::level::warn);
  spdlog::register_logger(logger);
  server.access_log = true;
}

// Slow requests waiting for a slow-work thread, per thread, before new ones
// are refused at once.
constexpr size_t kSlowQueuePerThread = 4;

// Dispatch threads when --handler-threads is not given: none on SQLite (a
// read takes microseconds, on the I/O thread), 16 on PostgreSQL (a read is a
// network round trip; 16 reader connections per server).
int handler_threads_for(const ServeOptions& o) {
  if (o.handler_threads >= 0) return o.handler_threads;
  return store::names_postgres(o.app.db_path) ? 16 : 0;
}

void serve(ServeOptions& o) {
  setup_logging(o.log_level);
  start_test_clock(o.now);  // before any thread starts
  o.app.calendar_dir = locate_data(o.app.calendar_dir);
  o.web_root = locate_data(o.web_root);
  o.app.accounts.password_cost = password_cost_from_name(o.password_cost);
  o.app.follow_changes = true;  // other instances may share a PostgreSQL database
  o.server.header_timeout = std::chrono::milliseconds(o.header_timeout_ms);
  o.server.max_large_body_bytes = o.max_upload_memory_mb << 20;
  o.server.read_timeout = std::chrono::milliseconds(o.read_timeout_ms);
  o.server.idle_timeout = std::chrono::milliseconds(o.idle_timeout_ms);
  o.server.shutdown_grace = std::chrono::milliseconds(o.shutdown_grace_ms);
  o.server.handler_threads = handler_threads_for(o);
  o.server.handler_wait = std::chrono::milliseconds(o.handler_wait_ms);
  o.app.rates_weights = *rates::parse_weights(o.rates_weights);  // checked by the option
  apply_eldercare_options(o);
  setup_access_log(o.access_log, o.server);
  spdlog::flush_every(std::chrono::seconds(1));

  // One server per SQLite file; `warmcity restore` waits for it to stop. Any
  // number of servers share one PostgreSQL database.
  std::optional<store::FileLock> lock;
  if (!store::names_postgres(o.app.db_path)) {
    Result<store::FileLock> held = store::FileLock::acquire(o.app.db_path);
    if (!held.ok()) throw CommandFailed(held.status());
    lock.emplace(std::move(*held));
  }
  // Nothing is logged before the database opens: a database that cannot be
  // opened is the one line on stderr.
  auto app = Application::open(o.app);
  if (!app.ok()) throw database_failed(app.status());
  spdlog::info("official calendar from {}; web app from {}", o.app.calendar_dir,
               o.web_root.empty() ? std::string("(none)") : o.web_root);
  if (o.app.residents.sms.sender == "log") {
    spdlog::warn("--sms-sender log: residents' sign-in codes are written to this log (demo only)");
  }
  // Areas changed while no server ran (`warmcity areas import`), or a
  // relocation cut short by the last stop: catch the facilities up.
  (*app)->facilities().relocate_all();
  std::unique_ptr<http::StaticFiles> files;
  if (!o.web_root.empty()) {
    struct stat st {};
    if (::stat(o.web_root.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      throw CommandFailed("--web: no such directory: " + o.web_root);
    }
    files = std::make_unique<http::StaticFiles>(o.web_root, o.app.web.tile_url);
    (*app)->router().set_fallback(
        [&files](http::Request& req, http::Reply reply) { files->serve(req, reply); });
  }
  for (const auto& m : system::openapi_mismatches((*app)->router())) {
    spdlog::warn("openapi: {}", m);
  }

  // Slow routes (RouteOptions::slow: the rates report) wait for one of these
  // threads at most slow_wait_ms, then 503: they never hold an I/O or handler
  // thread.
  std::shared_ptr<http::HandlerPool> slow_pool;
  if (o.slow_threads > 0) {
    slow_pool = std::make_shared<http::HandlerPool>(
        o.slow_threads, std::chrono::milliseconds(o.slow_wait_ms),
        kSlowQueuePerThread * static_cast<size_t>(o.slow_threads));
    (*app)->router().set_slow_pool(slow_pool);
    (*app)->metrics().add_source([slow_pool] { return http::slow_pool_metrics(*slow_pool); });
  }
  http::Server server(o.server, (*app)->router(), (*app)->metrics());
  if (Status s = server.listen(); !s.ok()) throw CommandFailed(s);
  spdlog::info("warmcity {} serving {} with database {}", system::kVersion, o.server.address,
               without_password(o.app.db_path));
  if (o.server.handler_threads > 0) {
    spdlog::info("{} handler threads; a request waits {} ms for one at most (then 503)",
                 o.server.handler_threads, o.handler_wait_ms);
  }
  // The test harness and scripts read the actual port from this line.
  std::cout << "warmcity listening on http://" << o.server.address << ":" << server.port()
            << std::endl;
  server.run();
  // Queued slow requests are refused (their answers go nowhere now); running
  // ones finish before the modules and the writer stop.
  if (slow_pool) slow_pool->shutdown();
  (*app)->accounts().stop();
  (*app)->residents().stop();
  (*app)->facilities().stop();
  spdlog::info("flushing the writer");
  (*app)->db().stop();
  spdlog::info("stopped cleanly");
  spdlog::shutdown();
}

}  // namespace

void add_serve_command(CLI::App& cli) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = cli.add_subcommand("serve", "serve the HTTP API and the web app");
  cmd->add_option("--listen", o->server.address, "address to listen on")->capture_default_str();
  cmd->add_option("--port", o->server.port, "TCP port (0: any free port)")->capture_default_str();
  add_db_options(cmd, o->app.db_path, &o->app.data_dir);
  o->app.calendar_dir = "data/calendar";
  cmd->add_option("--calendar-dir", o->app.calendar_dir,
                  "official calendar files (<year>.txt); years an admin stored override them")
      ->capture_default_str();
  cmd->add_option("--photo-dir", o->app.photo_dir,
                  "where appeal photos are stored (default: <data-dir>/photos, else beside a "
                  "SQLite file, <db>-photos)");
  cmd->add_option("--photo-quota-mb", o->app.photo_quota_mb,
                  "appeal photos stored at most, in MiB (507 for new photos beyond)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 30))
      ->capture_default_str();
  o->app.appeals_sweep_interval_s = 60;
  cmd->add_option("--appeals-sweep-seconds", o->app.appeals_sweep_interval_s,
                  "seconds between escalation sweeps of the appeals (0: none)")
      ->check(CLI::Range(0, 86400))
      ->capture_default_str();
  o->app.activities_sweep_interval_s = 30;
  cmd->add_option("--activities-sweep-seconds", o->app.activities_sweep_interval_s,
                  "seconds between sweeps that pass lapsed activity offers on (0: none)")
      ->check(CLI::Range(0, 86400))
      ->capture_default_str();
  o->app.afterschool_sweep_interval_s = 60;
  cmd->add_option("--afterschool-sweep-seconds", o->app.afterschool_sweep_interval_s,
                  "seconds between sweeps that raise after-school late-pickup alerts and text "
                  "the guardians (0: none)")
      ->check(CLI::Range(0, 86400))
      ->capture_default_str();
  cmd->add_option("--visit-days-high", o->app.visit_rules.high_days,
                  "elder care: days between visits to an elder of high risk (1-366)")
      ->check(whole_number(1, 366, "days"))
      ->capture_default_str();
  cmd->add_option("--visit-days-priority", o->app.visit_rules.priority_days,
                  "elder care: days between visits to an elder of priority risk (1-366)")
      ->check(whole_number(1, 366, "days"))
      ->capture_default_str();
  cmd->add_option("--visit-days-general", o->app.visit_rules.general_days,
                  "elder care: days between visits to an elder of general risk (1-366; the "
                  "tiers' days must not decrease from high to general)")
      ->check(whole_number(1, 366, "days"))
      ->capture_default_str();
  cmd->add_option("--errand-due-hours", o->errand_due_hours,
                  "elder care: an errand is due this many hours after it was received (1-720)")
      ->check(whole_number(1, 720, "hours"))
      ->capture_default_str();
  cmd->add_option("--escalation-minutes", o->escalation_minutes,
                  "elder care: minutes after a visit nobody answered before its escalation "
                  "(emergency contacts, then the community duty phone) is overdue (1-1440)")
      ->check(whole_number(1, 1440, "minutes"))
      ->capture_default_str();
  cmd->add_option("--rates-weights", o->rates_weights,
                  "weights of 响应率,解决率,满意率 in the composite (sum 1)")
      ->check(CLI::Validator(
          [](std::string& v) {
            auto w = rates::parse_weights(v);
            return w.ok() ? std::string() : w.status().message();
          },
          "RESPONSE,RESOLUTION,SATISFACTION", "weights"))
      ->capture_default_str();
  cmd->add_option("--appeals-similar-radius-m", o->app.appeals_similar_radius_m,
                  "similar appeals offered on submission lie this close (metres)")
      ->check(CLI::Range(1.0, 5000.0))
      ->capture_default_str();
  cmd->add_option("--appeals-similar-days", o->app.appeals_similar_days,
                  "similar appeals offered on submission are this recent (days)")
      ->check(CLI::Range(1, 365))
      ->capture_default_str();
  cmd->add_option("--threads", o->server.threads, "I/O threads (0: one per core)")
      ->capture_default_str();
  cmd->add_option("--log-level", o->log_level, "trace|debug|info|warn|error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->capture_default_str();
  cmd->add_option("--web", o->web_root, "directory of the web app ('' to serve none)")
      ->capture_default_str();
  cmd->add_option("--tile-url", o->app.web.tile_url,
                  "map tile URL template for the web app, e.g. "
                  "https://tile.example/{z}/{x}/{y}.png ('': no tiles, markers only)")
      ->capture_default_str();
  cmd->add_option("--tile-attribution", o->app.web.tile_attribution,
                  "map tile credit shown on the map (HTML allowed, e.g. a link)")
      ->capture_default_str();
  cmd->add_option("--access-log", o->access_log, "access log: '-' (stderr), a file, or 'off'")
      ->capture_default_str();
  cmd->add_option("--max-connections", o->server.max_connections, "open connections at most")
      ->capture_default_str();
  cmd->add_option("--max-connections-per-client", o->server.max_connections_per_client,
                  "open connections from one address at most")
      ->capture_default_str();
  cmd->add_option("--max-connections-per-network", o->server.max_connections_per_network,
                  "open connections from one /24 (IPv4) or /64 (IPv6) at most")
      ->capture_default_str();
  cmd->add_option("--trusted-proxy", o->server.trusted_proxies,
                  "address of a reverse proxy whose X-Forwarded-For is believed (repeatable)");
  cmd->add_option("--anonymous-writes-per-minute", o->app.anonymous_writes.per_address_per_minute,
                  "writes without a session per client address and minute (0: no limit)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--anonymous-writes-per-minute-per-network",
                  o->app.anonymous_writes.per_network_per_minute,
                  "the same per client /24 (IPv4) or /64 (IPv6) network (0: no limit)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--metrics-token", o->app.metrics_token,
                  "bearer token for GET /metrics (else loopback without a proxy only)")
      ->envname("WARMCITY_METRICS_TOKEN");
  cmd->add_option("--header-limit", o->server.header_limit, "request header bytes at most")
      ->capture_default_str();
  cmd->add_option("--max-upload-memory-mb", o->max_upload_memory_mb,
                  "request bodies over 1 MiB held at once, in MiB (503 beyond)")
      ->check(CLI::Range(1, 1 << 20))
      ->capture_default_str();
  cmd->add_option("--header-timeout-ms", o->header_timeout_ms,
                  "time for a new connection to send its whole first request header")
      ->capture_default_str();
  cmd->add_option("--read-timeout-ms", o->read_timeout_ms, "time to read one request body")
      ->capture_default_str();
  cmd->add_option("--idle-timeout-ms", o->idle_timeout_ms, "keep-alive idle time")
      ->capture_default_str();
  cmd->add_option("--shutdown-grace-ms", o->shutdown_grace_ms, "time for in-flight requests")
      ->capture_default_str();
  cmd->add_option("--handler-threads", o->handler_threads,
                  "threads that run requests off the I/O threads, each with its own database "
                  "connection (0: on the I/O threads; default: 0 on SQLite, 16 on PostgreSQL)")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--handler-wait-ms", o->handler_wait_ms,
                  "time a request may wait for a handler thread (503 with Retry-After beyond)")
      ->check(CLI::Range(int64_t{1}, int64_t{600'000}))
      ->capture_default_str();
  cmd->add_option("--slow-threads", o->slow_threads,
                  "threads that run slow requests (the rates report) off the I/O "
                  "and handler threads (0: slow requests run like the others; default: "
                  "half the cores, at least 1)")
      ->check(CLI::Range(0, 64))
      ->capture_default_str();
  cmd->add_option("--slow-wait-ms", o->slow_wait_ms,
                  "time a slow request may wait for a slow-work thread (503 with Retry-After "
                  "beyond)")
      ->check(CLI::Range(int64_t{1}, int64_t{600'000}))
      ->capture_default_str();
  cmd->add_option("--writer-max-batch", o->app.writer_max_batch,
                  "write jobs per transaction at most (1 turns group commit off)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--session-ttl", o->app.accounts.session_ttl_seconds, "session lifetime, s")
      ->capture_default_str();
  cmd->add_flag("--secure-cookie", o->app.accounts.secure_cookie,
                "mark the session cookie Secure (behind HTTPS)");
  cmd->add_option("--sms-sender", o->app.residents.sms.sender,
                  "how residents' sign-in codes are sent: log (demo: to this log) or http")
      ->check(CLI::IsMember({"log", "http"}))
      ->capture_default_str();
  cmd->add_option("--sms-url", o->app.residents.sms.url,
                  "http sender: URL template with {phone} and {text} or {code}, e.g. "
                  "http://127.0.0.1:9/send?to={phone}&text={text}")
      ->check(CLI::Validator(
          [](std::string& v) {
            auto url = accounts::parse_sms_url(v);
            return url.ok() ? std::string() : url.status().message();
          },
          "URL", "sms url"));
  cmd->add_option("--sms-timeout-ms", o->app.residents.sms.timeout_ms,
                  "http sender: time for the gateway's whole answer")
      ->check(CLI::Range(int64_t{100}, int64_t{60000}))
      ->capture_default_str();
  cmd->add_option("--sms-codes-per-network-per-hour",
                  o->app.residents.limits.codes_per_network_per_hour,
                  "sign-in codes sent at most per client /24 or /64 and hour")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--password-cost", o->password_cost, "argon2id cost")
      ->check(CLI::IsMember({"interactive", "moderate", "minimum"}))
      ->capture_default_str();
  add_now_option(cmd, o->now);
  cmd->callback([o] { serve(*o); });
}

}  // namespace warmcity::app
