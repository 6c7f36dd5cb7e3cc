// ErrandService's calls for a family member (role resident) linked to the
// elder (family_store.h): ask for an errand, read one, list hers — in the
// family view (errand_family_json). Whether an id exists is not told to a
// resident who holds no link: unknown and not hers are both kPermissionDenied.
#include <algorithm>
#include <memory>
#include <utility>

#include "core/time.h"
#include "eldercare/errand_jobs.h"
#include "eldercare/errand_service.h"
#include "eldercare/family_store.h"
#include "eldercare/service_jobs.h"

namespace warmcity::eldercare {

namespace {

// A family member's view of one errand: its team's phone (no member ids).
Result<ErrandView> family_view(store::Connection& c, Errand e, const Elder& elder,
                               const ErrandOptions& o) {
  if (Status s = fill_errand_extras(c, e, o); !s.ok()) return s;
  Result<std::optional<Team>> team = errand_team_of(c, e.team_id);
  if (!team.ok()) return team.status();
  ErrandView v{std::move(e), elder, View::kMasked, false, true, ""};
  if (*team) v.team_phone = (*team)->phone;
  return v;
}

// A resident who holds no link learns nothing, not even whether the id is
// taken: kNotFound becomes the same refusal as a link not held.
Status unlinked_if_unknown(const Status& s) {
  if (s.code() != Code::kNotFound) return s;
  return Status::PermissionDenied(
      "only a family member linked to her by her community's staff sees or asks for her errands");
}

// The resident's open link to the elder, or kPermissionDenied.
Status family_link_held(store::Connection& c, int64_t elder_id, const Caller& by) {
  Result<std::optional<FamilyLink>> link = open_family_link(c, elder_id, by.user_id);
  if (!link.ok()) return link.status();
  if (!*link) {
    return Status::PermissionDenied(
        "only a family member linked to her by her community's staff sees or asks for her "
        "errands");
  }
  return Status::Ok();
}

Status audit_family_read(store::Connection& c, const Caller& by, int64_t elder_id, int64_t at) {
  return accounts::append_audit(c,
                                entry(by, "personal_data.read", "elder", std::to_string(elder_id),
                                      accounts::AuditDetail()
                                          .add_strings("fields", {"name"})
                                          .add("view", "family")
                                          .add("purpose", "family")
                                          .str()),
                                at);
}

}  // namespace

void ErrandService::create_for_family(int64_t elder_id, ErrandInput in, Caller by,
                                      Done<Errand> done) {
  if (!options_.family) return done(Status::PermissionDenied("residents do not record errands"));
  if (in.in_same_write) {  // only staff's errands carry a link (a visit's raise)
    return done(Status::Internal("a family member's errand takes no in-job hook"));
  }
  {
    // Checked before the team on duty is read (the staff's rule, which she
    // does not pass); checked again inside the job.
    store::Connection& r = db_.reader();
    if (Status s = family_link_held(r, elder_id, by); !s.ok()) return done(s);
  }
  Caller as_desk{by.user_id, "admin", {}, by.client_address};  // who is on duty for her
  Result<OnDuty> duty = elders_.on_duty(elder_id, as_desk, now());
  if (!duty.ok()) return done(duty.status());
  auto out = std::make_shared<Errand>();
  db_.submit(
      [this, elder_id, in = std::move(in), duty = std::move(*duty), by, out](store::Connection& c) {
        Result<Elder> elder = get_elder(c, elder_id);
        if (!elder.ok()) return elder.status();
        Result<std::optional<FamilyLink>> link = open_family_link(c, elder_id, by.user_id);
        if (!link.ok()) return link.status();
        if (!*link) return family_link_held(c, elder_id, by);
        if (elder->closed) return Status::Conflict("the elder's record is closed");
        const int64_t at = now();
        Errand e = new_errand(*elder, in, by, at, options_.due_seconds, duty);
        e.from_family = true;
        if (Status s = insert_errand(c, e); !s.ok()) return s;
        if (Status s = insert_family_errand(c, e.id, (*link)->id); !s.ok()) return s;
        accounts::AuditDetail detail;
        detail.add("kind", e.work.kind).add("assign_reason", e.assign_reason).add("from", "family");
        if (e.team_id) detail.add("team_id", *e.team_id);
        if (Status s = record_errand_step(c, by, e, "create", detail.str(), at); !s.ok()) return s;
        *out = std::move(e);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ErrandService::read_as_family(int64_t id, Caller by, Done<ErrandDetail> done) {
  if (!options_.family) return done(Status::PermissionDenied(kNoAccess));
  auto out = std::make_shared<ErrandDetail>();
  db_.submit(
      [this, id, by, out](store::Connection& c) {
        Result<Errand> e = get_errand(c, id);
        if (!e.ok()) return unlinked_if_unknown(e.status());
        if (Status s = family_link_held(c, e->elder_id, by); !s.ok()) return s;
        Result<Elder> elder = get_elder(c, e->elder_id);
        if (!elder.ok()) return elder.status();
        Result<ErrandView> v = family_view(c, std::move(*e), *elder, options_);
        if (!v.ok()) return v.status();
        out->view = std::move(*v);
        return audit_family_read(c, by, elder->id, now());
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ErrandService::list_as_family(ErrandQuery q, Caller by, Done<ErrandPage> done) {
  if (!options_.family || !q.elder_id) {
    return done(Status::PermissionDenied(
        "a family member lists the errands of one of her elders: name elder_id"));
  }
  auto out = std::make_shared<ErrandPage>();
  db_.submit(
      [this, q = std::move(q), by, out](store::Connection& c) {
        if (Status s = family_link_held(c, *q.elder_id, by); !s.ok()) return s;
        Result<Elder> elder = get_elder(c, *q.elder_id);
        if (!elder.ok()) return elder.status();
        const int64_t at = now();
        ErrandFilter f;
        f.elder_id = q.elder_id;
        f.queue = q.queue;
        f.until = at;
        if (q.queue == ErrandQueue::kToday) {
          f.until = core::local_midnight_unix(core::local_date_of(at)) + 86400;
        }
        f.before_id = q.before_id;
        f.limit = std::max(q.limit, 1) + 1;  // one more tells whether a next page exists
        Result<std::vector<Errand>> rows = list_errands(c, f);
        if (!rows.ok()) return rows.status();
        if (rows->size() > static_cast<size_t>(std::max(q.limit, 1))) {
          rows->pop_back();
          out->next_before_id = rows->back().id;
        }
        for (Errand& e : *rows) {
          Result<ErrandView> v = family_view(c, std::move(e), *elder, options_);
          if (!v.ok()) return v.status();
          out->items.push_back(std::move(*v));
        }
        return audit_family_read(c, by, elder->id, at);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::eldercare
