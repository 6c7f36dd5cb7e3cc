// LiveIndex: the current Snapshot of the nearby index, changed by saves and
// folded in the background.
//
// Readers call current(): one atomic load, never a lock, never waiting for a
// writer. put() (the writer thread, after a commit) makes the next snapshot
// with the change in its overlay and swaps it in before returning, so the
// next query sees it. When the overlay reaches `fold_at` changes, put()
// starts one background thread that folds that snapshot into a new base
// (O(size), about a second for a million); when it is done, the changes made
// meanwhile are laid over the new base and that snapshot is swapped in.
// A mutex orders the writers (put and the fold's final swap) only.
//
// Lifetime: the destructor waits for a running fold.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "facilities/snapshot.h"

namespace warmcity::facilities {

class LiveIndex {
 public:
  static constexpr size_t kFoldAt = 1024;

  explicit LiveIndex(std::shared_ptr<const Snapshot> initial, size_t fold_at = kFoldAt);
  ~LiveIndex();
  LiveIndex(const LiveIndex&) = delete;
  LiveIndex& operator=(const LiveIndex&) = delete;

  std::shared_ptr<const Snapshot> current() const { return current_.load(); }
  // Replaces facility `id` by `entry`, or removes it (nullopt).
  void put(int64_t id, std::optional<Entry> entry);
  // Swaps in `next`, built whole (after an import), once no fold runs: a
  // fold finishing later would otherwise lay its stale base over it.
  void replace(std::shared_ptr<const Snapshot> next);
  // Waits until no fold runs (tests and benchmarks).
  void wait_for_fold();

 private:
  void fold(std::shared_ptr<const Snapshot> from);

  const size_t fold_at_;
  std::atomic<std::shared_ptr<const Snapshot>> current_;
  std::mutex mu_;  // orders writers; readers never take it
  std::condition_variable folded_;
  bool folding_ = false;  // guarded by mu_
  std::thread folder_;    // guarded by mu_
};

}  // namespace warmcity::facilities
