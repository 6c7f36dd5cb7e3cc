// `warmcity hours "<expression>" [--at T] [--until T] [--calendar-dir DIR]`:
// evaluates an opening_hours value against the official calendar files and
// prints the JSON that GET /api/v1/hours/evaluate answers (the same
// function builds both). A bad value or time exits 1 naming the problem,
// for an expression with the position where parsing stopped.
#include <iostream>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "app/commands.h"
#include "app/data_paths.h"
#include "calendar/calendar_service.h"
#include "calendar/hours_answer.h"
#include "core/time.h"

namespace warmcity::app {

namespace {

struct HoursOptions {
  calendar::HoursInput input;
  std::string calendar_dir = "data/calendar";
};

// The command-line spelling of an input field in messages.
std::string option_name(const std::string& field) {
  return field == "expr" ? "expression" : "--" + field;
}

void run_hours(const HoursOptions& o) {
  Result<core::Calendar> official = calendar::load_calendar_files(locate_data(o.calendar_dir));
  if (!official.ok()) throw CommandFailed(official.status().message());
  Result<std::string> answer = calendar::evaluate_hours(o.input, *official, core::now_unix());
  if (!answer.ok()) {
    std::string text;
    for (const FieldError& e : answer.status().field_errors()) {
      text += (text.empty() ? "" : "\n  ") + option_name(e.field) + ": " + e.message;
    }
    throw CommandFailed(text);
  }
  std::cout << *answer << "\n";
}

}  // namespace

void add_hours_command(CLI::App& cli) {
  auto o = std::make_shared<HoursOptions>();
  CLI::App* cmd = cli.add_subcommand(
      "hours", "evaluate an opening_hours expression: state, next change, intervals (JSON)");
  cmd->add_option("expression", o->input.expr, "e.g. \"Mo-Fr 08:00-18:00; PH off\"")->required();
  cmd->add_option("--at", o->input.at, "RFC 3339 time (default: now)");
  cmd->add_option("--until", o->input.until, "RFC 3339 time: also list the intervals up to it");
  cmd->add_option("--calendar-dir", o->calendar_dir, "official calendar files (<year>.txt)")
      ->capture_default_str();
  cmd->callback([o] { run_hours(*o); });
}

}  // namespace warmcity::app
