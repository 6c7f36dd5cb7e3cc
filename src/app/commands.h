// The `warmcity` subcommands. Each add_*() registers its options on the CLI11
// app and a callback that runs it; a callback reports failure by throwing
// CommandFailed, which main() turns into a message on stderr and exit code 1.
#pragma once

#include <stdexcept>
#include <string>

namespace CLI {
class App;
}

namespace warmcity::app {

struct CommandFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void add_serve_command(CLI::App& cli);
void add_user_command(CLI::App& cli);
void add_backup_command(CLI::App& cli);
void add_routes_command(CLI::App& cli);

// Sets up the default logger ("info", "debug", …) on stderr.
void setup_logging(const std::string& level);

}  // namespace warmcity::app
