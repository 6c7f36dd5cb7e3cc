// FileLock: "one process at a time" for a database file, so that a restore
// never swaps the file under a running server and two servers never share one
// SQLite file.
//
// Holds an exclusive flock(2) on a sidecar file "<db>.lock" (created if
// missing, never removed: removing it would let two holders lock two
// different files). flock is separate from SQLite's own POSIX locks, and the
// sidecar is never opened by SQLite, so closing it cannot drop SQLite's locks.
// The kernel releases the lock when the process ends, however it ends.
//
//   Result<FileLock> lock = FileLock::acquire(db_path);   // kUnavailable if held
//
// Not a lock between threads of one process (flock is per open file).
#pragma once

#include <string>

#include "core/status.h"

namespace warmcity::store {

class FileLock {
 public:
  // kUnavailable naming the database when another process holds the lock, or
  // when the sidecar cannot be created (e.g. a read-only directory).
  static Result<FileLock> acquire(const std::string& db_path);

  FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

  static std::string sidecar_of(const std::string& db_path) { return db_path + ".lock"; }

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace warmcity::store
