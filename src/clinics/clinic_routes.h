// The free clinics' routes (docs/clinics.md). Each function registers one
// part's routes; they keep their service alive.
//   clinic_routes.cpp:  POST/GET /api/v1/clinic-sessions, GET/PUT …/{id}
//   booking_routes.cpp: POST /api/v1/clinic-slots/{id}/bookings,
//                       GET …/{id}/my-booking, GET …/{id}/bookings
#pragma once

#include <memory>

#include "clinics/booking_service.h"
#include "clinics/clinic_service.h"
#include "http/router.h"

namespace warmcity::clinics {

void register_clinic_routes(http::Router& router, std::shared_ptr<ClinicService> service);
void register_booking_routes(http::Router& router, std::shared_ptr<BookingService> service);

}  // namespace warmcity::clinics
