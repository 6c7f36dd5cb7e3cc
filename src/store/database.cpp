#include "store/database.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <unordered_map>
#include <utility>

#include "store/backend.h"
#include "store/change_feed.h"
#include "store/migrations.h"
#include "store/writer.h"

namespace warmcity::store {
namespace {

// Database ids are never reused, unlike addresses: a thread's cached reader
// can never be mistaken for one of a later Database at the same address.
std::atomic<uint64_t> g_next_id{1};

struct ReaderSlot {
  std::weak_ptr<const int> alive;  // expires when its Database is destroyed
  std::unique_ptr<Connection> conn;
};

// Each thread's read connections, closed when the thread exits.
struct ThreadReaders {
  std::unordered_map<uint64_t, ReaderSlot> by_db;
  // Handed out while a read connection cannot be opened; it answers every
  // exec/prepare with the reason. Kept for the thread's life so a reference
  // to it never dangles.
  std::unique_ptr<BrokenConnection> broken;
};
thread_local ThreadReaders t_readers;

}  // namespace

struct Database::Impl {
  std::unique_ptr<Backend> backend;
  const uint64_t id = g_next_id.fetch_add(1);
  const std::shared_ptr<const int> alive = std::make_shared<const int>(0);
  std::unique_ptr<Writer> writer;
};

Database::Database(const Options& options) : options_(options), impl_(std::make_unique<Impl>()) {}

Database::~Database() { stop(); }

Result<std::unique_ptr<Database>> Database::open(const Options& options,
                                                 const std::vector<Migration>& migrations) {
  Result<std::unique_ptr<Backend>> backend = make_backend(options);
  if (!backend.ok()) return backend.status();
  Result<std::unique_ptr<Connection>> conn = (*backend)->connect(Connection::Mode::kReadWrite);
  if (!conn.ok()) return conn.status();
  // The store's own tables (the change feed's, module "store") come first,
  // unless the list names them or is empty (it then applies nothing).
  std::vector<Migration> all;
  const bool listed = std::any_of(migrations.begin(), migrations.end(),
                                  [](const Migration& m) { return m.module == "store"; });
  if (!migrations.empty() && !listed) all = change_feed_migrations();
  all.insert(all.end(), migrations.begin(), migrations.end());
  Status s = apply_migrations(**conn, all);
  if (!s.ok()) return Status::Internal((*backend)->describe() + ": " + s.message());
  std::unique_ptr<Database> db(new Database(options));
  db->impl_->backend = std::move(*backend);
  const size_t batch = std::min(options.max_batch, db->impl_->backend->max_batch());
  db->impl_->writer = std::make_unique<Writer>(std::move(*conn), batch);
  return db;
}

Connection& Database::reader() {
  ThreadReaders& mine = t_readers;
  auto it = mine.by_db.find(impl_->id);
  if (it != mine.by_db.end()) return *it->second.conn;

  std::erase_if(mine.by_db, [](const auto& entry) { return entry.second.alive.expired(); });
  Result<std::unique_ptr<Connection>> conn = impl_->backend->connect(Connection::Mode::kReadOnly);
  if (!conn.ok()) {
    if (!mine.broken) {
      mine.broken = std::make_unique<BrokenConnection>(impl_->backend->engine(), conn.status());
    }
    mine.broken->set_reason(conn.status());
    return *mine.broken;
  }
  ReaderSlot& slot = mine.by_db[impl_->id];
  slot.alive = impl_->alive;
  slot.conn = std::move(*conn);
  return *slot.conn;
}

void Database::submit(WriteJob job, Done done) {
  impl_->writer->submit(std::move(job), std::move(done));
}

Status Database::write(WriteJob job) {
  if (impl_->writer->on_writer_thread()) {
    return Status::Internal(
        "Database::write called from a write job or callback: it would wait "
        "for itself");
  }
  auto promise = std::make_shared<std::promise<Status>>();
  std::future<Status> result = promise->get_future();
  submit(std::move(job), [promise](const Status& s) { promise->set_value(s); });
  return result.get();
}

Status Database::backup_to(const std::string& file) { return impl_->backend->backup_to(file); }

Result<std::unique_ptr<Notifications>> Database::listen(const std::string& channel) {
  return impl_->backend->listen(channel);
}

Engine Database::engine() const { return impl_->backend->engine(); }

std::string Database::describe() const { return impl_->backend->describe(); }

void Database::stop() { impl_->writer->stop(); }

WriterStats Database::stats() const { return impl_->writer->stats(); }

}  // namespace warmcity::store
