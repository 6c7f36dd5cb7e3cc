// `warmcity routes`: every route with who may call it, checked against the
// OpenAPI document (a test runs it). `--json` prints the same table for
// programs (tests/http/role_matrix.test.mjs calls every route from it).
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/application.h"
#include "app/commands.h"
#include "system/system.h"

namespace warmcity::app {

namespace {

std::unique_ptr<Application> open_tool_app(const std::string& db_path) {
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

// Who may call `r`, in the words of the OpenAPI document's x-warmcity-roles:
// ["public"], ["any"] (any signed-in user) or the role names.
std::vector<std::string> callers_of(const http::Route& r) {
  if (r.access.is_public) return {"public"};
  if (r.access.roles.empty()) return {"any"};
  std::vector<std::string> names;
  for (auto role : r.access.roles) names.emplace_back(http::role_name(role));
  return names;
}

// Every role there is. The enumerators of http::Role run from kResident to
// kAdmin (http/message.h), so a new role joins this list by itself.
std::vector<std::string> all_role_names() {
  std::vector<std::string> names;
  for (int i = 0; i <= static_cast<int>(http::Role::kAdmin); ++i) {
    names.emplace_back(http::role_name(static_cast<http::Role>(i)));
  }
  return names;
}

// {"roles": [every role], "routes": [{"method", "path", "roles"}]}.
std::string routes_json(const http::Router& router) {
  nlohmann::ordered_json routes = nlohmann::ordered_json::array();
  for (const auto& r : router.routes()) {
    routes.push_back({{"method", http::method_name(r->method)},
                      {"path", r->pattern},
                      {"roles", callers_of(*r)}});
  }
  nlohmann::ordered_json out = {{"roles", all_role_names()}, {"routes", std::move(routes)}};
  return out.dump(1);
}

}  // namespace

void add_routes_command(CLI::App& cli) {
  auto db = std::make_shared<std::string>();
  CLI::App* cmd = cli.add_subcommand(
      "routes", "list every route with who may call it; fail if the OpenAPI document disagrees");
  auto json = std::make_shared<bool>(false);
  cmd->add_option("--db", *db, "SQLite database file (default: a scratch one, removed after)");
  cmd->add_flag("--json", *json,
                "print {\"roles\": [...], \"routes\": [{\"method\", \"path\", \"roles\"}]} "
                "(roles: [\"public\"], [\"any\"] or role names)");
  cmd->callback([db, json] {
    ScratchDir scratch;
    auto app = open_tool_app(db->empty() ? scratch.path() + "/routes.db" : *db);
    if (*json) {
      std::cout << routes_json(app->router()) << "\n";
    } else {
      for (const auto& r : app->router().routes()) {
        std::vector<std::string> callers = callers_of(*r);
        std::string who;
        for (const std::string& c : callers) who += (who.empty() ? "" : ",") + c;
        if (who == "any") who = "any signed-in user";
        std::cout << http::method_name(r->method) << "\t" << r->pattern << "\t" << who << "\n";
      }
    }
    auto mismatches = system::openapi_mismatches(app->router());
    for (const auto& m : mismatches) std::cerr << "openapi: " << m << "\n";
    if (!mismatches.empty()) throw CommandFailed("the OpenAPI document does not match the routes");
  });
}

}  // namespace warmcity::app
