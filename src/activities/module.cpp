// What the app wires of the activities (module.h). Each part adds its
// service to Parts and its routes to register_routes().
#include "activities/module.h"

namespace warmcity::activities {

struct Module::Parts {
  store::Database& db;
  accounts::AuditLog& audit;
  ModuleConfig config;
};

Module::Module(store::Database& db, accounts::AuditLog& audit, ModuleConfig config)
    : parts_(std::make_unique<Parts>(Parts{db, audit, config})) {}

Module::~Module() { stop(); }

void Module::register_routes(http::Router& router) { (void)router; }

void Module::stop() {}

}  // namespace warmcity::activities
