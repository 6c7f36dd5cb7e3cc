// `--now RFC3339`, the test clock of `warmcity serve` and `warmcity demo`: the
// process clock (core::now_unix) starts at that instant and advances in real
// time from there, so tests and demos can stand on a chosen day (a holiday, the
// 1st of a month) whatever the date is. Never for production: the server says
// so in its log.
//
// REQUIRES: start_test_clock() runs before any thread that reads the clock.
#pragma once

#include <string>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "app/commands.h"
#include "core/time.h"

namespace warmcity::app {

// Adds the --now option to `cmd`, checked as RFC 3339 with an offset.
inline void add_now_option(CLI::App* cmd, std::string& now) {
  cmd->add_option("--now", now,
                  "TEST/DEMO ONLY: start the clock at this instant (RFC 3339 with offset, e.g. "
                  "2026-06-01T10:00:00+08:00); it runs on in real time from there")
      ->check(CLI::Validator(
          [](std::string& v) {
            Result<int64_t> t = core::parse_rfc3339(v);
            return t.ok() ? std::string() : t.status().message();
          },
          "RFC3339", "instant"));
}

// Starts the clock at `now` when given (the option checked it) and logs a
// warning that this process runs on a test clock.
inline void start_test_clock(const std::string& now) {
  if (now.empty()) return;
  Result<int64_t> at = core::parse_rfc3339(now);
  if (!at.ok()) throw CommandFailed(at.status());
  core::start_clock_at(*at);
  spdlog::warn(
      "--now: this process runs on a TEST clock that started at {} (not the real time; "
      "testing and demos only)",
      core::format_rfc3339(*at));
}

}  // namespace warmcity::app
