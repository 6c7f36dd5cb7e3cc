#include "facilities/live_index.h"

#include <utility>

namespace warmcity::facilities {

LiveIndex::LiveIndex(std::shared_ptr<const Snapshot> initial, size_t fold_at)
    : fold_at_(fold_at), current_(std::move(initial)) {}

LiveIndex::~LiveIndex() {
  wait_for_fold();
  std::lock_guard lock(mu_);
  if (folder_.joinable()) folder_.join();
}

void LiveIndex::put(int64_t id, std::optional<Entry> entry) {
  std::lock_guard lock(mu_);
  std::shared_ptr<const Snapshot> next = current_.load()->with(id, std::move(entry));
  current_.store(next);
  if (folding_ || next->overlay_size() < fold_at_) return;
  folding_ = true;
  if (folder_.joinable()) folder_.join();  // the last fold is past its swap
  folder_ = std::thread([this, next] { fold(next); });
}

void LiveIndex::fold(std::shared_ptr<const Snapshot> from) {
  std::shared_ptr<const Snapshot> base = from->folded();
  std::lock_guard lock(mu_);
  current_.store(current_.load()->rebased_onto(*base, from->changes()));
  folding_ = false;
  folded_.notify_all();
}

void LiveIndex::replace(std::shared_ptr<const Snapshot> next) {
  std::unique_lock lock(mu_);
  folded_.wait(lock, [this] { return !folding_; });
  current_.store(std::move(next));
}

void LiveIndex::wait_for_fold() {
  std::unique_lock lock(mu_);
  folded_.wait(lock, [this] { return !folding_; });
}

}  // namespace warmcity::facilities
