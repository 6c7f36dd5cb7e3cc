// Free clinics (issue #18, service 9 社区义诊; docs/clinics.md): what the app
// wires. clinic_migrations() (clinic_tables.h) after the activities'; one
// call registers every part's routes (sessions, bookings, counts), whose
// services the routes keep alive. No thread of its own: a slot's offers are
// swept by the activities' module like any occurrence's.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "accounts/audit.h"
#include "clinics/clinic_tables.h"
#include "core/calendar.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::clinics {

// `calendar`: the official calendar the clashes check venues' hours with.
// REQUIRES: db and audit outlive the router's handlers.
void register_routes(http::Router& router, store::Database& db, accounts::AuditLog& audit,
                     std::function<std::shared_ptr<const core::Calendar>()> calendar);

}  // namespace warmcity::clinics
