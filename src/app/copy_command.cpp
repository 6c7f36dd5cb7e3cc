// `warmcity copy --from FILE --to URL [--data-dir DIR]`: moves a district's
// SQLite database into a new, empty PostgreSQL database (docs/operations.md,
// "Moving to PostgreSQL"). Both are opened with this build's migrations, so
// they have the same schema; store::copy_rows() copies every table in one
// transaction (a copy that stops leaves the destination empty), advances the
// id sequences and compares the row counts, which are printed. Appeal photos
// live outside the database: with --data-dir they are copied into
// <dir>/photos, the directory the PostgreSQL deployment's --data-dir names.
// Run it with the server stopped (the source should not change while it runs).
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <string>

#include <CLI/CLI.hpp>

#include "app/application.h"
#include "app/backup_set.h"
#include "app/commands.h"
#include "app/data_paths.h"
#include "store/copy.h"
#include "store/database.h"

namespace warmcity::app {

namespace {

struct CopyOptions {
  std::string from;
  std::string to;
  std::string data_dir;
  std::string photo_dir;  // the source's photos; "" = beside it (<from>-photos)
};

std::unique_ptr<store::Database> open_database(const std::string& where) {
  store::Options options;
  options.path = where;
  auto db = store::Database::open(options, all_migrations());
  if (!db.ok()) throw database_failed(db.status());
  return std::move(*db);
}

void copy(const CopyOptions& o) {
  setup_logging("warn");
  if (store::names_postgres(o.from)) {
    throw CommandFailed("--from names a SQLite file (the district's database), not a URL");
  }
  if (!store::names_postgres(o.to)) {
    throw CommandFailed("--to names a postgresql:// URL (a new, empty database)");
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(o.from, ec)) {
    throw CommandFailed("no database file " + o.from);
  }
  auto from = open_database(o.from);
  auto to = open_database(o.to);
  std::set<std::string> seeded;
  for (const store::Migration& m : all_migrations()) {
    seeded.insert(m.seeded_tables.begin(), m.seeded_tables.end());
  }
  auto copied = store::copy_rows(
      *from, *to,
      [](const std::string& table, int64_t done, int64_t total) {
        std::cerr << "copy: " << table << " " << done << "/" << total << "\n";
      },
      seeded);
  to->stop();
  from->stop();
  if (!copied.ok()) throw database_failed(copied.status());
  int64_t rows = 0;
  for (const store::CopiedTable& t : *copied) {
    std::cout << t.table << ": " << t.source_rows << " rows in " << o.from << ", " << t.copied_rows
              << " copied\n";
    rows += t.copied_rows;
  }
  std::cout << "copied " << rows << " rows in " << copied->size() << " tables from " << o.from
            << " to " << without_password(o.to) << "\n";
  if (o.data_dir.empty()) {
    std::cout << "photos not copied: copy "
              << (o.photo_dir.empty() ? o.from + "-photos" : o.photo_dir)
              << " to <data-dir>/photos of the PostgreSQL deployment (or give --data-dir)\n";
    return;
  }
  const std::string photos_from = o.photo_dir.empty() ? o.from + "-photos" : o.photo_dir;
  const std::string photos_to = (std::filesystem::path(o.data_dir) / "photos").string();
  int added = 0;
  if (Status s = add_photos(photos_from, photos_to, &added); !s.ok()) throw CommandFailed(s);
  std::cout << added << " photos copied from " << photos_from << " to " << photos_to << "\n";
}

}  // namespace

void add_copy_command(CLI::App& cli) {
  auto o = std::make_shared<CopyOptions>();
  CLI::App* cmd = cli.add_subcommand(
      "copy",
      "move a district's SQLite database into a new, empty PostgreSQL database (server stopped); "
      "photos live outside the database: give --data-dir (the PostgreSQL deployment's) to copy "
      "them into <dir>/photos");
  cmd->add_option("--from", o->from, "SQLite database file to copy")->required();
  cmd->add_option("--to", o->to, "postgresql://user@host:port/dbname of an empty database")
      ->required();
  cmd->add_option("--data-dir", o->data_dir,
                  "the PostgreSQL deployment's data directory: the appeal photos go to "
                  "<dir>/photos");
  cmd->add_option("--photo-dir", o->photo_dir,
                  "the source's appeal photos (default: <from>-photos)");
  cmd->callback([o] { copy(*o); });
}

}  // namespace warmcity::app
