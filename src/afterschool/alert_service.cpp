// The late-pickup sweep (alert_service.h).
#include "afterschool/alert_service.h"

#include <memory>
#include <utility>
#include <vector>

#include "afterschool/alert_store.h"
#include "core/time.h"

namespace warmcity::afterschool {

AlertService::AlertService(store::Database& db, LateNotify notify, std::function<int64_t()> now)
    : db_(db), notify_(std::move(notify)), now_(std::move(now)) {}

int64_t AlertService::now() const { return now_ ? now_() : core::now_unix(); }

void AlertService::sweep(std::function<void(Result<int64_t>)> done) {
  const int64_t at = now();
  const std::string day = core::format_date(core::local_date_of(at));
  auto messages = std::make_shared<std::vector<LateMessage>>();
  db_.submit(
      [day, at, messages](store::Connection& c) -> Status {
        Result<int64_t> raised = raise_late_alerts(c, day, late_cutoff(at), at);
        if (!raised.ok()) return raised.status();
        Result<std::vector<LateAlertRow>> rows = alerts_to_notify(c, day);
        if (!rows.ok()) return rows.status();
        Result<int64_t> marked = mark_notified(c, day, at);
        if (!marked.ok()) return marked.status();
        *messages = late_messages(*rows);
        return Status::Ok();
      },
      [this, messages, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        if (notify_)
          for (const LateMessage& m : *messages) notify_(m.phone, m.text);
        done(static_cast<int64_t>(messages->size()));
      });
}

}  // namespace warmcity::afterschool
