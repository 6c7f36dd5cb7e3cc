// Routes of children, their guardians and enrolments (family_routes.h,
// docs/afterschool.md "Children and guardians"). HTTP only: every answer
// comes from ChildService. A body that may carry a photo is read on the
// service's slow-work thread when it is large (pickup_photo_http.h).
// register_family_routes, which makes both of the families' services, is
// here too.
#include <memory>
#include <utility>

#include "afterschool/child_json.h"
#include "afterschool/family_routes.h"
#include "afterschool/pickup_photo_http.h"
#include "http/json_input.h"

namespace warmcity::afterschool {

namespace {

using accounts::caller_of;
using ChildRouteFn = void (*)(ChildService&, http::Request&, http::Reply);

Status child_no_id() { return Status::NotFound("no child with that id"); }

FamilyDone<ChildRecord> child_answer(ChildService& service, http::Reply reply, int status) {
  return [&service, reply = std::move(reply), status](Result<ChildRecord> r) {
    if (!r.ok()) return reply(family_problem(r.status()));
    reply(family_answer(child_json(*r, service.today()), status));
  };
}

void child_create(ChildService& service, http::Request& req, http::Reply reply) {
  const size_t size = req.body.size();
  auto work = [&service, body = std::move(req.body), by = caller_of(req), reply]() {
    Result<nlohmann::json> doc = http::parse_json_object(body);
    if (!doc.ok()) return reply(family_problem(doc.status()));
    Result<ChildFields> f = read_child(*doc, service.today());
    if (!f.ok()) return reply(family_problem(f.status()));
    service.create(std::move(*f), by, child_answer(service, reply, 201));
  };
  family_read_body(service, size, reply, std::move(work));
}

void child_mine(ChildService& service, http::Request& req, http::Reply reply) {
  Result<std::vector<MyChild>> mine = service.my_children(caller_of(req));
  if (!mine.ok()) return reply(family_problem(mine.status()));
  const core::LocalDate today = service.today();
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const MyChild& m : *mine) items.push_back(my_child_json(m, today));
  reply(family_answer({{"items", std::move(items)}}));
}

void child_read(ChildService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(family_problem(child_no_id()));
  service.read(*id, caller_of(req), child_answer(service, std::move(reply), 200));
}

void child_update(ChildService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(family_problem(child_no_id()));
  const size_t size = req.body.size();
  auto work = [&service, id = *id, body = std::move(req.body), by = caller_of(req), reply]() {
    Result<nlohmann::json> doc = http::parse_json_object(body);
    if (!doc.ok()) return reply(family_problem(doc.status()));
    Result<ChildPatch> p = read_child_patch(*doc);
    if (!p.ok()) return reply(family_problem(p.status()));
    service.update(id, std::move(*p), by, child_answer(service, reply, 200));
  };
  family_read_body(service, size, reply, std::move(work));
}

void child_photo(ChildService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(family_problem(child_no_id()));
  service.photo(*id, caller_of(req), family_photo_answer(std::move(reply)));
}

void child_add_guardian(ChildService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(family_problem(child_no_id()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(family_problem(doc.status()));
  Result<GuardianInvite> g = read_guardian_invite(*doc);
  if (!g.ok()) return reply(family_problem(g.status()));
  service.add_guardian(*id, std::move(*g), caller_of(req),
                       [reply = std::move(reply)](Result<std::vector<GuardianRow>> r) {
                         if (!r.ok()) return reply(family_problem(r.status()));
                         reply(family_answer({{"guardians", guardians_json(*r)}}, 201));
                       });
}

FamilyDone<EnrolmentRow> enrolment_answer(http::Reply reply, int status) {
  return [reply = std::move(reply), status](Result<EnrolmentRow> r) {
    if (!r.ok()) return reply(family_problem(r.status()));
    reply(family_answer(enrolment_json(*r), status));
  };
}

void child_enrol(ChildService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(family_problem(child_no_id()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(family_problem(doc.status()));
  Result<int64_t> programme = read_enrolment(*doc);
  if (!programme.ok()) return reply(family_problem(programme.status()));
  service.enrol(*id, *programme, caller_of(req), enrolment_answer(std::move(reply), 201));
}

void child_withdraw(ChildService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(family_problem(Status::NotFound("no enrolment with that id")));
  service.withdraw(*id, caller_of(req), enrolment_answer(std::move(reply), 200));
}

}  // namespace

void register_child_routes(http::Router& router, std::shared_ptr<ChildService> service) {
  using http::Method;
  const http::Access residents = http::Access::Roles({http::Role::kResident});
  const http::Access signed_in = http::Access::AnyUser();
  auto h = [&service](ChildRouteFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  router.add(Method::kPost, "/api/v1/children", residents, h(child_create),
             {.body_limit = kFamilyPhotoBodyLimit,
              .summary = "Add a child (residents; the caller becomes its first guardian) with the "
                         "separate consent under the children's privacy notice; audited"});
  router.add(Method::kGet, "/api/v1/my-children", residents, h(child_mine),
             {.summary = "The caller's children with guardians, pickup adults, enrolments, "
                         "today's check-in and check-out, late pickups this month"});
  router.add(Method::kGet, "/api/v1/children/{id}", signed_in, h(child_read),
             {.summary = "A child (its guardians; the staff of a programme it is enrolled in, "
                         "audited); never admins"});
  router.add(Method::kPut, "/api/v1/children/{id}", residents, h(child_update),
             {.body_limit = kFamilyPhotoBodyLimit,
              .summary = "Edit a child (its guardians), its photo given or removed; audited"});
  router.add(Method::kGet, "/api/v1/children/{id}/photo", signed_in, h(child_photo),
             {.summary = "A child's photo (its guardians; the staff of a programme it is "
                         "enrolled in, audited); never admins"});
  router.add(Method::kPost, "/api/v1/children/{id}/guardians", residents, h(child_add_guardian),
             {.body_limit = 4096,
              .summary = "Add a guardian by the phone of their resident account; audited"});
  router.add(Method::kPost, "/api/v1/children/{id}/enrolments", residents, h(child_enrol),
             {.body_limit = 4096,
              .summary = "Enrol a child in a programme with the guardian's consent (409 full, "
                         "already_enrolled, programme_closed); audited"});
  router.add(Method::kPost, "/api/v1/afterschool-enrolments/{id}/withdraw", signed_in,
             h(child_withdraw),
             {.json_body = false,
              .summary = "Withdraw an enrolment (the child's guardians, the programme's organiser "
                         "staff); audited"});
}

void register_family_routes(http::Router& router, store::Database& db, accounts::AuditLog& audit,
                            photos::PhotoStore photos, std::function<int64_t()> now,
                            ChildService::CalendarSource calendar) {
  register_child_routes(
      router, std::make_shared<ChildService>(db, audit, photos, std::move(calendar), now));
  register_pickup_routes(router,
                         std::make_shared<PickupService>(db, audit, std::move(photos), now));
}

}  // namespace warmcity::afterschool
