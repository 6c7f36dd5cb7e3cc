#include "store/sqlite/wal_checkpointer.h"

#include <sqlite3.h>

namespace warmcity::store {

void WalCheckpointer::committed(int pages) {
  if (pages < kHandOffPages) return;
  std::lock_guard lock(mu_);
  if (stopping_) return;
  if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
  wanted_ = true;
  cv_.notify_one();
}

void WalCheckpointer::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    cv_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mu_);
  thread_ = std::thread();
  stopping_ = false;
  wanted_ = false;
}

void WalCheckpointer::loop() {
  sqlite3* db = nullptr;
  // Its own handle: a checkpoint needs no lock the writer holds. A failure to
  // open leaves the work to the writer's hook (kInlinePages) and SQLite.
  if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    sqlite3_close_v2(db);
    return;
  }
  sqlite3_busy_timeout(db, 1000);
  // A handle opens the file, and sees it is in WAL mode, on its first read.
  (void)sqlite3_exec(db, "PRAGMA schema_version", nullptr, nullptr, nullptr);
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return wanted_ || stopping_; });
    if (stopping_) break;
    wanted_ = false;
    lock.unlock();
    // Busy (another checkpoint, a backup) or an I/O error: the next commit
    // past the mark asks again.
    (void)sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    done_.fetch_add(1);
    lock.lock();
  }
  lock.unlock();
  sqlite3_close_v2(db);
}

}  // namespace warmcity::store
