#include "store/backend.h"

#include "store/postgres/pg_backend.h"
#include "store/sqlite/sqlite_backend.h"

namespace warmcity::store {

bool names_postgres(std::string_view location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Backend>> make_backend(const Options& options) {
  if (names_postgres(options.path)) return make_postgres_backend(options);
  return make_sqlite_backend(options);
}

}  // namespace warmcity::store
