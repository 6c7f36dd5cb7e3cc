#include "store/sqlite/sqlite_backend.h"

#include <filesystem>
#include <string>

#include "store/sqlite/backup.h"
#include "store/sqlite/sqlite_connection.h"

namespace warmcity::store {
namespace {

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

class SqliteBackend final : public Backend {
 public:
  explicit SqliteBackend(const Options& options)
      : path_(options.path), busy_timeout_ms_(options.busy_timeout_ms) {}

  Engine engine() const override { return Engine::kSqlite; }
  Result<std::unique_ptr<Connection>> connect(Connection::Mode mode) override {
    return open_sqlite(path_, mode, busy_timeout_ms_);
  }
  Status backup_to(const std::string& file) override {
    return online_backup(path_, file, busy_timeout_ms_);
  }
  std::string describe() const override { return path_; }

 private:
  const std::string path_;
  const int busy_timeout_ms_;
};

}  // namespace

Result<std::unique_ptr<Backend>> make_sqlite_backend(const Options& options) {
  if (Status s = check_path(options.path); !s.ok()) return s;
  return std::unique_ptr<Backend>(std::make_unique<SqliteBackend>(options));
}

}  // namespace warmcity::store
