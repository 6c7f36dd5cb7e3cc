// Backup sets and restoring one: what `warmcity backup --into` and
// `warmcity restore` do with files (the commands are in backup_command.cpp).
//
// A backup set is two things named by the moment it was taken:
//   DIR/warmcity-20261204-033000.db        SQLite's online backup (store/sqlite/backup.h)
//   DIR/warmcity-20261204-033000-photos/   the appeal photos (content-named, never
//                                          changed once written: hard links when the
//                                          directory is on the same file system)
// The database is copied first, then the photos: a photo is on disk before the
// appeal naming it commits, so every photo the copy names is in the set.
// Only names of this exact form are ever pruned; nothing else in DIR is touched.
//
// Restoring puts a copy in place of a stopped server's database: the copy is
// first checked (integrity) into "<db>.restoring", the current file is kept as
// "<db>.before-restore-<stamp>" (its WAL checkpointed into it first), then the
// copy is renamed into place; photos of the set missing from the photo
// directory are added (none removed). The caller holds the database's
// store::FileLock and checks the copy's schema between the two steps.
//
// Blocking file I/O; for the command line, not the server.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace warmcity::app {

// "warmcity-YYYYMMDD-HHMMSS" for the local time `unix`, with "-2", "-3", …
// appended while DIR already has a set of that name.
std::string backup_set_name(const std::string& dir, int64_t unix);

// The photos directory that goes with a backup file: "X.db" → "X-photos".
std::string photos_of(const std::string& backup_file);

// Links (or, across file systems, copies) every regular file of `from` that
// `to` lacks into `to`, creating `to`; *added counts them. A missing `from`
// adds nothing.
Status add_photos(const std::string& from, const std::string& to, int* added);

// Removes the oldest sets in `dir` beyond the newest `keep` (keep >= 1);
// returns the database files removed.
std::vector<std::string> prune_backup_sets(const std::string& dir, int keep);

// Step 1 of a restore: the checked copy of `from` at "<db>.restoring".
Result<std::string> stage_restore(const std::string& from, const std::string& db);
// Step 2: keeps the current database (if any) as "<db>.before-restore-<stamp>"
// and renames the staged copy into place; returns the kept file's name ("" if
// there was none).
Result<std::string> swap_in_restore(const std::string& staged, const std::string& db, int64_t unix);

}  // namespace warmcity::app
