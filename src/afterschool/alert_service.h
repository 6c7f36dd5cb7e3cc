// AlertService: the late-pickup sweep (docs/afterschool.md "Late pickups").
// One write job raises an alert for every child still here 30 minutes after
// its session's end, today, in every programme, gathers the open alerts
// whose guardians were not yet told, marks them notified and, once that is
// durable, hands one text message per guardian phone to `notify` (the
// server's SMS sender). An alert is told once: a second sweep finds it
// notified. The roster raises its own programme's alerts itself
// (roster_service.h); this sweep tells the guardians.
//
// Lifetime: REQUIRES db to outlive the service. `done` runs once, on the
// writer's answerer thread; `notify` runs there too, before it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"
#include "store/database.h"

namespace warmcity::afterschool {

// Hands one text message to the SMS sender (never blocks for the answer).
using LateNotify = std::function<void(const std::string& phone, const std::string& text)>;

class AlertService {
 public:
  // `notify` null: the messages go nowhere (commands, tests that only
  // count). `now` null: core::now_unix().
  AlertService(store::Database& db, LateNotify notify, std::function<int64_t()> now = nullptr);

  int64_t now() const;
  // Raises and tells, as above; answers how many messages were handed over.
  void sweep(std::function<void(Result<int64_t>)> done);

 private:
  store::Database& db_;
  LateNotify notify_;
  std::function<int64_t()> now_;
};

}  // namespace warmcity::afterschool
