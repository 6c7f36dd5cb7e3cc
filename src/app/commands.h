// The `warmcity` subcommands. Each add_*() registers its options on the CLI11
// app and a callback that runs it; a callback reports failure by throwing
// CommandFailed, which main() turns into a message on stderr and exit code 1.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "core/status.h"

namespace CLI {
class App;
}

namespace warmcity::app {

class Application;
struct AppConfig;

struct CommandFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
  explicit CommandFailed(const Status& status);
};

// A failed Status as text for the terminal: its message, then one line per
// field error ("  password: must be 8 to 128 characters long").
std::string describe(const Status& status);

void add_serve_command(CLI::App& cli);
void add_user_command(CLI::App& cli);
void add_backup_command(CLI::App& cli);
void add_restore_command(CLI::App& cli);
void add_routes_command(CLI::App& cli);
void add_hours_command(CLI::App& cli);
void add_demo_command(CLI::App& cli);
// `facilities import|export`, `areas import` (import_commands.cpp).
void add_import_commands(CLI::App& cli);

// Opens the application for a command that does not serve (quiet logging);
// throws CommandFailed when the database cannot be opened.
std::unique_ptr<Application> open_for_command(const AppConfig& config);

// Sets up the default logger ("info", "debug", …) on stderr.
void setup_logging(const std::string& level);

}  // namespace warmcity::app
