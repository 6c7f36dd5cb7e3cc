// Application: the composition root. Opens the database with every module's
// migrations, builds each module and registers its routes, in one place.
//
// Both `warmcity serve` and the commands that need the modules without a
// listener (`user`, `routes`) build one. Destruction order matters: modules
// hold references to the database, so they go first.
#pragma once

#include <memory>
#include <string>

#include "accounts/accounts.h"
#include "accounts/resident_service.h"
#include "activities/module.h"
#include "afterschool/module.h"
#include "appeals/appeal_service.h"
#include "areas/areas.h"
#include "calendar/calendar_service.h"
#include "core/status.h"
#include "eldercare/elder_service.h"
#include "eldercare/errand.h"
#include "eldercare/errand_service.h"
#include "eldercare/visit.h"
#include "facilities/facility_service.h"
#include "http/metrics.h"
#include "http/router.h"
#include "rates/rates.h"
#include "store/change_feed.h"
#include "store/database.h"
#include "system/system.h"

namespace warmcity::app {

struct AppConfig {
  std::string db_path = "var/warmcity.db";
  size_t writer_max_batch = 4096;  // 1: one commit per write (for comparison only)
  // The official calendar files (data/calendar/<year>.txt); "" loads none, for
  // commands that answer no hours. `serve` defaults to data/calendar.
  std::string calendar_dir;
  accounts::Config accounts;
  // Residents' sign-in by mobile number: the SMS sender and the code limits
  // (session lifetime and cookie flags come from `accounts`).
  accounts::ResidentConfig residents;
  system::WebConfig web;  // what GET /api/v1/web-config tells the browser app
  // What lives outside the database (data_paths.h); required with a PostgreSQL URL.
  std::string data_dir;
  // Appeal photos; "" puts them in <data_dir>/photos, else beside the database ("<db>-photos").
  std::string photo_dir;
  int64_t photo_quota_mb = 20 * 1024;  // the photo directory holds at most this
  // Seconds between escalation sweeps of the appeals (0: none, for commands).
  int appeals_sweep_interval_s = 0;
  // Seconds between sweeps that lapse activity offers not accepted in time
  // (0: none, for commands).
  int activities_sweep_interval_s = 0;
  // Seconds between sweeps that raise after-school late-pickup alerts and
  // text the guardians (0: none, for commands).
  int afterschool_sweep_interval_s = 0;
  // Elder care (issue #16): how often each risk tier is visited and how long
  // an escalation after nobody answered may stay open (eldercare/visit.h),
  // and how long after it was received an errand is due. `serve` sets them
  // from its flags (--visit-days-*, --escalation-minutes, --errand-due-hours).
  eldercare::VisitRules visit_rules;
  int64_t errand_due_seconds = eldercare::kDefaultDueSeconds;
  // Follow the writes of other instances on the same database (the change
  // feed, store/change_feed.h): for `serve`; commands need not.
  bool follow_changes = false;
  // Similar appeals offered on submission: this close, this recent.
  double appeals_similar_radius_m = 50;
  int appeals_similar_days = 30;
  // The three rates' composite weights (response, resolution, satisfaction).
  rates::Weights rates_weights;
  // Bearer token for GET /metrics; "" serves it to direct loopback clients only.
  std::string metrics_token;
  // Writes without a session per client address and network (429 beyond).
  http::AnonymousWriteLimits anonymous_writes;
};

// Every module's migrations, in the order they are applied.
std::vector<store::Migration> all_migrations();

// A completed errand's volunteer minutes into the volunteers' hours ledger,
// inside the errand's own write job (what the app's ErrandOptions::on_complete
// runs; the demo's errands are given it too).
Status record_errand_hours(store::Connection& c, const eldercare::CompletedErrand& e);
// A confirmed after-school duty day's volunteers into the same ledger, inside
// the confirmation's write job (afterschool::ModuleConfig::on_duty_confirmed).
Status record_duty_hours(store::Connection& c, const afterschool::ConfirmedDuty& d);

// "interactive" | "moderate" | "minimum" (tests only) → the argon2id cost.
accounts::PasswordCost password_cost_from_name(const std::string& name);

class Application {
 public:
  static Result<std::unique_ptr<Application>> open(const AppConfig& config);
  ~Application();

  store::Database& db() { return *db_; }
  accounts::Accounts& accounts() { return *accounts_; }
  accounts::Residents& residents() { return *residents_; }
  areas::Areas& areas() { return *areas_; }
  facilities::FacilityService& facilities() { return *facilities_; }
  appeals::AppealService& appeals() { return *appeals_; }
  eldercare::ElderService& elders() { return *elders_; }
  http::Router& router() { return router_; }
  http::Metrics& metrics() { return metrics_; }

 private:
  Application() = default;
  // Lets the change feed update every module's snapshot, and starts it.
  Status follow_other_instances();
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::ChangeFeed> feed_;  // with follow_changes
  std::unique_ptr<accounts::Accounts> accounts_;
  std::unique_ptr<accounts::Residents> residents_;
  std::unique_ptr<calendar::CalendarService> calendar_;
  std::unique_ptr<areas::Areas> areas_;
  std::unique_ptr<facilities::FacilityService> facilities_;  // uses areas_
  std::unique_ptr<appeals::AppealService> appeals_;          // uses areas_, calendar_
  std::unique_ptr<eldercare::ElderService> elders_;          // uses areas_
  std::unique_ptr<activities::Module> activities_;
  std::unique_ptr<afterschool::Module> afterschool_;  // uses residents_' SMS sender
  http::Router router_;
  http::Metrics metrics_;
};

}  // namespace warmcity::app
