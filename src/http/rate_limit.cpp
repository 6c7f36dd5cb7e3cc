#include "http/rate_limit.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace warmcity::http {

RateLimiter::RateLimiter(double per_minute, double burst, size_t max_keys)
    : per_second_(per_minute / 60),
      burst_(burst),
      max_per_shard_(std::max<size_t>(1, max_keys / 16)) {}

int RateLimiter::take(std::string_view key, Clock::time_point now) {
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % shards_.size()];
  std::lock_guard lock(shard.mu);
  auto it = shard.buckets.find(std::string(key));
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= max_per_shard_) make_room(shard, now);
    it = shard.buckets.emplace(std::string(key), Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  const double elapsed = std::chrono::duration<double>(now - b.at).count();
  b.tokens = std::min(burst_, b.tokens + std::max(0.0, elapsed) * per_second_);
  b.at = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / per_second_)));
}

size_t RateLimiter::size() {
  size_t n = 0;
  for (Shard& shard : shards_) {
    std::lock_guard lock(shard.mu);
    n += shard.buckets.size();
  }
  return n;
}

void RateLimiter::make_room(Shard& shard, Clock::time_point now) {
  const auto refill = std::chrono::duration<double>(burst_ / per_second_);
  std::erase_if(shard.buckets, [&](const auto& kv) { return now - kv.second.at >= refill; });
  if (shard.buckets.size() < max_per_shard_) return;
  // Everyone is recent: forget the older half.
  std::vector<Clock::time_point> ats;
  ats.reserve(shard.buckets.size());
  for (const auto& kv : shard.buckets) ats.push_back(kv.second.at);
  auto mid = ats.begin() + static_cast<std::ptrdiff_t>(ats.size() / 2);
  std::nth_element(ats.begin(), mid, ats.end());
  const Clock::time_point cut = *mid;
  std::erase_if(shard.buckets, [&](const auto& kv) { return kv.second.at <= cut; });
}

}  // namespace warmcity::http
