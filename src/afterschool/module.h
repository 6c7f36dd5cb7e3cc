// After-school care (issue #19, service 10 社区四点半课堂; docs/afterschool.md):
// what the app wires. afterschool_migrations() (afterschool_tables.h) after
// the accounts', facilities' and activities'; Module registers every part's
// routes (programmes and their staff, the counts, children and pickup
// adults, proxies, the day, the roster and the duty confirmation) and owns the sweeper that raises
// late alerts and tells the guardians (alert_service.h). stop() before the
// database stops.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "accounts/audit.h"
#include "afterschool/afterschool_tables.h"
#include "afterschool/alert_service.h"
#include "afterschool/duty_confirmation.h"
#include "core/calendar.h"
#include "http/router.h"
#include "photos/photo_store.h"
#include "store/database.h"

namespace warmcity::afterschool {

struct ModuleConfig {
  int sweep_interval_s = 60;  // 0: no background sweep (tests sweep themselves)
  // The official calendar (session days skip its holidays, may run on its
  // make-up days); null: one that knows no year.
  std::function<std::shared_ptr<const core::Calendar>()> calendar;
  // Hands a late pickup's text message to the SMS sender; null: none sent.
  LateNotify notify;
  std::function<int64_t()> now;  // unix seconds; null: the real clock
  // Inside a day's duty confirmation: the volunteers' hours (the app wires
  // the volunteers' ledger); null: none recorded.
  DutyConfirmedHook on_duty_confirmed;
};

class Module {
 public:
  // `photos` keeps the pickup adults' photos.
  // REQUIRES: db and audit outlive the module and the router's handlers.
  Module(store::Database& db, accounts::AuditLog& audit, photos::PhotoStore photos,
         ModuleConfig config);
  ~Module();
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  void register_routes(http::Router& router);
  // One sweep now, as the sweeper runs it (raises, tells; `done` gets how
  // many messages were handed over).
  void sweep(std::function<void(Result<int64_t>)> done);
  // Ends the sweeper; queued writes are the database's to finish.
  void stop();

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace warmcity::afterschool
