// `warmcity migrate --db FILE|URL`: brings a database's schema up to this
// build's, and says what it applied. `serve` and the other commands migrate
// on open too; `migrate` is for doing it once, on purpose, before a new
// version's instances start (several of them share one PostgreSQL database,
// and each would otherwise race to be the one that migrates — harmless, as
// migrations take a lock, but slower to start and noisier to read).
// A database whose schema is newer than this build knows is refused, as
// `serve` refuses it: a one-line message, exit status 1.
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <utility>

#include <CLI/CLI.hpp>

#include "app/application.h"
#include "app/commands.h"
#include "app/data_paths.h"
#include "store/database.h"

namespace warmcity::app {

namespace {

using Applied = std::set<std::pair<std::string, int64_t>>;

// (module, version) of every migration the database records.
Applied applied_in(const std::string& db_path) {
  store::Options options;
  options.path = db_path;
  auto db = store::Database::open(options, {});  // applies nothing
  if (!db.ok()) throw database_failed(db.status());
  Applied applied;
  Status s = (*db)->write([&applied](store::Connection& c) -> Status {
    auto st = c.prepare("SELECT module, version FROM schema_migrations");
    if (!st.ok()) return st.status();
    for (;;) {
      Result<bool> row = st->step();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      applied.emplace(st->column_text(0), st->column_int64(1));
    }
  });
  if (!s.ok()) throw database_failed(s);
  (*db)->stop();
  return applied;
}

void migrate(const std::string& db_path) {
  setup_logging("warn");
  const Applied before = applied_in(db_path);
  store::Options options;
  options.path = db_path;
  const std::vector<store::Migration> migrations = all_migrations();
  auto db = store::Database::open(options, migrations);
  if (!db.ok()) throw database_failed(db.status());
  (*db)->stop();
  int count = 0;
  for (const store::Migration& m : migrations) {
    if (before.count({m.module, m.version})) continue;
    std::cout << "applied " << m.module << " v" << m.version << "\n";
    ++count;
  }
  std::cout << without_password(db_path) << ": "
            << (count ? std::to_string(count) + " migrations applied"
                      : std::string("the schema is up to date"))
            << " (" << migrations.size() << " known)\n";
}

}  // namespace

void add_migrate_command(CLI::App& cli) {
  auto db = std::make_shared<std::string>("var/warmcity.db");
  CLI::App* cmd =
      cli.add_subcommand("migrate", "apply the schema migrations this build knows, and list them");
  add_db_options(cmd, *db);
  cmd->callback([db] { migrate(*db); });
}

}  // namespace warmcity::app
