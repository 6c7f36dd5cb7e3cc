#include "app/commands.h"

#include "app/application.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace warmcity::app {

CommandFailed::CommandFailed(const Status& status) : CommandFailed(describe(status)) {}

std::unique_ptr<Application> open_for_command(const AppConfig& config) {
  setup_logging("warn");
  auto app = Application::open(config);
  if (!app.ok()) throw CommandFailed(app.status());
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
