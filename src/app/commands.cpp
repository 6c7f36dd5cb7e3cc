#include "app/commands.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "app/application.h"
#include "app/data_paths.h"

namespace warmcity::app {

namespace {
// --data-dir of the command being run, for commands whose options keep none.
std::string g_data_dir;  // NOLINT: written once while parsing, before any thread starts
}  // namespace

CommandFailed::CommandFailed(const Status& status) : CommandFailed(describe(status)) {}

void add_db_options(CLI::App* cmd, std::string& db, std::string* data_dir) {
  cmd->add_option("--db", db, "SQLite database file or postgresql://user@host:port/dbname URL")
      ->envname("WARMCITY_DB")
      ->capture_default_str();
  cmd->add_option("--data-dir", data_dir ? *data_dir : g_data_dir,
                  "directory for what lives outside the database (appeal photos in <dir>/photos); "
                  "required with a PostgreSQL URL")
      ->envname("WARMCITY_DATA_DIR");
}

CommandFailed database_failed(const Status& status) {
  // Each line break (with the blanks around it) becomes "; ", other blank runs one space.
  std::string line;
  bool pending_break = false;
  for (char c : without_password(describe(status))) {
    if (c == '\n' || c == '\r') {
      pending_break = true;
    } else if (c == ' ' || c == '\t') {
      if (!line.empty() && line.back() != ' ') line += ' ';
    } else {
      if (pending_break && !line.empty()) {
        while (!line.empty() && line.back() == ' ') line.pop_back();
        line += "; ";
      }
      pending_break = false;
      line += c;
    }
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return CommandFailed(line);
}

std::unique_ptr<Application> open_for_command(const AppConfig& config) {
  setup_logging("warn");
  AppConfig with_dir = config;
  if (with_dir.data_dir.empty()) with_dir.data_dir = g_data_dir;
  auto app = Application::open(with_dir);
  if (!app.ok()) throw database_failed(app.status());
  return std::move(*app);
}

std::string describe(const Status& status) {
  std::string text = status.message();
  for (const auto& e : status.field_errors()) text += "\n  " + e.field + ": " + e.message;
  return text;
}

void setup_logging(const std::string& level) {
  auto logger = std::make_shared<spdlog::logger>("warmcity",
                                                 std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  logger->set_level(spdlog::level::from_str(level));
  spdlog::set_default_logger(logger);
}

}  // namespace warmcity::app
