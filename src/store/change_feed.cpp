#include "store/change_feed.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/time.h"

namespace warmcity::store {
namespace {

constexpr int64_t kKeepSeconds = 600;
constexpr auto kPruneEvery = std::chrono::seconds(60);
constexpr auto kSlice = std::chrono::milliseconds(100);  // how soon stop() is seen

struct Logged {
  int64_t version;
  int64_t item;
};

using Versions = std::map<std::string, int64_t, std::less<>>;

// Every topic's stored version.
Result<Versions> stored_versions(Connection& c) {
  Result<Statement> q = c.prepare("SELECT topic, version FROM change_versions");
  if (!q.ok()) return q.status();
  Versions out;
  while (true) {
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out[q->column_text(0)] = q->column_int64(1);
  }
}

}  // namespace

std::vector<Migration> change_feed_migrations() {
  return {{"store", 1, R"sql(
CREATE TABLE change_versions (
  topic TEXT PRIMARY KEY,
  version BIGINT NOT NULL
) {{without_rowid}};
CREATE TABLE change_log (
  topic TEXT NOT NULL,
  version BIGINT NOT NULL,
  item BIGINT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (topic, version)
) {{without_rowid}};
CREATE INDEX change_log_at ON change_log (at);
)sql"}};
}

Status record_change(Connection& c, std::string_view topic, int64_t item) {
  Result<Statement> bump = c.prepare(
      "INSERT INTO change_versions (topic, version) VALUES (?, 1) "
      "ON CONFLICT (topic) DO UPDATE SET version = change_versions.version + 1 "
      "RETURNING version");
  if (!bump.ok()) return bump.status();
  bump->bind(1, topic);
  Result<int64_t> version = bump->returning_id();
  if (!version.ok()) return version.status();
  Result<Statement> log =
      c.prepare("INSERT INTO change_log (topic, version, item, at) VALUES (?, ?, ?, ?)");
  if (!log.ok()) return log.status();
  log->bind(1, topic).bind(2, *version).bind(3, item).bind(4, core::now_unix());
  if (Status s = log->run(); !s.ok()) return s;
  // Delivered at COMMIT, once per transaction however many changes it holds.
  if (c.engine() == Engine::kPostgres) return c.exec(std::string("NOTIFY ") + kChangeChannel);
  return Status::Ok();
}

ChangeFeed::ChangeFeed(Database& db, std::chrono::milliseconds check_every)
    : db_(db), check_every_(check_every) {}

ChangeFeed::~ChangeFeed() { stop(); }

Status ChangeFeed::mark() {
  std::lock_guard<std::mutex> lock(check_mu_);
  Result<Versions> stored = stored_versions(db_.reader());
  if (!stored.ok()) return stored.status();
  seen_ = std::move(*stored);
  return Status::Ok();
}

void ChangeFeed::follow(std::string topic, Follower f) {
  followers_[std::move(topic)] = std::move(f);
}

Status ChangeFeed::start() {
  Result<std::unique_ptr<Notifications>> wake = db_.listen(kChangeChannel);
  if (!wake.ok()) return wake.status();
  wake_ = std::move(*wake);
  thread_ = std::thread([this] { run(); });
  return Status::Ok();
}

void ChangeFeed::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

uint64_t ChangeFeed::checks() const {
  std::lock_guard<std::mutex> lock(mu_);
  return checks_;
}

Status ChangeFeed::check_now() {
  std::lock_guard<std::mutex> lock(check_mu_);
  Connection& c = db_.reader();
  Result<Versions> stored = stored_versions(c);
  if (!stored.ok()) return stored.status();
  for (const auto& [topic, follower] : followers_) {
    auto now = stored->find(topic);
    const int64_t version = now == stored->end() ? 0 : now->second;
    int64_t& last = seen_[topic];
    if (version == last) continue;
    std::vector<int64_t> items;
    if (version < last) {
      items.push_back(0);  // the database was replaced under us
    } else {
      Result<Statement> q = c.prepare(
          "SELECT version, item FROM change_log WHERE topic = ? AND version > ? AND version <= ? "
          "ORDER BY version");
      if (!q.ok()) return q.status();
      q->bind(1, topic).bind(2, last).bind(3, version);
      Result<std::vector<Logged>> rows = collect<Logged>(*q, [](Statement& s) {
        return Logged{s.column_int64(0), s.column_int64(1)};
      });
      if (!rows.ok()) return rows.status();
      std::set<int64_t> taken;
      const bool whole = static_cast<int64_t>(rows->size()) == version - last;
      for (const Logged& r : *rows) {
        if (!whole || r.item == 0) {
          items.assign(1, 0);
          break;
        }
        if (taken.insert(r.item).second) items.push_back(r.item);
      }
      if (!whole) items.assign(1, 0);
    }
    if (Status s = follower(items); !s.ok()) return s;
    last = version;
  }
  std::lock_guard<std::mutex> counted(mu_);
  ++checks_;
  return Status::Ok();
}

void ChangeFeed::prune() {
  const int64_t before = core::now_unix() - kKeepSeconds;
  db_.submit(
      [before](Connection& c) {
        Result<Statement> d = c.prepare("DELETE FROM change_log WHERE at < ?");
        if (!d.ok()) return d.status();
        d->bind(1, before);
        return d->run();
      },
      [](const Status&) {});
}

void ChangeFeed::run() {
  auto next_prune = std::chrono::steady_clock::now() + kPruneEvery;
  while (true) {
    const auto until = std::chrono::steady_clock::now() + check_every_;
    while (true) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stopping_) return;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      if (wake_->wait(std::min<std::chrono::milliseconds>(left, kSlice))) break;
    }
    // A failed check (the database unreachable) is tried again at the next
    // wake-up; nothing is marked seen until it is read.
    (void)check_now();
    if (std::chrono::steady_clock::now() >= next_prune) {
      prune();
      next_prune = std::chrono::steady_clock::now() + kPruneEvery;
    }
  }
}

}  // namespace warmcity::store
