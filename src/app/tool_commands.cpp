// `warmcity routes`: every route with who may call it, checked against the
// OpenAPI document (a test runs it).
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/application.h"
#include "app/commands.h"
#include "system/system.h"

namespace warmcity::app {

namespace {

std::unique_ptr<Application> open_app(const std::string& db_path) {
  AppConfig config;
  config.db_path = db_path;
  return open_for_command(config);
}

// A temporary directory removed with everything in it when it goes out of scope.
class ScratchDir {
 public:
  ScratchDir() {
    char tmpl[] = "/tmp/warmcity-XXXXXX";
    if (!mkdtemp(tmpl)) throw CommandFailed("cannot create a scratch directory in /tmp");
    path_ = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

void add_routes_command(CLI::App& cli) {
  auto db = std::make_shared<std::string>();
  CLI::App* cmd = cli.add_subcommand(
      "routes", "list every route with who may call it; fail if the OpenAPI document disagrees");
  cmd->add_option("--db", *db, "SQLite database file (default: a scratch one, removed after)");
  cmd->callback([db] {
    ScratchDir scratch;
    auto app = open_app(db->empty() ? scratch.path() + "/routes.db" : *db);
    for (const auto& r : app->router().routes()) {
      std::string who;
      if (r->access.is_public) {
        who = "public";
      } else if (r->access.roles.empty()) {
        who = "any signed-in user";
      } else {
        for (auto role : r->access.roles)
          who += (who.empty() ? "" : ",") + std::string(http::role_name(role));
      }
      std::cout << http::method_name(r->method) << "\t" << r->pattern << "\t" << who << "\n";
    }
    auto mismatches = system::openapi_mismatches(app->router());
    for (const auto& m : mismatches) std::cerr << "openapi: " << m << "\n";
    if (!mismatches.empty()) throw CommandFailed("the OpenAPI document does not match the routes");
  });
}

}  // namespace warmcity::app
