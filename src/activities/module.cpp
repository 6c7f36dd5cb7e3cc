// What the app wires of the activities (module.h). Each part adds its
// service to Parts and its routes to register_routes().
#include "activities/module.h"

#include "activities/activity_service.h"

#include "activities/activity_counts.h"
#include "activities/feed_service.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "activities/signup_service.h"

namespace warmcity::activities {

struct Module::Parts {
  store::Database& db;
  accounts::AuditLog& audit;
  ModuleConfig config;
  // Activities and their series, finding them (activity_service.h).
  std::shared_ptr<ActivityService> activities = std::make_shared<ActivityService>(db, audit);
  // The calendar feeds (feed_service.h).
  FeedService feeds{db};
  // Sign-ups, the waitlist and the door (signup_service.h).
  std::shared_ptr<SignupService> signups = std::make_shared<SignupService>(db);
  // The offer sweeper: every offer_sweep_interval_s one write job lapses the
  // offers past their time and offers those places on (SignupService::sweep).
  std::mutex sweep_mu;
  std::condition_variable sweep_wake;
  bool stopping = false;
  std::thread sweeper;

  void sweep_loop() {
    std::unique_lock<std::mutex> lock(sweep_mu);
    while (!stopping) {
      sweep_wake.wait_for(lock, std::chrono::seconds(config.offer_sweep_interval_s));
      if (stopping) break;
      lock.unlock();
      signups->sweep(signups->now(), [](Result<std::vector<Offer>>) {});
      lock.lock();
    }
  }
};

Module::Module(store::Database& db, accounts::AuditLog& audit, ModuleConfig config)
    : parts_(std::make_unique<Parts>(db, audit, config)) {
  if (config.offer_sweep_interval_s > 0) {
    parts_->sweeper = std::thread([p = parts_.get()] { p->sweep_loop(); });
  }
}

Module::~Module() { stop(); }

void Module::use_calendar(std::function<std::shared_ptr<const core::Calendar>()> calendar) {
  parts_->activities->use_calendar(std::move(calendar));
}

void Module::register_routes(http::Router& router) {
  register_activity_routes(router, parts_->activities);
  register_feed_routes(router, parts_->feeds);
  register_activity_counts_routes(router, parts_->db);
  register_signup_routes(router, parts_->signups);
}

void Module::stop() {
  {
    std::lock_guard<std::mutex> lock(parts_->sweep_mu);
    parts_->stopping = true;
  }
  parts_->sweep_wake.notify_all();
  if (parts_->sweeper.joinable()) parts_->sweeper.join();
}

}  // namespace warmcity::activities
