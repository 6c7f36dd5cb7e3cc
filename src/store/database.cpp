#include "store/database.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <unordered_map>
#include <utility>

#include "store/backup.h"
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
  std::unique_ptr<Connection> broken;
};
thread_local ThreadReaders t_readers;

Status check_path(const std::string& path) {
  namespace fs = std::filesystem;
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) {
    return Status::InvalidArgument("database path must name a file, got \"" + path + "\"");
  }
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::InvalidArgument("cannot open database " + path + ": directory " + dir.string() +
                                   " does not exist");
  }
  return Status::Ok();
}

}  // namespace

struct Database::Impl {
  const uint64_t id = g_next_id.fetch_add(1);
  const std::shared_ptr<const int> alive = std::make_shared<const int>(0);
  std::unique_ptr<Writer> writer;
};

Database::Database(const Options& options) : options_(options), impl_(std::make_unique<Impl>()) {}

Database::~Database() { stop(); }

Result<std::unique_ptr<Database>> Database::open(const Options& options,
                                                 const std::vector<Migration>& migrations) {
  Status s = check_path(options.path);
  if (!s.ok()) return s;
  Result<std::unique_ptr<Connection>> conn =
      Connection::open(options.path, Connection::Mode::kReadWrite, options.busy_timeout_ms);
  if (!conn.ok()) return conn.status();
  s = apply_migrations(**conn, migrations);
  if (!s.ok()) return Status::Internal(options.path + ": " + s.message());
  std::unique_ptr<Database> db(new Database(options));
  db->impl_->writer = std::make_unique<Writer>(std::move(*conn), options.max_batch);
  return db;
}

Connection& Database::reader() {
  ThreadReaders& mine = t_readers;
  auto it = mine.by_db.find(impl_->id);
  if (it != mine.by_db.end()) return *it->second.conn;

  std::erase_if(mine.by_db, [](const auto& entry) { return entry.second.alive.expired(); });
  Result<std::unique_ptr<Connection>> conn =
      Connection::open(options_.path, Connection::Mode::kReadOnly, options_.busy_timeout_ms);
  if (!conn.ok()) {
    if (!mine.broken) mine.broken = Connection::broken(conn.status());
    mine.broken->broken_ = conn.status();
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

Status Database::backup_to(const std::string& file) {
  return online_backup(options_.path, file, options_.busy_timeout_ms);
}

void Database::stop() { impl_->writer->stop(); }

WriterStats Database::stats() const { return impl_->writer->stats(); }

}  // namespace warmcity::store
