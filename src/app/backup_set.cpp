#include "app/backup_set.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string_view>
#include <tuple>

#include "store/sqlite/backup.h"
#include "store/sqlite/sqlite_connection.h"

namespace warmcity::app {

namespace fs = std::filesystem;

namespace {

constexpr int kBusyTimeoutMs = 10'000;

std::string stamp(int64_t unix) {
  const std::time_t t = static_cast<std::time_t>(unix);
  std::tm local{};
  localtime_r(&t, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &local);
  return text;
}

Status errno_status(const std::string& what) {
  return Status::Internal(what + ": " + std::strerror(errno));
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// warmcity-YYYYMMDD-HHMMSS.db or warmcity-YYYYMMDD-HHMMSS-N.db, nothing else.
bool is_set_name(std::string_view name) {
  constexpr std::string_view kPrefix = "warmcity-", kSuffix = ".db";
  if (name.size() < kPrefix.size() + 15 + kSuffix.size() || !name.starts_with(kPrefix) ||
      !name.ends_with(kSuffix)) {
    return false;
  }
  const std::string_view stamp = name.substr(kPrefix.size(), name.size() - kPrefix.size() - 3);
  if (!all_digits(stamp.substr(0, 8)) || stamp[8] != '-' || !all_digits(stamp.substr(9, 6))) {
    return false;
  }
  return stamp.size() == 15 || (stamp[15] == '-' && all_digits(stamp.substr(16)));
}

std::string dir_of(const std::string& file) {
  const fs::path dir = fs::path(file).parent_path();
  return dir.empty() ? "." : dir.string();
}

}  // namespace

std::string backup_set_name(const std::string& dir, int64_t unix) {
  const std::string base = "warmcity-" + stamp(unix);
  std::string name = base;
  for (int n = 2; fs::exists(fs::path(dir) / (name + ".db")); ++n) {
    name = base + "-" + std::to_string(n);
  }
  return name;
}

std::string photos_of(const std::string& backup_file) {
  std::string base = backup_file;
  if (base.size() > 3 && base.compare(base.size() - 3, 3, ".db") == 0) base.resize(base.size() - 3);
  return base + "-photos";
}

Status add_photos(const std::string& from, const std::string& to, int* added) {
  *added = 0;
  std::error_code ec;
  if (!fs::is_directory(from, ec)) return Status::Ok();
  fs::create_directories(to, ec);
  if (ec) return Status::Internal("cannot create " + to + ": " + ec.message());
  for (const fs::directory_entry& entry : fs::directory_iterator(from, ec)) {
    if (!entry.is_regular_file()) continue;
    const fs::path target = fs::path(to) / entry.path().filename();
    if (fs::exists(target)) continue;
    fs::create_hard_link(entry.path(), target, ec);
    if (ec) {  // another file system (or no links there): copy
      ec.clear();
      fs::copy_file(entry.path(), target, ec);
      if (ec) return Status::Internal("cannot copy " + entry.path().string() + ": " + ec.message());
    }
    ++*added;
  }
  if (ec) return Status::Internal("cannot list " + from + ": " + ec.message());
  return store::sync_directory(to);
}

std::vector<std::string> prune_backup_sets(const std::string& dir, int keep) {
  std::vector<fs::path> sets;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && is_set_name(entry.path().filename().string())) {
      sets.push_back(entry.path());
    }
  }
  // Oldest first: the stamp sorts by time, then "-2" < "-3" < … < "-10".
  std::sort(sets.begin(), sets.end(), [](const fs::path& a, const fs::path& b) {
    const std::string x = a.stem().string(), y = b.stem().string();
    return std::make_tuple(x.substr(0, 24), x.size(), x) <
           std::make_tuple(y.substr(0, 24), y.size(), y);
  });
  std::vector<std::string> removed;
  for (size_t i = 0; i + static_cast<size_t>(std::max(keep, 1)) < sets.size(); ++i) {
    fs::remove_all(photos_of(sets[i].string()), ec);
    if (fs::remove(sets[i], ec)) removed.push_back(sets[i].string());
  }
  return removed;
}

Result<std::string> stage_restore(const std::string& from, const std::string& db) {
  std::error_code ec;
  if (!fs::is_regular_file(from, ec)) return Status::NotFound("no backup file " + from);
  const std::string staged = db + ".restoring";
  // The online backup reads `from` in one transaction and checks the result
  // (PRAGMA integrity_check) before it gets the staged name.
  if (Status s = store::online_backup(from, staged, kBusyTimeoutMs); !s.ok()) {
    return Status::Unprocessable(from + " is not a usable warmcity backup: " + s.message());
  }
  return staged;
}

Result<std::string> swap_in_restore(const std::string& staged, const std::string& db,
                                    int64_t unix) {
  std::error_code ec;
  std::string kept;
  if (fs::exists(db, ec)) {
    {  // fold the WAL into the file, so that the kept file alone is complete
      auto conn = store::open_sqlite(db, store::Connection::Mode::kReadWrite, kBusyTimeoutMs);
      if (!conn.ok()) return conn.status();
      if (Status s = (*conn)->exec("PRAGMA wal_checkpoint(TRUNCATE)"); !s.ok()) return s;
    }
    kept = db + ".before-restore-" + stamp(unix);
    if (std::rename(db.c_str(), kept.c_str()) != 0) return errno_status("rename " + db);
  }
  fs::remove(db + "-wal", ec);  // empty after the checkpoint; would belong to the old file
  fs::remove(db + "-shm", ec);
  if (std::rename(staged.c_str(), db.c_str()) != 0) {
    const Status s = errno_status("rename " + staged + " to " + db);
    if (!kept.empty()) std::rename(kept.c_str(), db.c_str());  // put the old one back
    return s;
  }
  if (Status s = store::sync_directory(dir_of(db)); !s.ok()) return s;
  return kept;
}

}  // namespace warmcity::app
