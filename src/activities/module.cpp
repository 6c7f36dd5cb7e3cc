// What the app wires of the activities (module.h). Each part adds its
// service to Parts and its routes to register_routes().
#include "activities/module.h"

#include "activities/activity_counts.h"
#include "activities/feed_service.h"

namespace warmcity::activities {

struct Module::Parts {
  store::Database& db;
  accounts::AuditLog& audit;
  ModuleConfig config;
  // The calendar feeds (feed_service.h).
  FeedService feeds{db};
};

Module::Module(store::Database& db, accounts::AuditLog& audit, ModuleConfig config)
    : parts_(std::make_unique<Parts>(Parts{db, audit, config})) {}

Module::~Module() { stop(); }

void Module::register_routes(http::Router& router) {
  register_feed_routes(router, parts_->feeds);
  register_activity_counts_routes(router, parts_->db);
}

void Module::stop() {}

}  // namespace warmcity::activities
