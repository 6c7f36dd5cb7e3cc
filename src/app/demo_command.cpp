// `warmcity demo --db FILE [--data data/demo]`: creates the clearly-marked
// DEMO database of Lishi District (src/demo/demo.h) in a new database file and
// prints its demo credentials once. Progress goes to stderr; `make run` runs
// it when the database file does not exist yet.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "app/application.h"
#include "app/commands.h"
#include "app/data_paths.h"
#include "app/test_clock.h"
#include "areas/area_service.h"
#include "demo/demo.h"

namespace warmcity::app {

namespace {

struct DemoOptions {
  std::string db_path = "var/warmcity.db";
  std::string data_dir = "data/demo";
  std::string password_cost = "interactive";
  std::string now;  // --now: a test clock for the demo's stamps
};

void run_demo(const DemoOptions& o) {
  setup_logging("warn");
  start_test_clock(o.now);  // before the database's threads start
  AppConfig config;
  config.db_path = o.db_path;
  config.accounts.password_cost = password_cost_from_name(o.password_cost);
  auto app = open_for_command(config);
  demo::Options options;
  options.data_dir = locate_data(o.data_dir);
  options.progress = [](const std::string& line) { std::cerr << "demo: " << line << "\n"; };
  auto report =
      demo::create({app->accounts(), app->areas().service(), app->facilities(), app->appeals(),
                    app->elders(), app->db(), record_errand_hours, record_duty_hours},
                   options);
  if (!report.ok()) throw CommandFailed(report.status());

  std::cout << "==================================================================\n"
            << " DEMO DATA — 离石区 (Lishi District) demo database created\n"
            << " " << without_password(o.db_path) << ": " << report->areas << " areas, "
            << report->facilities << " facilities, " << report->organisations << " organisations, "
            << report->appeal_categories << " appeal categories, " << report->elders << " elders\n"
            << " Positions are approximate and the data is NOT official.\n"
            << " Demo credentials (demo only; change or disable before real use):\n";
  for (const auto& u : report->users) {
    std::cout << "   " << u.username << " / " << u.password << "   (" << u.role << ", "
              << u.display_name << ")\n";
  }
  std::cout << "==================================================================\n";
}

}  // namespace

void add_demo_command(CLI::App& cli) {
  auto o = std::make_shared<DemoOptions>();
  CLI::App* demo =
      cli.add_subcommand("demo", "create the DEMO Lishi District database (a new, empty one)");
  add_db_options(demo, o->db_path);
  demo->add_option("--data", o->data_dir, "directory of the demo data files")
      ->capture_default_str();
  demo->add_option("--password-cost", o->password_cost, "argon2id cost of the demo passwords")
      ->check(CLI::IsMember({"interactive", "moderate", "minimum"}))
      ->capture_default_str();
  add_now_option(demo, o->now);
  demo->callback([o] { run_demo(*o); });
}

}  // namespace warmcity::app
