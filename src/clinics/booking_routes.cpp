// Routes of booking a free clinic's slot (docs/clinics.md "Booking a
// slot"). HTTP only: every answer comes from BookingService.
#include <memory>
#include <utility>

#include "activities/route_values.h"
#include "clinics/clinic_json.h"
#include "clinics/clinic_routes.h"
#include "http/json_input.h"

namespace warmcity::clinics {

namespace {

using accounts::caller_of;
using BookingRouteFn = void (*)(BookingService&, http::Request&, http::Reply);

std::optional<int64_t> booking_slot_id(const http::Request& req) { return req.path_id("id"); }

Status booking_no_slot() { return Status::NotFound("no clinic slot with that id"); }

void booking_create(BookingService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> occ = booking_slot_id(req);
  if (!occ) return reply(clinic_problem(booking_no_slot()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body.empty() ? "{}" : req.body);
  if (!doc.ok()) return reply(clinic_problem(doc.status()));
  Result<BookingRequest> in = read_booking(*doc);
  if (!in.ok()) return reply(clinic_problem(in.status()));
  service.book(*occ, std::move(*in), caller_of(req), [reply = std::move(reply)](Result<Booking> b) {
    if (!b.ok()) return reply(clinic_problem(b.status()));
    reply(clinic_answer(booking_json(*b), 201));
  });
}

void booking_mine(BookingService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> occ = booking_slot_id(req);
  if (!occ) return reply(clinic_problem(booking_no_slot()));
  Result<Booking> b = service.my_booking(*occ, caller_of(req));
  if (!b.ok()) return reply(clinic_problem(b.status()));
  reply(clinic_answer(booking_json(*b)));
}

void booking_door_list(BookingService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> occ = booking_slot_id(req);
  if (!occ) return reply(clinic_problem(booking_no_slot()));
  service.door_list(*occ, caller_of(req), [reply = std::move(reply)](Result<ClinicDoorList> d) {
    if (!d.ok()) return reply(clinic_problem(d.status()));
    reply(clinic_answer(clinic_door_list_json(*d)));
  });
}

}  // namespace

void register_booking_routes(http::Router& router, std::shared_ptr<BookingService> service) {
  using http::Method;
  const http::Access staff = activities::organiser_staff_roles();
  const http::Access anyone = http::Access::AnyUser();
  auto h = [&service](BookingRouteFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  router.add(Method::kPost, "/api/v1/clinic-slots/{id}/bookings", anyone, h(booking_create),
             {.body_limit = 8192,
              .summary = "Book a clinic slot: a resident themselves, clinic staff a caller by "
                         "name and phone; an optional health note with consent, written in the "
                         "booking's own job"});
  router.add(Method::kGet, "/api/v1/clinic-slots/{id}/my-booking", anyone, h(booking_mine),
             {.summary = "The caller's latest booking on a clinic slot and their own health note"});
  router.add(Method::kGet, "/api/v1/clinic-slots/{id}/bookings", staff, h(booking_door_list),
             {.summary = "A clinic slot's door list; health notes for the clinic's staff only "
                         "(admins: health_notes_hidden); audited"});
}

}  // namespace warmcity::clinics
