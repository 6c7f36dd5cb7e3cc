// RateLimiter: token buckets by key (a client address, a client network),
// for writes that need no account (an anonymous appeal, an Open311 request,
// feedback): `per_minute` refill, up to `burst` at once. take() answers at
// once from memory; nothing is stored, so a restart forgets the buckets
// (a flood is a matter of seconds, not of days).
//
// Memory is bounded: beyond `max_keys` the buckets that have filled up again
// (whose clients have been quiet) are forgotten first, then the oldest.
// Thread-safe (16 shards, one mutex each). Written here because the only
// Debian candidates are whole frameworks; a token bucket is a few lines.
#pragma once

#include <array>
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace warmcity::http {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // REQUIRES: per_minute > 0, burst >= 1.
  RateLimiter(double per_minute, double burst, size_t max_keys = 100'000);

  // Takes one token for `key`: 0 when allowed, else the whole seconds (>= 1)
  // until one is there again (nothing is taken then).
  int take(std::string_view key, Clock::time_point now = Clock::now());

  double per_minute() const { return per_second_ * 60; }
  // Keys remembered now (for tests and metrics).
  size_t size();

 private:
  struct Bucket {
    double tokens;
    Clock::time_point at;
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::string, Bucket> buckets;
  };
  void make_room(Shard& shard, Clock::time_point now);

  double per_second_;
  double burst_;
  size_t max_per_shard_;
  std::array<Shard, 16> shards_;
};

}  // namespace warmcity::http
