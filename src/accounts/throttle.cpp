#include "accounts/throttle.h"

#include <algorithm>

namespace warmcity::accounts {

FailureCounter::FailureCounter(int max_failures, int64_t window_seconds)
    : max_(static_cast<size_t>(std::max(1, max_failures))),
      window_(std::max<int64_t>(1, window_seconds)) {}

int64_t FailureCounter::retry_after(std::string_view key, int64_t now) const {
  std::lock_guard lock(mu_);
  auto it = failures_.find(std::string(key));
  if (it == failures_.end()) return 0;
  const std::deque<int64_t>& times = it->second;
  size_t recent = static_cast<size_t>(
      std::count_if(times.begin(), times.end(), [&](int64_t t) { return t > now - window_; }));
  if (recent < max_) return 0;
  // The deque holds at most max_ times, oldest first; all are recent here.
  return std::max<int64_t>(1, times.front() + window_ - now);
}

std::deque<int64_t>& FailureCounter::recent_failures(std::string_view key, int64_t now) {
  if (failures_.size() >= next_sweep_) {
    sweep(now);
    next_sweep_ = std::max(kSweepThreshold, 2 * failures_.size());
  }
  std::deque<int64_t>& times = failures_[std::string(key)];
  while (!times.empty() && times.front() <= now - window_) times.pop_front();
  return times;
}

void FailureCounter::record_failure(std::string_view key, int64_t now) {
  std::lock_guard lock(mu_);
  std::deque<int64_t>& times = recent_failures(key, now);
  times.push_back(now);
  while (times.size() > max_) times.pop_front();
}

int64_t FailureCounter::try_count(std::string_view key, int64_t now) {
  std::lock_guard lock(mu_);
  std::deque<int64_t>& times = recent_failures(key, now);
  if (times.size() >= max_) return std::max<int64_t>(1, times.front() + window_ - now);
  times.push_back(now);
  return 0;
}

void FailureCounter::forgive_latest(std::string_view key) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(std::string(key));
  if (it == failures_.end()) return;
  if (!it->second.empty()) it->second.pop_back();
  if (it->second.empty()) failures_.erase(it);
}

void FailureCounter::clear(std::string_view key) {
  std::lock_guard lock(mu_);
  failures_.erase(std::string(key));
}

size_t FailureCounter::size() const {
  std::lock_guard lock(mu_);
  return failures_.size();
}

void FailureCounter::sweep(int64_t now) {
  for (auto it = failures_.begin(); it != failures_.end();) {
    if (it->second.empty() || it->second.back() <= now - window_) {
      it = failures_.erase(it);
    } else {
      ++it;
    }
  }
}

LoginThrottle::LoginThrottle(int max_per_account, int max_per_address, int64_t window_seconds)
    : accounts_(max_per_account, window_seconds), addresses_(max_per_address, window_seconds) {}

int64_t LoginThrottle::begin_attempt(std::string_view account, std::string_view address,
                                     int64_t now) {
  if (int64_t wait = accounts_.try_count(account, now)) return wait;
  if (int64_t wait = addresses_.try_count(address, now)) {
    accounts_.forgive_latest(account);
    return wait;
  }
  return 0;
}

void LoginThrottle::record_success(std::string_view account, std::string_view address) {
  accounts_.clear(account);
  addresses_.forgive_latest(address);
}

}  // namespace warmcity::accounts
