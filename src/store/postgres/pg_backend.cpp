#include "store/postgres/pg_backend.h"

#include <string>
#include <utility>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_listener.h"
#include "store/postgres/pg_url.h"

namespace warmcity::store {
namespace {

constexpr int kPgConnectTimeoutS = 5;

class PgBackend final : public Backend {
 public:
  PgBackend(PgTarget target, PgSessionOptions options)
      : target_(std::move(target)), options_(options) {}

  Engine engine() const override { return Engine::kPostgres; }
  Result<std::unique_ptr<Connection>> connect(Connection::Mode mode) override {
    return open_postgres(target_, mode, options_);
  }
  Status backup_to(const std::string&) override {
    return Status::InvalidArgument("backup of a PostgreSQL database (" + target_.described +
                                   ") is pg_dump's job: pg_dump -Fc -f FILE '" + target_.described +
                                   "'");
  }
  std::string describe() const override { return target_.described; }
  // Each job's SAVEPOINT is a subtransaction, and so is a run's (writer.h);
  // past 64 in one transaction PostgreSQL's per-backend subtransaction cache
  // overflows and every other session's snapshot checks go to pg_subtrans
  // (README.md, measured): 63 jobs and their run at most.
  size_t max_batch() const override { return 63; }
  Result<std::unique_ptr<Notifications>> listen(const std::string& channel) override {
    return listen_postgres(target_, channel);
  }

 private:
  const PgTarget target_;
  const PgSessionOptions options_;
};

}  // namespace

Result<std::unique_ptr<Backend>> make_postgres_backend(const Options& options) {
  Result<PgTarget> target = parse_pg_url(options.path, kPgConnectTimeoutS);
  if (!target.ok()) return target.status();
  PgSessionOptions session;
  if (options.busy_timeout_ms > 0) session.lock_timeout_ms = options.busy_timeout_ms;
  // One connection now, so that a wrong URL fails at open with its reason.
  Result<std::unique_ptr<Connection>> probe =
      open_postgres(*target, Connection::Mode::kReadOnly, session);
  if (!probe.ok()) return probe.status();
  return std::unique_ptr<Backend>(std::make_unique<PgBackend>(std::move(*target), session));
}

}  // namespace warmcity::store
