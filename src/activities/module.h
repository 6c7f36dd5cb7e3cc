// Activities (issue #18, service 8 文体活动; docs/activities.md): what the app
// wires. activity_migrations() (activity_tables.h) after accounts', areas' and
// facilities'; Module registers every part's routes and owns the sweeper
// that lapses offers not accepted in time. stop() before the database stops.
#pragma once

#include <functional>
#include <memory>

#include "accounts/audit.h"
#include "activities/activity_tables.h"
#include "core/calendar.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::activities {

struct ModuleConfig {
  int offer_sweep_interval_s = 30;  // 0: no background sweep (tests sweep themselves)
};

class Module {
 public:
  Module(store::Database& db, accounts::AuditLog& audit, ModuleConfig config);
  ~Module();
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  // The official calendar the clashes check venues' hours with (holidays
  // and make-up days); until it is given, a calendar that knows no year.
  void use_calendar(std::function<std::shared_ptr<const core::Calendar>()> calendar);

  // Every part's routes (activities, sign-ups and attendance, feeds, counts).
  void register_routes(http::Router& router);
  // Ends the sweeper; queued writes are the database's to finish.
  void stop();

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace warmcity::activities
