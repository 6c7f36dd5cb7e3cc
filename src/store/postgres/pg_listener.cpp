#include "store/postgres/pg_listener.h"

#include <pqxx/pqxx>
#include <thread>
#include <utility>

#include "store/postgres/pg_status.h"

namespace warmcity::store {
namespace {

// Counts what arrives; the payload does not matter (the feed reads the
// change log itself).
class Receiver final : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& c, const std::string& channel)
      : pqxx::notification_receiver(c, channel) {}
  void operator()(const std::string&, int) override { ++received; }
  long received = 0;
};

struct Listening {
  std::unique_ptr<pqxx::connection> conn;
  std::unique_ptr<Receiver> receiver;  // REQUIRES: destroyed before conn
  ~Listening() {
    receiver.reset();
    conn.reset();
  }
};

Result<std::unique_ptr<Listening>> start_listening(const PgTarget& target,
                                                   const std::string& channel) {
  auto l = std::make_unique<Listening>();
  try {
    l->conn = std::make_unique<pqxx::connection>(target.conninfo);
    l->receiver = std::make_unique<Receiver>(*l->conn, channel);
    l->conn->get_notifs();  // sends the LISTEN now
  } catch (const pqxx::broken_connection& e) {
    return pg_connect_status(e.what(), target.described, target.password);
  } catch (const pqxx::sql_error& e) {
    return pg_error_status(e.sqlstate(), e.what(), target.described + ": LISTEN " + channel);
  } catch (const std::exception& e) {
    return Status::Unavailable(target.described + ": LISTEN " + channel + ": " +
                               pg_one_line(e.what()));
  }
  return l;
}

class PgListener final : public Notifications {
 public:
  PgListener(PgTarget target, std::string channel, std::unique_ptr<Listening> live)
      : target_(std::move(target)), channel_(std::move(channel)), live_(std::move(live)) {}

  bool wait(std::chrono::milliseconds timeout) override {
    if (!live_) {
      Result<std::unique_ptr<Listening>> again = start_listening(target_, channel_);
      if (again.ok()) {
        live_ = std::move(*again);
        return true;  // anything sent while it was down is lost: check now
      }
      std::this_thread::sleep_for(timeout);
      return false;
    }
    try {
      const long us =
          static_cast<long>(std::chrono::duration_cast<std::chrono::microseconds>(timeout).count());
      return live_->conn->await_notification(us / 1'000'000, us % 1'000'000) > 0;
    } catch (const std::exception&) {
      live_.reset();  // made again at the next call
      return true;
    }
  }

 private:
  const PgTarget target_;
  const std::string channel_;
  std::unique_ptr<Listening> live_;
};

}  // namespace

Result<std::unique_ptr<Notifications>> listen_postgres(const PgTarget& target,
                                                       const std::string& channel) {
  Result<std::unique_ptr<Listening>> live = start_listening(target, channel);
  if (!live.ok()) return live.status();
  return std::unique_ptr<Notifications>(
      std::make_unique<PgListener>(target, channel, std::move(*live)));
}

}  // namespace warmcity::store
