#include "eldercare/visit_raise.h"

#include <utility>

#include "accounts/audit.h"
#include "eldercare/service_jobs.h"
#include "eldercare/visit_service.h"
#include "eldercare/visit_store.h"

namespace warmcity::eldercare {

namespace {

// The visit's elder, when `by` may record a visit for her and her record is open.
Result<Elder> raisable(store::Connection& c, int64_t visit_id, const Caller& by) {
  Result<Visit> v = get_visit(c, visit_id);
  if (!v.ok()) return v.status();
  Result<Elder> e = visit_recordable(c, v->elder_id, by);
  if (!e.ok()) return e.status();
  if (e->closed) return Status::Conflict("the record is closed: nothing is raised for her");
  return e;
}

// The link, her history's event and the audit entry, in the job of `c`.
Status write_link(store::Connection& c, VisitRaise& r, int64_t elder_id, const Caller& by) {
  if (Status s = insert_visit_raise(c, r); !s.ok()) return s;
  const std::string detail = accounts::AuditDetail()
                                 .add("visit_id", r.visit_id)
                                 .add("kind", r.kind)
                                 .add("target_id", r.target_id)
                                 .str();
  return record_change(c, by, elder_id, "visit_raise", detail, r.raised_at);
}

}  // namespace

std::unique_ptr<VisitRaiseService> VisitRaiseService::open(store::Database& db,
                                                           ErrandService& errands,
                                                           AppealRaiser appeals) {
  return std::unique_ptr<VisitRaiseService>(new VisitRaiseService(db, errands, std::move(appeals)));
}

void VisitRaiseService::raise_errand(int64_t visit_id, ErrandInput in, Caller by,
                                     Done<VisitRaise> done) {
  Result<Elder> e = raisable(db_.reader(), visit_id, by);
  if (!e.ok()) return done(e.status());
  auto out = std::make_shared<VisitRaise>();
  // The link commits in the errand's own write job: both or neither.
  in.in_same_write = [this, out, visit_id, by](store::Connection& c, const Errand& errand) {
    Result<Elder> now_e = raisable(c, visit_id, by);  // she may have been closed since
    if (!now_e.ok()) return now_e.status();
    *out = {0, visit_id, "errand", errand.id, by.user_id, now()};
    return write_link(c, *out, errand.elder_id, by);
  };
  errands_.create(e->id, std::move(in), by, [out, done = std::move(done)](Result<Errand> errand) {
    if (!errand.ok()) return done(errand.status());
    done(*out);
  });
}

void VisitRaiseService::raise_appeal(int64_t visit_id, std::string appeal_body, Caller by,
                                     Done<VisitRaise> done) {
  if (!appeals_) return done(Status::Unavailable("appeals cannot be raised here"));
  Result<Elder> e = raisable(db_.reader(), visit_id, by);
  if (!e.ok()) return done(e.status());
  AppealDefaults defaults{e->name, e->phones.empty() ? std::string() : e->phones.front()};
  auto out = std::make_shared<VisitRaise>();
  RaiseLink link = [this, out, visit_id, by](store::Connection& c, int64_t appeal_id) {
    // Checked again inside the appeal's job: she may have been closed since.
    Result<Elder> now_e = raisable(c, visit_id, by);
    if (!now_e.ok()) return now_e.status();
    *out = {0, visit_id, "appeal", appeal_id, by.user_id, now()};
    return write_link(c, *out, now_e->id, by);
  };
  appeals_(std::move(appeal_body), std::move(defaults), by, std::move(link),
           [out, done = std::move(done)](Result<int64_t> id) {
             if (!id.ok()) return done(id.status());
             done(*out);
           });
}

}  // namespace warmcity::eldercare
