// One engine behind a Database (internal to src/store).
//
// Database (database.h) is engine-neutral: its writer, migrations and
// per-thread readers only ask a Backend for connections. make_backend()
// picks the engine from Options::path — a file for SQLite, a
// postgresql:// URL for PostgreSQL — and is the one place that names both.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"
#include "store/connection.h"
#include "store/database.h"
#include "store/engine.h"
#include "store/notifications.h"

namespace warmcity::store {

class Backend {
 public:
  virtual ~Backend() = default;
  virtual Engine engine() const = 0;
  // A new connection; thread-safe. kReadWrite: the writer's (migrations run
  // on it first); kReadOnly: one per reader thread, kept for the thread's life.
  virtual Result<std::unique_ptr<Connection>> connect(Connection::Mode mode) = 0;
  // A consistent copy of the live database in `file`, or why this engine
  // does not make one.
  virtual Status backup_to(const std::string& file) = 0;
  // The file, or the URL without its password: for logs and error messages.
  virtual std::string describe() const = 0;
  // The most jobs the writer should put in one transaction on this engine
  // (Options::max_batch is capped by it).
  virtual size_t max_batch() const { return SIZE_MAX; }
  // Waits for NOTIFY on `channel` (notifications.h). The default, for an
  // engine without such a signal, only sleeps.
  virtual Result<std::unique_ptr<Notifications>> listen(const std::string& channel);
};

Result<std::unique_ptr<Backend>> make_backend(const Options& options);

}  // namespace warmcity::store
