// warmcity: the district's "ten convenience services" server and its tools.
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/commands.h"
#include "app/data_paths.h"
#include "system/system.h"

int main(int argc, char** argv) {
  CLI::App cli{"warmcity (暖城): the district's ten convenience services"};
  cli.require_subcommand(1);
  // Options of any command from an INI/TOML file; `[serve]` holds serve's.
  cli.set_config("--config", "", "read options from an INI/TOML file ([serve] section)");
  warmcity::app::add_serve_command(cli);
  warmcity::app::add_migrate_command(cli);
  warmcity::app::add_user_command(cli);
  warmcity::app::add_backup_command(cli);
  warmcity::app::add_restore_command(cli);
  warmcity::app::add_routes_command(cli);
  warmcity::app::add_hours_command(cli);
  warmcity::app::add_demo_command(cli);
  warmcity::app::add_copy_command(cli);
  warmcity::app::add_import_commands(cli);
  cli.add_subcommand("version", "print the version")->callback([] {
    std::cout << "warmcity " << warmcity::system::kVersion << "\n";
  });
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  } catch (const warmcity::app::CommandFailed& e) {
    std::cerr << "warmcity: " << warmcity::app::without_password(e.what()) << "\n";
    return 1;
  }
  return 0;
}
