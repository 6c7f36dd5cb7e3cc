// The write-ahead log's checkpoints, on a thread of their own.
//
// SQLite's default copies the log back into the database file from the
// committing connection, once the log passes 1,000 pages: the writer thread
// then writes some 4 MB into the file and syncs it before it takes the next
// batch, and every request waiting in that batch's queue waits with it (the
// tail of every write route's latency). Here the writer's commit hook hands
// that work to this thread, which checkpoints PASSIVE on a connection of its
// own: SQLite lets a checkpoint run beside a writer (it copies the frames no
// reader needs; the writer goes on appending). The log starts over from its
// beginning when a write finds it all copied. If this thread falls far behind
// (kInlinePages), the writer checkpoints in its commit hook as SQLite's
// default would, so the log stays bounded under any load.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace warmcity::store {

class WalCheckpointer {
 public:
  static constexpr int kHandOffPages = 1000;  // SQLite's default autocheckpoint
  static constexpr int kInlinePages = 16000;  // ~64 MB of log: the writer does it itself

  explicit WalCheckpointer(std::string path) : path_(std::move(path)) {}
  ~WalCheckpointer() { stop(); }
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // After a commit, from the writer's thread: the log holds `pages`. Starts
  // the thread on its first need; wakes it when the log is past kHandOffPages.
  void committed(int pages);
  // Waits for a checkpoint under way, then stops the thread (a later
  // committed() starts it again). Before the writer's own last checkpoint.
  void stop();
  // Checkpoints this thread has run (each PASSIVE, whatever it could copy).
  int64_t checkpoints() const { return done_.load(); }

 private:
  void loop();

  const std::string path_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false;
  bool stopping_ = false;
  std::thread thread_;
  std::atomic<int64_t> done_{0};
};

}  // namespace warmcity::store
