#include "store/sqlite/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>

#include "store/sqlite/sqlite_connection.h"

namespace warmcity::store {
namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, CloseDb>;

Status errno_status(const std::string& what) {
  return Status::Internal(what + ": " + std::strerror(errno));
}

Status fsync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return errno_status("open " + path + " to sync it");
  const int rc = ::fsync(fd);
  Status s = rc == 0 ? Status::Ok() : errno_status("fsync " + path);
  ::close(fd);
  return s;
}

// Copies every page in one backup step: one read transaction on the source,
// so the copy is a single consistent moment. BUSY/LOCKED (e.g. WAL recovery)
// is retried until the busy timeout runs out.
Status copy_pages(sqlite3* dest, sqlite3* source, int busy_timeout_ms) {
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source, "main");
  if (backup == nullptr) return sqlite_status(sqlite3_errcode(dest), dest, "backup init");
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  int rc;
  while (true) {
    rc = sqlite3_backup_step(backup, -1);
    if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) ||
        std::chrono::steady_clock::now() >= deadline) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const int finish_rc = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return sqlite_status(rc, nullptr, "backup step");
  return sqlite_status(finish_rc, dest, "backup finish");
}

Status integrity_check(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
  if (rc != SQLITE_OK) return sqlite_status(rc, db, "integrity_check");
  rc = sqlite3_step(stmt);
  std::string verdict;
  if (rc == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    verdict = text != nullptr ? text : "";
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW) return sqlite_status(rc, db, "integrity_check");
  if (verdict != "ok") return Status::Internal("backup copy fails integrity_check: " + verdict);
  return Status::Ok();
}

Status write_copy(const std::string& source, const std::string& tmp, int busy_timeout_ms) {
  Result<std::unique_ptr<Connection>> src =
      open_sqlite(source, Connection::Mode::kReadOnly, busy_timeout_ms);
  if (!src.ok()) return src.status();

  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(
      tmp.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle dest(raw);
  if (rc != SQLITE_OK) return sqlite_status(rc, raw, "open " + tmp);
  Status s = copy_pages(dest.get(), sqlite_handle(**src), busy_timeout_ms);
  if (s.ok()) s = integrity_check(dest.get());
  if (!s.ok()) return s;
  const int close_rc = sqlite3_close(dest.release());
  if (close_rc != SQLITE_OK) return sqlite_status(close_rc, nullptr, "close " + tmp);
  return fsync_path(tmp, O_RDONLY);
}

}  // namespace

Status online_backup(const std::string& source, const std::string& file, int busy_timeout_ms) {
  namespace fs = std::filesystem;
  if (file.empty()) return Status::InvalidArgument("backup: no target file given");
  fs::path dir = fs::path(file).parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::InvalidArgument("backup: directory " + dir.string() + " of " + file +
                                   " does not exist");
  }
  const std::string tmp = file + ".tmp";
  fs::remove(tmp, ec);  // a leftover of an interrupted backup
  Status s = write_copy(source, tmp, busy_timeout_ms);
  if (s.ok() && std::rename(tmp.c_str(), file.c_str()) != 0) {
    s = errno_status("rename " + tmp + " to " + file);
  }
  if (!s.ok()) {
    fs::remove(tmp, ec);
    return s;
  }
  return sync_directory(dir.string());
}

Status sync_directory(const std::string& dir) { return fsync_path(dir, O_RDONLY | O_DIRECTORY); }

}  // namespace warmcity::store
