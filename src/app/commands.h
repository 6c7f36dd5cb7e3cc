// The `warmcity` subcommands. Each add_*() registers its options on the CLI11
// app and a callback that runs it; a callback reports failure by throwing
// CommandFailed, which main() turns into one message on stderr (any database
// password taken out) and exit code 1.
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

// The database options of a command (docs/operations.md, "The database"):
//   --db FILE|URL   a SQLite file or a postgresql:// URL; default $WARMCITY_DB,
//                   else `db` as it is (so no password need sit on a command line)
//   --data-dir DIR  what lives outside the database (appeal photos); default
//                   $WARMCITY_DATA_DIR; required with a PostgreSQL URL
// Without `data_dir`, --data-dir goes where open_for_command() finds it (a
// process runs one command).
void add_db_options(CLI::App* cmd, std::string& db, std::string* data_dir = nullptr);

// A database that cannot be opened, as one line: libpq's multi-line reasons
// joined, no password.
CommandFailed database_failed(const Status& status);

void add_serve_command(CLI::App& cli);
void add_migrate_command(CLI::App& cli);
void add_user_command(CLI::App& cli);
void add_backup_command(CLI::App& cli);
void add_restore_command(CLI::App& cli);
void add_routes_command(CLI::App& cli);
void add_hours_command(CLI::App& cli);
void add_demo_command(CLI::App& cli);
void add_copy_command(CLI::App& cli);  // SQLite → PostgreSQL (copy_command.cpp)
// `facilities import|export`, `areas import` (import_commands.cpp).
void add_import_commands(CLI::App& cli);

// Opens the application for a command that does not serve (quiet logging),
// with the --data-dir of add_db_options() unless `config` names one; throws
// CommandFailed when the database cannot be opened.
std::unique_ptr<Application> open_for_command(const AppConfig& config);

// Sets up the default logger ("info", "debug", …) on stderr.
void setup_logging(const std::string& level);

}  // namespace warmcity::app
