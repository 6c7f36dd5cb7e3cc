// Raising an errand or an appeal from a visit's finding, in one step
// (issue #16: "a finding can raise an appeal or an errand"). HTTP-free.
//
// Who: those who may record a visit for the visit's elder
// (visit_recordable: admins, the workers of her grid or community, her
// team's two members); kNotFound for an unknown visit, kConflict when her
// record is closed. The link (visit_raises) is kept with her history's event
// "visit_raise" and the audit entry "elder.visit_raise" (detail: visit_id,
// kind, target_id — no personal data).
//
// An errand is ErrandService::create for her (its own rules: the team on
// duty, its event and audit entry); an appeal is the appeals module's submit,
// reached only through the AppealRaiser the app wires (eldercare includes no
// appeals header). Either way the link, with a fresh check of the caller's
// right and of her record, runs inside the new record's own write job
// (ErrandInput::in_same_write, NewAppeal::in_same_write): both commit or
// neither.
// An appeal's body must say where the problem is (lat/lon or an address):
// appeals are public (Open311 lists them with their place), so her home is
// never filled in for it. It may leave out whom: AppealDefaults make her the
// contact (name, first phone), which only appeals staff see.
//
// Lifetime: REQUIRES `db` and `errands` to outlive the service. `done` runs
// once, on the writer's answerer thread (or at once on the caller's thread when refused
// before queueing).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "eldercare/elder_service.h"
#include "eldercare/errand_service.h"
#include "eldercare/visit_raise_store.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::eldercare {

// What an appeal raised for her takes when its body says nothing: her home
// and her as the contact (the appeal is on her behalf).
struct AppealDefaults {
  std::string contact_name;
  std::string contact_phone;
};

// Runs inside the appeal's write job with the new appeal's id; an error rolls
// the appeal back.
using RaiseLink = std::function<Status(store::Connection&, int64_t target_id)>;
// The app's appeal submitter: `body` is a JSON object as POST /api/v1/appeals
// takes it (400/422 naming its own fields), submitted for `by`; `done` gets
// the new appeal's id. Refusals are the appeals module's (a category that
// does not exist, a channel the caller may not use …).
using AppealRaiser = std::function<void(std::string body, AppealDefaults defaults, Caller by,
                                        RaiseLink link, Done<int64_t> done)>;

class VisitRaiseService {
 public:
  // `appeals` may be null: raising an appeal then answers kUnavailable.
  static std::unique_ptr<VisitRaiseService> open(store::Database& db, ErrandService& errands,
                                                 AppealRaiser appeals);

  void raise_errand(int64_t visit_id, ErrandInput in, Caller by, Done<VisitRaise> done);
  // `appeal_body`: the JSON object of a new appeal (formats checked by the raiser).
  void raise_appeal(int64_t visit_id, std::string appeal_body, Caller by, Done<VisitRaise> done);

  int64_t now() const { return errands_.now(); }

 private:
  VisitRaiseService(store::Database& db, ErrandService& errands, AppealRaiser appeals)
      : db_(db), errands_(errands), appeals_(std::move(appeals)) {}

  store::Database& db_;
  ErrandService& errands_;
  AppealRaiser appeals_;
};

// Module "visit_raises" (table visit_raises), after "visits".
std::vector<store::Migration> visit_raise_migrations();
// POST /api/v1/visits/{id}/raise (visit_raise_routes.cpp); the routes keep
// the service alive.
void register_visit_raise_routes(http::Router& router, std::shared_ptr<VisitRaiseService> service);

}  // namespace warmcity::eldercare
