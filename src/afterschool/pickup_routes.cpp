// Routes of pickup adults and their codes (family_routes.h,
// docs/afterschool.md "Pickup adults and their codes"). HTTP only: every
// answer comes from PickupService. A body that may carry a photo is read on
// the service's slow-work thread when it is large (pickup_photo_http.h).
#include <memory>
#include <utility>

#include "afterschool/child_json.h"
#include "afterschool/family_routes.h"
#include "afterschool/pickup_json.h"
#include "afterschool/pickup_photo_http.h"
#include "http/json_input.h"

namespace warmcity::afterschool {

namespace {

using accounts::caller_of;
using PickupRouteFn = void (*)(PickupService&, http::Request&, http::Reply);

Status pickup_no_id() { return Status::NotFound("no pickup adult with that id"); }

FamilyDone<AdultWithCode> pickup_code_answer(PickupService& service, http::Reply reply,
                                             int status) {
  return [&service, reply = std::move(reply), status](Result<AdultWithCode> r) {
    if (!r.ok()) return reply(family_problem(r.status()));
    http::Response res = family_answer(adult_with_code_json(*r, service.today()), status);
    res.set_header("Cache-Control", "no-store");  // the code is shown once
    reply(std::move(res));
  };
}

FamilyDone<PickupAdultRow> pickup_answer(PickupService& service, http::Reply reply) {
  return [&service, reply = std::move(reply)](Result<PickupAdultRow> r) {
    if (!r.ok()) return reply(family_problem(r.status()));
    reply(family_answer(pickup_adult_json(*r, service.today())));
  };
}

void pickup_create(PickupService& service, http::Request& req, http::Reply reply) {
  const size_t size = req.body.size();
  auto work = [&service, body = std::move(req.body), by = caller_of(req), reply]() {
    Result<nlohmann::json> doc = http::parse_json_object(body);
    if (!doc.ok()) return reply(family_problem(doc.status()));
    Result<PickupAdultFields> f = read_pickup_adult(*doc, service.today());
    if (!f.ok()) return reply(family_problem(f.status()));
    service.create(std::move(*f), by, pickup_code_answer(service, reply, 201));
  };
  family_read_body(service, size, reply, std::move(work));
}

void pickup_mine(PickupService& service, http::Request& req, http::Reply reply) {
  Result<std::vector<PickupAdultRow>> mine = service.mine(caller_of(req));
  if (!mine.ok()) return reply(family_problem(mine.status()));
  const core::LocalDate today = service.today();
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const PickupAdultRow& a : *mine) items.push_back(pickup_adult_json(a, today));
  reply(family_answer({{"items", std::move(items)}}));
}

void pickup_update(PickupService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(family_problem(pickup_no_id()));
  const size_t size = req.body.size();
  auto work = [&service, id = *id, body = std::move(req.body), by = caller_of(req), reply]() {
    Result<nlohmann::json> doc = http::parse_json_object(body);
    if (!doc.ok()) return reply(family_problem(doc.status()));
    Result<PickupAdultPatch> p = read_pickup_adult_patch(*doc, service.today());
    if (!p.ok()) return reply(family_problem(p.status()));
    service.update(id, std::move(*p), by, pickup_answer(service, reply));
  };
  family_read_body(service, size, reply, std::move(work));
}

void pickup_revoke(PickupService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(family_problem(pickup_no_id()));
  service.revoke(*id, caller_of(req), pickup_answer(service, std::move(reply)));
}

void pickup_new_code(PickupService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(family_problem(pickup_no_id()));
  service.new_code(*id, caller_of(req), pickup_code_answer(service, std::move(reply), 200));
}

void pickup_photo(PickupService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(family_problem(pickup_no_id()));
  service.photo(*id, caller_of(req), family_photo_answer(std::move(reply)));
}

}  // namespace

void register_pickup_routes(http::Router& router, std::shared_ptr<PickupService> service) {
  using http::Method;
  const http::Access residents = http::Access::Roles({http::Role::kResident});
  const http::Access signed_in = http::Access::AnyUser();
  auto h = [&service](PickupRouteFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  router.add(Method::kPost, "/api/v1/my-pickup-adults", residents, h(pickup_create),
             {.body_limit = kFamilyPhotoBodyLimit,
              .summary = "Name an adult (18+) who may take the caller's children home; the "
                         "6-digit code is shown once in this answer; audited"});
  router.add(Method::kGet, "/api/v1/my-pickup-adults", residents, h(pickup_mine),
             {.summary = "The adults linked to the caller's children (never a code)"});
  router.add(Method::kPut, "/api/v1/my-pickup-adults/{id}", residents, h(pickup_update),
             {.body_limit = kFamilyPhotoBodyLimit,
              .summary = "Edit a pickup adult (a guardian of one of its children); audited"});
  router.add(
      Method::kPost, "/api/v1/my-pickup-adults/{id}/revoke", residents, h(pickup_revoke),
      {.json_body = false, .summary = "Revoke a pickup adult: its code is dead at once; audited"});
  router.add(Method::kPost, "/api/v1/my-pickup-adults/{id}/new-code", residents, h(pickup_new_code),
             {.json_body = false,
              .summary = "A new code for a pickup adult, shown once; the old one is dead; "
                         "audited"});
  router.add(Method::kGet, "/api/v1/pickup-adults/{id}/photo", signed_in, h(pickup_photo),
             {.summary = "A pickup adult's photo (guardians of its children; staff of their "
                         "programmes, audited)"});
}

}  // namespace warmcity::afterschool
