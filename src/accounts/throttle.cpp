#include "accounts/throttle.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "core/net_address.h"

namespace warmcity::accounts {

namespace {

// The wait after the failure that was `over` past the free ones (0 for the
// one that reached the threshold): first, doubling, at most max.
int64_t delay_ms(const LoginLimits& limits, int64_t over) {
  int64_t max = std::max<int64_t>(1, limits.max_delay_ms);
  int64_t d = std::min(max, std::max<int64_t>(1, limits.first_delay_ms));
  for (int64_t i = 0; i < over && d < max; ++i) d = std::min(max, d * 2);
  return d;
}

// One key's state to write: present → upsert, absent → delete.
struct KeyState {
  std::string key;
  bool present = false;
  int64_t failures = 0;
  int64_t last_at_ms = 0;
  int64_t blocked_until_ms = 0;
};

Status write_state(store::Connection& conn, const KeyState& k) {
  if (!k.present) {
    auto del = conn.prepare("DELETE FROM login_failures WHERE key = ?");
    if (!del.ok()) return del.status();
    return del->bind(1, k.key).run();
  }
  auto up = conn.prepare(
      "INSERT INTO login_failures (key, failures, last_at_ms, blocked_until_ms) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
      "last_at_ms = excluded.last_at_ms, blocked_until_ms = excluded.blocked_until_ms");
  if (!up.ok()) return up.status();
  return up->bind(1, k.key)
      .bind(2, k.failures)
      .bind(3, k.last_at_ms)
      .bind(4, k.blocked_until_ms)
      .run();
}

// Deletes the rows stale at `now_ms` (see LoginThrottle::stale).
Status prune(store::Connection& conn, int64_t now_ms, int64_t forget_ms) {
  auto del =
      conn.prepare("DELETE FROM login_failures WHERE last_at_ms <= ?1 AND blocked_until_ms <= ?2");
  if (!del.ok()) return del.status();
  return del->bind(1, now_ms - forget_ms).bind(2, now_ms).run();
}

void log_failed_write(const Status& s) {
  if (!s.ok()) spdlog::warn("login throttle counts were not stored: {}", s.message());
}

}  // namespace

LoginThrottle::LoginThrottle(store::Database* db, const LoginLimits& limits, int64_t now_ms)
    : db_(db), limits_(limits) {
  if (db_) load(now_ms);
}

std::string LoginThrottle::pair_key(std::string_view account, std::string_view address) {
  // An address has no space; the account, last, may hold anything.
  std::string key = "a ";
  key.append(address).append(" ").append(account);
  return key;
}

std::string LoginThrottle::network_key(std::string_view address) {
  std::optional<std::string> net = core::network_of(address);
  return "n " + (net ? *net : std::string(address));
}

bool LoginThrottle::stale(const Entry& e, int64_t now_ms) const {
  return now_ms >= e.last_at_ms + limits_.forget_after_seconds * 1000 &&
         now_ms >= e.blocked_until_ms;
}

LoginThrottle::Entry* LoginThrottle::live(const std::string& key, int64_t now_ms) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  if (stale(it->second, now_ms)) {
    entries_.erase(it);
    return nullptr;
  }
  return &it->second;
}

void LoginThrottle::count(const std::string& key, int free, int64_t now_ms) {
  Entry* e = live(key, now_ms);
  if (!e) e = &entries_[key];
  e->failures += 1;
  e->last_at_ms = now_ms;
  int64_t over = e->failures - std::max(1, free);
  e->blocked_until_ms = over >= 0 ? now_ms + delay_ms(limits_, over) : 0;
}

void LoginThrottle::take_back(const std::string& key, int free) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  Entry& e = it->second;
  e.failures -= 1;
  if (e.failures <= 0) {
    entries_.erase(it);
    return;
  }
  int64_t over = e.failures - std::max(1, free);
  e.blocked_until_ms = over >= 0 ? e.last_at_ms + delay_ms(limits_, over) : 0;
}

void LoginThrottle::sweep_if_grown(int64_t now_ms) {
  if (entries_.size() < next_sweep_) return;
  std::erase_if(entries_, [&](const auto& kv) { return stale(kv.second, now_ms); });
  next_sweep_ = std::max(kSweepThreshold, 2 * entries_.size());
}

int64_t LoginThrottle::begin_attempt(std::string_view account, std::string_view address,
                                     int64_t now_ms) {
  std::string pair = pair_key(account, address);
  std::string network = network_key(address);
  std::lock_guard lock(mu_);
  sweep_if_grown(now_ms);
  int64_t until = 0;
  if (const Entry* e = live(pair, now_ms)) until = std::max(until, e->blocked_until_ms);
  if (const Entry* e = live(network, now_ms)) until = std::max(until, e->blocked_until_ms);
  if (until > now_ms) return (until - now_ms + 999) / 1000;
  count(pair, limits_.free_failures_per_address, now_ms);
  count(network, limits_.free_failures_per_network, now_ms);
  return 0;
}

void LoginThrottle::record_failure(std::string_view account, std::string_view address,
                                   int64_t now_ms) {
  std::string pair = pair_key(account, address);
  std::string network = network_key(address);
  std::lock_guard lock(mu_);
  persist(pair, network, now_ms);
}

void LoginThrottle::record_success(std::string_view account, std::string_view address,
                                   int64_t now_ms) {
  std::string pair = pair_key(account, address);
  std::string network = network_key(address);
  std::lock_guard lock(mu_);
  entries_.erase(pair);
  take_back(network, limits_.free_failures_per_network);
  persist(pair, network, now_ms);
}

void LoginThrottle::abandon_attempt(std::string_view account, std::string_view address,
                                    int64_t now_ms) {
  std::string pair = pair_key(account, address);
  std::string network = network_key(address);
  std::lock_guard lock(mu_);
  take_back(pair, limits_.free_failures_per_address);
  take_back(network, limits_.free_failures_per_network);
  persist(pair, network, now_ms);
}

size_t LoginThrottle::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

void LoginThrottle::persist(const std::string& pair, const std::string& network, int64_t now_ms) {
  if (!db_) return;
  std::vector<KeyState> states;
  for (const std::string* key : {&pair, &network}) {
    KeyState k{*key};
    if (auto it = entries_.find(*key); it != entries_.end()) {
      k.present = true;
      k.failures = it->second.failures;
      k.last_at_ms = it->second.last_at_ms;
      k.blocked_until_ms = it->second.blocked_until_ms;
    }
    states.push_back(std::move(k));
  }
  bool prune_now = now_ms - last_prune_ms_ >= kPruneEveryMs;
  if (prune_now) last_prune_ms_ = now_ms;
  int64_t forget_ms = limits_.forget_after_seconds * 1000;
  // Submitted under mu_: jobs run in submission order, so the table sees one
  // key's states in the order they happened. The callback takes no lock.
  db_->submit(
      [states = std::move(states), prune_now, now_ms,
       forget_ms](store::Connection& conn) -> Status {
        for (const KeyState& k : states) {
          if (Status s = write_state(conn, k); !s.ok()) return s;
        }
        return prune_now ? prune(conn, now_ms, forget_ms) : Status::Ok();
      },
      log_failed_write);
}

void LoginThrottle::load(int64_t now_ms) {
  int64_t forget_ms = limits_.forget_after_seconds * 1000;
  auto st = db_->reader().prepare(
      "SELECT key, failures, last_at_ms, blocked_until_ms FROM login_failures "
      "WHERE last_at_ms > ?1 OR blocked_until_ms > ?2");
  if (!st.ok()) {
    spdlog::error("login throttle counts could not be read: {}", st.status().message());
    return;
  }
  st->bind(1, now_ms - forget_ms).bind(2, now_ms);
  std::lock_guard lock(mu_);
  for (;;) {
    Result<bool> row = st->step();
    if (!row.ok()) {
      spdlog::error("login throttle counts could not be read: {}", row.status().message());
      break;
    }
    if (!*row) break;
    entries_[st->column_text(0)] =
        Entry{st->column_int64(1), st->column_int64(2), st->column_int64(3)};
  }
  next_sweep_ = std::max(kSweepThreshold, 2 * entries_.size());
  last_prune_ms_ = now_ms;
  db_->submit([now_ms, forget_ms](
                  store::Connection& conn) -> Status { return prune(conn, now_ms, forget_ms); },
              log_failed_write);
}

}  // namespace warmcity::accounts
