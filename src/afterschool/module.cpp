// What the app wires of after-school care (module.h).
#include "afterschool/module.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

#include "afterschool/afterschool_counts.h"
#include "afterschool/day_routes.h"
#include "afterschool/family_routes.h"
#include "afterschool/programme_routes.h"

namespace warmcity::afterschool {

struct Module::Parts {
  Parts(store::Database& d, accounts::AuditLog& a, photos::PhotoStore p, ModuleConfig c)
      : db(d), audit(a), photos(std::move(p)), config(std::move(c)) {}

  store::Database& db;
  accounts::AuditLog& audit;
  photos::PhotoStore photos;
  ModuleConfig config;
  DayClock clock{config.calendar, config.now};
  AlertService alerts{db, config.notify, config.now};
  // The sweeper: every sweep_interval_s one write job raises the late
  // alerts and hands the guardians' messages over.
  std::mutex sweep_mu;
  std::condition_variable sweep_wake;
  bool stopping = false;
  std::thread sweeper;

  void sweep_loop() {
    std::unique_lock<std::mutex> lock(sweep_mu);
    while (!stopping) {
      sweep_wake.wait_for(lock, std::chrono::seconds(config.sweep_interval_s));
      if (stopping) break;
      lock.unlock();
      alerts.sweep([](Result<int64_t>) {});
      lock.lock();
    }
  }
};

Module::Module(store::Database& db, accounts::AuditLog& audit, photos::PhotoStore photos,
               ModuleConfig config)
    : parts_(std::make_unique<Parts>(db, audit, std::move(photos), std::move(config))) {
  if (parts_->config.sweep_interval_s > 0)
    parts_->sweeper = std::thread([p = parts_.get()] { p->sweep_loop(); });
}

Module::~Module() { stop(); }

void Module::register_routes(http::Router& router) {
  Parts& p = *parts_;
  register_programme_routes(router, p.db, p.audit, p.config.calendar, p.config.now);
  register_family_routes(router, p.db, p.audit, p.photos, p.config.now, p.config.calendar);
  register_proxy_routes(router, std::make_shared<ProxyService>(p.db, p.clock));
  register_day_routes(router, std::make_shared<DayService>(p.db, p.clock));
  register_roster_routes(router, std::make_shared<RosterService>(p.db, p.clock));
  register_duty_routes(
      router, std::make_shared<DutyService>(p.db, p.audit, p.clock, p.config.on_duty_confirmed));
  register_afterschool_counts_routes(router, p.db);
}

void Module::sweep(std::function<void(Result<int64_t>)> done) {
  parts_->alerts.sweep(std::move(done));
}

void Module::stop() {
  {
    std::lock_guard<std::mutex> lock(parts_->sweep_mu);
    parts_->stopping = true;
  }
  parts_->sweep_wake.notify_all();
  if (parts_->sweeper.joinable()) parts_->sweeper.join();
}

}  // namespace warmcity::afterschool
