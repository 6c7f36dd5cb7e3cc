#include "eldercare/elder_service.h"

#include <utility>

#include "core/time.h"
#include "eldercare/elder_json.h"
#include "eldercare/service_jobs.h"

namespace warmcity::eldercare {

Result<std::unique_ptr<ElderService>> ElderService::open(store::Database& db, Locator locate,
                                                         std::function<int64_t()> now) {
  if (!locate) return Status::InvalidArgument("the elder service needs a locator");
  return std::unique_ptr<ElderService>(new ElderService(db, std::move(locate), std::move(now)));
}

int64_t ElderService::now() const { return now_ ? now_() : core::now_unix(); }

Status ElderService::apply(Elder& e, const ElderInput& in, const Caller& by, int64_t at) const {
  std::vector<FieldError> errors;
  if (in.name) e.name = *in.name;
  if (in.phones) e.phones = *in.phones;
  if (in.address) e.address = *in.address;
  if (in.birth_date) e.birth_date = *in.birth_date;
  if (in.categories) e.categories = *in.categories;
  if (in.risk_tier) e.risk_tier = *in.risk_tier;
  if (in.emergency_contacts) e.emergency_contacts = *in.emergency_contacts;
  if (in.consent) e.consent = {in.consent->basis, in.consent->note, by.user_id, at};
  if (in.health_consent) {
    if (*in.health_consent) {
      e.health_consent =
          Consent{(*in.health_consent)->basis, (*in.health_consent)->note, by.user_id, at};
    } else {
      e.health_consent.reset();
      e.needs.reset();  // no health details without consent
    }
  }
  if (in.needs) {
    e.needs = *in.needs;
    if (e.needs && !e.health_consent) {
      errors.push_back({"needs",
                        "health details are held only with the elder's separate consent: "
                        "record health_consent first"});
    }
  }
  if (in.lat && in.lon) {
    e.lat = *in.lat;
    e.lon = *in.lon;
    const areas::Location where = locate_(e.lat, e.lon);
    if (!where.grid) {
      errors.push_back({"lat",
                        "the position lies outside every grid of the district: an elder is "
                        "served by the team of her grid"});
    } else {
      e.grid_id = where.grid->id;
      e.community_id = where.community ? std::optional(where.community->id) : std::nullopt;
      e.subdistrict_id = where.subdistrict ? std::optional(where.subdistrict->id) : std::nullopt;
    }
  }
  if (e.id == 0) {
    const std::pair<bool, const char*> required[] = {{e.name.empty(), "name"},
                                                     {e.phones.empty(), "phones"},
                                                     {e.address.empty(), "address"},
                                                     {!in.lat, "lat"},
                                                     {e.birth_date.empty(), "birth_date"},
                                                     {!in.consent, "consent"}};
    for (const auto& [missing, field] : required) {
      if (missing) errors.push_back({field, "required"});
    }
  }
  if (!errors.empty()) return Status::Unprocessable("the elder's record is not valid", errors);
  return Status::Ok();
}

void ElderService::create(ElderInput in, Caller by, Done<ElderView> done) {
  auto out = std::make_shared<ElderView>();
  db_.submit(
      [this, in = std::move(in), by, out](store::Connection& c) {
        const int64_t at = now();
        Elder e;
        e.created_at = e.updated_at = at;
        if (Status s = apply(e, in, by, at); !s.ok()) return s;
        if (!may_change(e, by)) {
          return Status::PermissionDenied(
              "only admins and the workers of the elder's grid or community record an elder");
        }
        if (Status s = insert_elder(c, e); !s.ok()) return s;
        if (Status s = record_change(c, by, e.id, "create", "{}", at); !s.ok()) return s;
        *out = {std::move(e), View::kFull};
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ElderService::read(int64_t id, Caller by, Done<ElderView> done) {
  auto out = std::make_shared<ElderView>();
  db_.submit(
      [this, id, by, out](store::Connection& c) {
        Result<Elder> e = get_elder(c, id);
        if (!e.ok()) return e.status();
        const View v = view_of(*e, by);
        if (v == View::kNone) return Status::PermissionDenied(kNoAccess);
        if (Status s = audit_read(c, by, *e, v, now(), "read"); !s.ok()) return s;
        *out = {std::move(*e), v};
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ElderService::list(ElderQuery q, Caller by, Done<std::vector<ElderView>> done) {
  auto out = std::make_shared<std::vector<ElderView>>();
  db_.submit(
      [this, q = std::move(q), by, out](store::Connection& c) {
        ElderFilter f;
        if (by.role == "volunteer") {
          f.team_member = by.user_id;  // her team's elders, wherever they live
        } else {
          f.in_areas = listable_areas(by);
          if (f.in_areas && f.in_areas->empty()) return Status::Ok();
        }
        f.community_id = q.community_id;
        f.risk_tier = q.risk_tier;
        f.category = q.category;
        f.closed = q.closed;
        f.before_id = q.before_id;
        f.limit = q.limit;
        Result<std::vector<Elder>> rows = list_elders(c, f);
        if (!rows.ok()) return rows.status();
        std::vector<int64_t> ids;
        for (Elder& e : *rows) {
          const View v = view_of(e, by);
          if (v == View::kNone) continue;
          ids.push_back(e.id);
          out->push_back({std::move(e), v});
        }
        if (ids.empty()) return Status::Ok();
        return accounts::append_audit(
            c,
            entry(by, "personal_data.read", "elder_list", "",
                  accounts::AuditDetail().add_ints("ids", ids).add("purpose", "list").str()),
            now());
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ElderService::correct(int64_t id, ElderInput in, Caller by, Done<ElderView> done) {
  auto out = std::make_shared<ElderView>();
  db_.submit(
      [this, id, in = std::move(in), by, out](store::Connection& c) {
        Result<Elder> e = changeable(c, id, by);
        if (!e.ok()) return e.status();
        if (e->closed) return Status::Conflict("the record is closed: it is kept, not changed");
        const Elder before = *e;
        const int64_t at = now();
        if (Status s = apply(*e, in, by, at); !s.ok()) return s;
        if (!may_change(*e, by)) {
          return Status::PermissionDenied("the new position lies outside the caller's areas");
        }
        // A team serves the elders of its own community: a move to another
        // community ends the pairing (and the old team's view of her).
        if (e->community_id != before.community_id) {
          e->team_id.reset();
          e->team_members.clear();
        }
        const Changes changes = changes_of(before, *e);
        if (!changes.fields.empty()) {
          e->updated_at = at;
          if (Status s = update_elder(c, *e); !s.ok()) return s;
          if (Status s = record_changes(c, by, id, "correct", changes, at); !s.ok()) return s;
        }
        *out = {std::move(*e), View::kFull};
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ElderService::close(int64_t id, CloseInput in, Caller by, Done<ElderView> done) {
  auto out = std::make_shared<ElderView>();
  db_.submit(
      [this, id, in = std::move(in), by, out](store::Connection& c) {
        Result<Elder> e = changeable(c, id, by);
        if (!e.ok()) return e.status();
        if (e->closed) return Status::Conflict("the record is already closed");
        const int64_t at = now();
        e->closed = true;
        e->closed_reason = in.reason;
        e->closed_note = in.note;
        e->closed_at = e->updated_at = at;
        if (Status s = update_elder(c, *e); !s.ok()) return s;
        if (Status s = revoke_active_card(c, *e, by, at, "closed"); !s.ok()) return s;
        const std::string detail =
            accounts::AuditDetail().add("reason", in.reason).add("note", in.note).str();
        if (Status s = record_change(c, by, id, "close", detail, at); !s.ok()) return s;
        *out = {std::move(*e), View::kFull};
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ElderService::export_record(int64_t id, Caller by, Done<ElderExport> done) {
  auto out = std::make_shared<ElderExport>();
  db_.submit(
      [this, id, by, out](store::Connection& c) {
        Result<Elder> e = changeable(c, id, by);
        if (!e.ok()) return e.status();
        Result<std::vector<ElderEvent>> history = list_events(c, id);
        if (!history.ok()) return history.status();
        Result<std::vector<Card>> cards = cards_of(c, id);
        if (!cards.ok()) return cards.status();
        out->cards = std::move(*cards);
        if (Status s = audit_read(c, by, *e, View::kFull, now(), "export"); !s.ok()) return s;
        out->elder = std::move(*e);
        out->history = std::move(*history);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::eldercare
