#include "store/backend.h"

#include <thread>

#include "store/postgres/pg_backend.h"
#include "store/sqlite/sqlite_backend.h"

namespace warmcity::store {
namespace {

class Sleeper final : public Notifications {
 public:
  bool wait(std::chrono::milliseconds timeout) override {
    std::this_thread::sleep_for(timeout);
    return false;
  }
};

}  // namespace

bool names_postgres(std::string_view location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Backend>> make_backend(const Options& options) {
  if (names_postgres(options.path)) return make_postgres_backend(options);
  return make_sqlite_backend(options);
}

Result<std::unique_ptr<Notifications>> Backend::listen(const std::string&) {
  return std::unique_ptr<Notifications>(std::make_unique<Sleeper>());
}

}  // namespace warmcity::store
