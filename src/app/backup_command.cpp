// `warmcity backup` and `warmcity restore`: a consistent copy of the database
// and its appeal photos while the server runs, and putting one back in place
// of a stopped server's database (see backup_set.h for the files).
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/application.h"
#include "app/backup_set.h"
#include "app/commands.h"
#include "core/time.h"
#include "store/file_lock.h"

namespace warmcity::app {

namespace {

struct BackupOptions {
  std::string db = "var/warmcity.db";
  std::string photo_dir;  // "" = beside the database
  std::string to;
  std::string into;
  int keep = 14;
};

std::string photo_dir_of(const std::string& db, const std::string& photo_dir) {
  return photo_dir.empty() ? db + "-photos" : photo_dir;
}

// Backup sets are SQLite files; PostgreSQL has its own tools.
void refuse_postgres(const std::string& db) {
  if (!store::names_postgres(db)) return;
  throw CommandFailed(
      "backup and restore work on a SQLite file; back up a PostgreSQL database with pg_dump or "
      "pg_basebackup and the data directory's photos with the file system (docs/operations.md)");
}

void backup(const BackupOptions& o) {
  refuse_postgres(o.db);
  AppConfig config;
  config.db_path = o.db;
  config.photo_dir = o.photo_dir;
  auto app = open_for_command(config);
  std::string file = o.to;
  if (!o.into.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(o.into, ec);
    if (ec) throw CommandFailed("cannot create " + o.into + ": " + ec.message());
    file = (std::filesystem::path(o.into) / (backup_set_name(o.into, core::now_unix()) + ".db"))
               .string();
  }
  if (Status s = app->db().backup_to(file); !s.ok()) throw CommandFailed(s);
  int photos = 0;
  if (Status s = add_photos(photo_dir_of(o.db, o.photo_dir), photos_of(file), &photos); !s.ok()) {
    throw CommandFailed(s);
  }
  std::cout << "backup written to " << file << " (" << photos << " photos added to "
            << photos_of(file) << ")\n";
  if (!o.into.empty()) {
    for (const std::string& old : prune_backup_sets(o.into, o.keep)) {
      std::cout << "removed the older backup " << old << "\n";
    }
  }
}

void restore(const BackupOptions& o, const std::string& from) {
  refuse_postgres(o.db);
  Result<store::FileLock> lock = store::FileLock::acquire(o.db);
  if (!lock.ok()) throw CommandFailed(lock.status());
  Result<std::string> staged = stage_restore(from, o.db);
  if (!staged.ok()) throw CommandFailed(staged.status());
  {  // The copy must open as this version's database (migrations applied,
     // a copy from a newer version refused) before it replaces anything.
    AppConfig config;
    config.db_path = *staged;
    config.photo_dir = photo_dir_of(o.db, o.photo_dir);
    try {
      auto app = open_for_command(config);
      app->db().stop();
    } catch (const CommandFailed& e) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::remove((*staged + suffix).c_str());
      throw CommandFailed(from + " cannot be opened by this warmcity: " + e.what());
    }
  }
  Result<std::string> kept = swap_in_restore(*staged, o.db, core::now_unix());
  if (!kept.ok()) throw CommandFailed(kept.status());
  int photos = 0;
  Status s = add_photos(photos_of(from), photo_dir_of(o.db, o.photo_dir), &photos);
  if (!s.ok()) throw CommandFailed(s);
  std::cout << "restored " << o.db << " from " << from << " (" << photos << " photos added)\n";
  if (!kept->empty()) std::cout << "the database it replaced is kept as " << *kept << "\n";
}

}  // namespace

void add_backup_command(CLI::App& cli) {
  auto o = std::make_shared<BackupOptions>();
  CLI::App* cmd = cli.add_subcommand(
      "backup", "copy the database and its appeal photos consistently, also while the server runs");
  cmd->add_option("--db", o->db, "SQLite database file")->capture_default_str();
  cmd->add_option("--photo-dir", o->photo_dir, "appeal photos (default: <db>-photos)");
  CLI::Option* to = cmd->add_option("--to", o->to, "file to write (photos go to <file>-photos)");
  CLI::Option* into =
      cmd->add_option("--into", o->into,
                      "directory for a dated backup set warmcity-YYYYMMDD-HHMMSS.db (+ -photos)");
  to->excludes(into);
  cmd->add_option("--keep", o->keep, "with --into: keep the newest N sets, remove older ones")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  cmd->callback([o, to, into] {
    if (to->count() == 0 && into->count() == 0) throw CommandFailed("give --to FILE or --into DIR");
    backup(*o);
  });
}

void add_restore_command(CLI::App& cli) {
  auto o = std::make_shared<BackupOptions>();
  auto from = std::make_shared<std::string>();
  CLI::App* cmd = cli.add_subcommand(
      "restore", "put a backup in place of the database (the server must be stopped)");
  cmd->add_option("--from", *from, "backup file written by `warmcity backup`")->required();
  cmd->add_option("--db", o->db, "SQLite database file to replace")->capture_default_str();
  cmd->add_option("--photo-dir", o->photo_dir, "appeal photos (default: <db>-photos)");
  cmd->callback([o, from] { restore(*o, *from); });
}

}  // namespace warmcity::app
