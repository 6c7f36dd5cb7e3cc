// What the app wires of the free clinics (module.h).
#include "clinics/module.h"

#include "clinics/clinic_counts.h"
#include "clinics/clinic_routes.h"

namespace warmcity::clinics {

void register_routes(http::Router& router, store::Database& db, accounts::AuditLog& audit,
                     std::function<std::shared_ptr<const core::Calendar>()> calendar) {
  register_clinic_routes(router, std::make_shared<ClinicService>(db, audit, std::move(calendar)));
  register_booking_routes(router, std::make_shared<BookingService>(db));
  register_clinic_counts_routes(router, db);
}

}  // namespace warmcity::clinics
